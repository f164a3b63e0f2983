import type { InspectionStatus, RuleViolation } from '@shuangsui/domain';

/**
 * What can go wrong handling a command, as types the API maps to HTTP statuses. Messages are for
 * people (Simplified Chinese); the fields carry the machine-readable detail.
 */
export abstract class ApplicationError extends Error {}

export class CaseNotFoundError extends ApplicationError {
  override readonly name = 'CaseNotFoundError';
  constructor(readonly caseId: string) {
    super(`检查案件 ${caseId} 不存在`);
  }
}

export class InvalidTransitionError extends ApplicationError {
  override readonly name = 'InvalidTransitionError';
  constructor(
    readonly caseId: string,
    readonly command: string,
    readonly state: InspectionStatus,
    readonly allowedCommands: readonly string[],
  ) {
    super(
      `案件当前状态为“${state.lifecycle}”（隐患移交：${state.referral}），不能执行“${command}”；当前允许的操作：${allowedCommands.join('、') || '无'}`,
    );
  }
}

export class BusinessRuleError extends ApplicationError {
  override readonly name = 'BusinessRuleError';
  constructor(readonly violation: RuleViolation) {
    super(violation.message);
  }
}

export class ConcurrencyConflictError extends ApplicationError {
  override readonly name = 'ConcurrencyConflictError';
  constructor(
    readonly streamId: string,
    readonly expectedRevision: number | string,
    readonly actualRevision: number | string,
  ) {
    super(`案件已被他人同时修改（期望版本 ${expectedRevision}，实际版本 ${actualRevision}），请刷新后重试`);
  }
}

export class ForbiddenCommandError extends ApplicationError {
  override readonly name = 'ForbiddenCommandError';
  constructor(readonly command: string, readonly role: string, readonly allowedRoles: readonly string[]) {
    super(`角色“${role}”无权执行“${command}”（允许的角色：${allowedRoles.join('、')}）`);
  }
}

export class IdempotencyKeyReusedError extends ApplicationError {
  override readonly name = 'IdempotencyKeyReusedError';
  constructor(readonly key: string, readonly firstCommand: string, readonly command: string) {
    super(
      firstCommand === command
        ? `幂等键 ${key} 已用于内容不同的“${command}”请求；重发请求必须与第一次完全相同，新的请求请使用新的幂等键`
        : `幂等键 ${key} 已用于“${firstCommand}”，不能再用于“${command}”`,
    );
  }
}

/** The role may send the command, but not on this case (an inspector not assigned to it). HTTP 403. */
export class CaseAccessDeniedError extends ApplicationError {
  override readonly name = 'CaseAccessDeniedError';
  constructor(readonly caseId: string, readonly violation: RuleViolation) {
    super(violation.message);
  }
}
