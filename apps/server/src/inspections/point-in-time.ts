import { BadRequestException } from '@nestjs/common';
import type { PointInTime } from '@shuangsui/application';
import { validationFailed } from '../common/error-body';

/** `?at=` is a revision (an integer ≥ 0) or an ISO-8601 instant with a time zone. */
export function parsePointInTime(at: string): PointInTime {
  if (/^\d{1,15}$/.test(at)) return { revision: Number(at) };
  if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(at) && !Number.isNaN(Date.parse(at))) return { time: at };
  throw new BadRequestException(
    validationFailed([{ field: 'at', rule: 'revisionOrInstant', message: 'at 必须是版本号（非负整数）或带时区的 ISO-8601 时间' }]),
  );
}
