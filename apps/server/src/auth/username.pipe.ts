import { BadRequestException, Injectable, type PipeTransform } from '@nestjs/common';
import { USERNAME_PATTERN } from '@shuangsui/domain';
import { validationFailed } from '../common/error-body';

@Injectable()
export class UsernamePipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!USERNAME_PATTERN.test(value)) {
      throw new BadRequestException(validationFailed([{ field: 'username', rule: 'matches', message: '用户名格式不正确（1–128位字母、数字或 ._:@-）' }]));
    }
    return value;
  }
}
