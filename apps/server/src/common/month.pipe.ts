import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { validationFailed } from './error-body';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A month in the path (`YYYY-MM`); the message names the parameter. */
@Injectable()
export class MonthPipe implements PipeTransform<unknown, string> {
  transform(value: unknown, metadata: ArgumentMetadata): string {
    if (typeof value !== 'string' || !MONTH.test(value)) {
      const field = metadata.data ?? 'month';
      throw new BadRequestException(validationFailed([{ field, rule: 'month', message: `${field} 格式应为YYYY-MM` }]));
    }
    return value;
  }
}
