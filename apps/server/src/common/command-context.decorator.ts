import { BadRequestException, createParamDecorator, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import type { CommandContext } from '@shuangsui/application';
import type { Actor } from '@shuangsui/domain';
import { randomUUID } from 'node:crypto';
import { correlationIdOf, HEADER_TOKEN as TOKEN } from '../http/correlation-id';
import type { AuthenticatedRequest } from '../auth/request-identity';
import { validationFailed } from './error-body';
import type { FieldViolation } from './validation-messages';

/**
 * If-Match is the exact, strong entity tag GET /inspections/:id sent (`"3"`); a bare `3` is read the
 * same (clients that strip the quotes). A weak tag (`W/"3"`) promises only "about the same", `*` or
 * a list match more than one revision: none of them says which revision the caller read.
 */
const IF_MATCH = /^(?:"(\d{1,15})"|(\d{1,15}))$/;

/**
 * Builds the command's context. The actor is the verified identity the AuthGuard left on the request
 * (never a header or a body field), acting in the role the route's @Roles matched. Idempotency-Key
 * becomes the command id, If-Match an exact expected revision (the ETag of GET /inspections/:id). The
 * correlation id is the request's (X-Correlation-Id, or the one generated for it and echoed back).
 */
export function commandContextFrom(request: AuthenticatedRequest): CommandContext {
  const header = (name: string): string | undefined => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const violations: FieldViolation[] = [];
  const actor = actorOf(request);
  const idempotencyKey = header('Idempotency-Key');
  const correlationId = header('X-Correlation-Id');
  const ifMatch = header('If-Match');

  if (idempotencyKey !== undefined && !TOKEN.test(idempotencyKey)) violations.push({ field: 'header:Idempotency-Key', rule: 'matches', message: '请求头 Idempotency-Key 格式不正确（1–200位字母、数字或 ._:@-）' });
  if (correlationId !== undefined && !TOKEN.test(correlationId)) violations.push({ field: 'header:X-Correlation-Id', rule: 'matches', message: '请求头 X-Correlation-Id 格式不正确' });
  const match = ifMatch === undefined ? null : IF_MATCH.exec(ifMatch.trim());
  const expected = match ? (match[1] ?? match[2]) : undefined;
  if (ifMatch !== undefined && expected === undefined) {
    violations.push({ field: 'header:If-Match', rule: 'strongETag', message: '请求头 If-Match 必须是案件的确切版本号（如 "3"，不接受 W/ 弱校验或 *）' });
  }
  if (violations.length > 0) throw new BadRequestException(validationFailed(violations));

  const commandId = idempotencyKey ?? randomUUID();
  return {
    actor,
    commandId,
    correlationId: correlationId ?? correlationIdOf(request) ?? commandId,
    causationId: commandId,
    expectedRevision: expected === undefined ? undefined : Number(expected),
  };
}

/** The signed-in actor; the guard has run, so a missing identity is a route wrongly marked @Public(). */
export function actorOf(request: AuthenticatedRequest): Actor {
  const identity = request.identity;
  const role = request.actingRole ?? identity?.roles[0];
  if (!identity || !role) throw new UnauthorizedException({ statusCode: 401, error: 'Unauthenticated', message: '请先登录' });
  return { id: identity.username, role };
}

export const Command = createParamDecorator((_: unknown, context: ExecutionContext) => commandContextFrom(context.switchToHttp().getRequest<AuthenticatedRequest>()));

/** The signed-in actor alone, for reads that depend on who asks (an inspector's own cases). */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext) => actorOf(context.switchToHttp().getRequest<AuthenticatedRequest>()));
