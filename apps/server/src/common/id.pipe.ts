import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validationFailed } from './error-body';

/** Case, draw and plan ids: what the event streams are named with. */
export const ID = /^[A-Za-z0-9._:-]{1,100}$/;

/** Validates an id in the path or the query; the message names the parameter. */
@Injectable()
export class IdPipe implements PipeTransform<unknown, string | undefined> {
  transform(value: unknown, metadata: ArgumentMetadata): string | undefined {
    if (value === undefined && metadata.type === 'query') return undefined;
    if (typeof value !== 'string' || !ID.test(value)) {
      const field = metadata.data ?? 'id';
      throw new BadRequestException(validationFailed([{ field, rule: 'matches', message: `${field} 格式不正确（1–100位字母、数字或 ._:-）` }]));
    }
    return value;
  }
}
