import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import {
  ApplicationError,
  BusinessRuleError,
  CaseNotFoundError,
  ConcurrencyConflictError,
  ForbiddenCommandError,
  IdempotencyKeyReusedError,
  InvalidTransitionError,
} from '@shuangsui/application';
import { CalendarNotCoveredError } from '@shuangsui/domain';
import { ReadModelLagError } from '@shuangsui/projections';
import type { Response } from 'express';
import type { ErrorBody } from './error-body';
import { frameworkErrorBody } from './framework-errors';

/** Application errors that other features add register their mapping here. */
export type ErrorMapper = (error: ApplicationError) => ErrorBody | null;
const extraMappers: ErrorMapper[] = [];
export function registerErrorMapper(mapper: ErrorMapper): void {
  extraMappers.push(mapper);
}

function applicationErrorBody(error: ApplicationError): ErrorBody | null {
  if (error instanceof CaseNotFoundError) return { statusCode: 404, error: 'CaseNotFound', message: error.message, caseId: error.caseId };
  if (error instanceof InvalidTransitionError) {
    return { statusCode: 409, error: 'InvalidTransition', message: error.message, command: error.command, state: error.state, allowedCommands: error.allowedCommands };
  }
  if (error instanceof ConcurrencyConflictError) {
    return { statusCode: 409, error: 'ConcurrencyConflict', message: error.message, expectedRevision: error.expectedRevision, actualRevision: error.actualRevision };
  }
  if (error instanceof BusinessRuleError) {
    return { statusCode: 400, error: 'BusinessRuleViolated', message: error.message, violations: [error.violation] };
  }
  if (error instanceof ForbiddenCommandError) {
    return { statusCode: 403, error: 'Forbidden', message: error.message, command: error.command, allowedRoles: error.allowedRoles };
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return { statusCode: 422, error: 'IdempotencyKeyReused', message: error.message };
  }
  for (const mapper of extraMappers) {
    const body = mapper(error);
    if (body) return body;
  }
  return null;
}

/**
 * Known conditions that the operator, not the user, must fix or wait out: a 503 naming what is missing,
 * never a 500 "internal error".
 */
function serviceUnavailableBody(error: unknown): ErrorBody | null {
  if (error instanceof CalendarNotCoveredError) {
    return { statusCode: 503, error: 'CalendarNotLoaded', message: `${error.message}（文件：日历目录下的 ${error.year}.json，见 docs/operations.md）`, year: error.year, coveredYears: error.coveredYears };
  }
  if (error instanceof ReadModelLagError) return { statusCode: 503, error: 'ReadModelBehind', message: error.message };
  return null;
}

/** Bodies built by this app carry a one-word error code; NestJS's own say "Bad Request" etc. */
function isOwnErrorBody(payload: unknown): payload is ErrorBody {
  const error = (payload as { error?: unknown } | null)?.error;
  return typeof payload === 'object' && payload !== null && typeof error === 'string' && /^[A-Z][A-Za-z]+$/.test(error) && 'message' in payload;
}

/**
 * One place that turns every failure into the API's error shape. A user's mistake never
 * becomes a 500; an unexpected failure is a 500 with a generic message and a logged stack.
 */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    const unavailable = serviceUnavailableBody(exception);
    if (unavailable) return unavailable;
    if (exception instanceof ApplicationError) {
      const body = applicationErrorBody(exception);
      if (body) return body;
    }
    if (exception instanceof HttpException && isOwnErrorBody(exception.getResponse())) return exception.getResponse() as ErrorBody;
    return frameworkErrorBody(exception) ?? { statusCode: 500, error: 'InternalError', message: '服务器内部错误，请联系管理员' };
  }
}
