import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { validationFailed } from './error-body';
import { normaliseInput } from './normalise-input';
import { toFieldViolations, type FieldViolation } from './validation-messages';

/**
 * The global pipe. Unknown fields are refused, not silently dropped: a typo must not pass as "no
 * value". Bodies, queries and route parameters are normalised first (normalise-input.ts).
 */
class InputValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom') return super.transform(value, metadata);
    const violations: FieldViolation[] = [];
    if (metadata.data !== undefined && Array.isArray(value)) {
      // `?month=a&month=b`: a named parameter is one value.
      violations.push({ field: metadata.data, rule: 'isString', message: `参数 ${metadata.data} 只能出现一次` });
    }
    if (metadata.type === 'body' && metadata.data === undefined && value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) {
      violations.push({ field: 'body', rule: 'isObject', message: '请求体必须是 JSON 对象' });
    }
    const clean = normaliseInput(value, metadata.data ?? '', violations);
    if (violations.length > 0) throw new BadRequestException(validationFailed(violations));
    return super.transform(clean, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new InputValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(validationFailed(toFieldViolations(errors))),
  });
}
