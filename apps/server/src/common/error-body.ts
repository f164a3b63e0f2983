import type { FieldViolation } from './validation-messages';

/**
 * Every error the API returns has this shape: `error` is a stable English code for programs,
 * `message` a Simplified Chinese sentence for people, plus details named by the error.
 */
export interface ErrorBody {
  readonly statusCode: number;
  readonly error: string;
  readonly message: string;
  readonly violations?: readonly FieldViolation[];
  readonly [detail: string]: unknown;
}

export function validationFailed(violations: readonly FieldViolation[]): ErrorBody {
  return {
    statusCode: 400,
    error: 'ValidationFailed',
    message: `请求参数不合法：${violations.map((v) => v.message).join('；')}`,
    violations,
  };
}
