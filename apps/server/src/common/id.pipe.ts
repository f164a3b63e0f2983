import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { validationFailed } from './error-body';

const CASE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

@Injectable()
export class CaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!CASE_ID.test(value)) {
      throw new BadRequestException(validationFailed([{ field: 'id', rule: 'matches', message: '案件编号格式不正确（1–100位字母、数字或 ._:-）' }]));
    }
    return value;
  }
}
