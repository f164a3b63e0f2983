import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { CommandContext } from '@shuangsui/application';
import { ROLES, type Role } from '@shuangsui/domain';
import { randomUUID } from 'node:crypto';
import type { Request } from 'express';
import { validationFailed } from './error-body';
import type { FieldViolation } from './validation-messages';

const TOKEN = /^[A-Za-z0-9._:@-]{1,200}$/;

/**
 * Builds the command's context from headers. Authentication is the gateway's job; it passes the
 * authenticated actor as X-Actor-Id / X-Actor-Role. Idempotency-Key becomes the command id, If-Match
 * an exact expected revision (the ETag of GET /inspections/:id).
 */
export function commandContextFrom(request: Request): CommandContext {
  const header = (name: string): string | undefined => {
    const value = request.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
  };
  const violations: FieldViolation[] = [];
  const actorId = header('X-Actor-Id');
  const role = header('X-Actor-Role');
  const idempotencyKey = header('Idempotency-Key');
  const correlationId = header('X-Correlation-Id');
  const ifMatch = header('If-Match');

  if (!actorId || !TOKEN.test(actorId)) violations.push({ field: 'header:X-Actor-Id', rule: 'required', message: '请求头 X-Actor-Id（操作人）缺失或格式不正确' });
  if (!ROLES.includes(role as Role)) violations.push({ field: 'header:X-Actor-Role', rule: 'isIn', message: `请求头 X-Actor-Role 必须是 ${ROLES.join('、')} 之一` });
  if (idempotencyKey !== undefined && !TOKEN.test(idempotencyKey)) violations.push({ field: 'header:Idempotency-Key', rule: 'matches', message: '请求头 Idempotency-Key 格式不正确（1–200位字母、数字或 ._:@-）' });
  if (correlationId !== undefined && !TOKEN.test(correlationId)) violations.push({ field: 'header:X-Correlation-Id', rule: 'matches', message: '请求头 X-Correlation-Id 格式不正确' });
  const expected = ifMatch === undefined ? undefined : /^(W\/)?"?(-?\d{1,15})"?$/.exec(ifMatch.trim())?.[2];
  if (ifMatch !== undefined && expected === undefined) violations.push({ field: 'header:If-Match', rule: 'isInt', message: '请求头 If-Match 必须是案件版本号' });
  if (violations.length > 0) throw new BadRequestException(validationFailed(violations));

  const commandId = idempotencyKey ?? randomUUID();
  return {
    actor: { id: actorId as string, role: role as Role },
    commandId,
    correlationId: correlationId ?? commandId,
    causationId: commandId,
    expectedRevision: expected === undefined ? undefined : Number(expected),
  };
}

export const Command = createParamDecorator((_: unknown, context: ExecutionContext) => commandContextFrom(context.switchToHttp().getRequest<Request>()));
