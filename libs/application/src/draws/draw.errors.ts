import type { DrawFailure } from '@shuangsui/domain/draw';
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
 * The month's commitment is a version-2 round (beacon and witness commitments): a version-1 draw would
 * ignore them, so it is refused until the v2 draw path is served (docs/draw-algorithm.md Part II).
 */
export class DrawNeedsV2Error extends ApplicationError {
  override readonly name = 'DrawNeedsV2Error';
  constructor(readonly commitmentEventId: string) {
    super('本月承诺登记了公开随机源和见证人输入承诺（第2版算法），不能按第1版算法抽取');
  }
}
