import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { validationFailed } from './error-body';
import { toFieldViolations } from './validation-messages';

/** Unknown fields are refused, not silently dropped: a typo must not pass as "no value". */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new BadRequestException(validationFailed(toFieldViolations(errors))),
  });
}
