import type { DrawFailure } from '@shuangsui/domain/draw';
import type { RuleViolation } from '@shuangsui/domain';
import { ApplicationError } from '../errors';

export class DrawAlreadyPerformedError extends ApplicationError {
  override readonly name = 'DrawAlreadyPerformedError';
  constructor(readonly drawId: string) {
    super(`${drawId} 已完成抽取，不能再次抽取；如确需重新抽取，须另行登记重新抽取并说明理由`);
  }
}

export class DrawNotFoundError extends ApplicationError {
  override readonly name = 'DrawNotFoundError';
  constructor(readonly drawId: string) {
    super(`抽取记录 ${drawId} 不存在`);
  }
}

/** The pure draw refused: nothing was recorded. Names the unit when no valid inspector pair exists. */
export class DrawFailedError extends ApplicationError {
  override readonly name = 'DrawFailedError';
  constructor(readonly failure: DrawFailure) {
    super(`抽取未能完成，未记录任何结果：${failure.message}`);
  }
}

/** The month's secret is not in the secret store: the draw cannot reveal what was committed. */
export class DrawSecretMissingError extends ApplicationError {
  override readonly name = 'DrawSecretMissingError';
  constructor(readonly commitment: string) {
    super(`找不到与承诺值 ${commitment.slice(0, 12)}… 对应的种子原文，无法抽取；请检查种子存储目录`);
  }
}

/**
 * A version-2 draw that may not run yet or again (409): before the beacon moment, or on a commitment
 * round an earlier record already used. `state` and `allowed` say where the round stands and what next.
 */
export class DrawRoundNotReadyError extends ApplicationError {
  override readonly name = 'DrawRoundNotReadyError';
  constructor(
    message: string,
    readonly state: 'awaiting-beacon' | 'drawn',
    readonly allowed: readonly string[],
    readonly details: { readonly availableAt?: string; readonly commitmentEventId?: string },
  ) {
    super(message);
  }
}

/** A reveal that does not match what was committed at the freeze (422): nothing is recorded. */
export class DrawRevealRejectedError extends ApplicationError {
  override readonly name = 'DrawRevealRejectedError';
  constructor(readonly violation: RuleViolation) {
    super(violation.message);
  }
}
