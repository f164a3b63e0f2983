import { chineseMonth } from '@shuangsui/domain';
import { ApplicationError } from '../errors';

export class PlanNotFoundError extends ApplicationError {
  override readonly name = 'PlanNotFoundError';
  constructor(readonly planId: string) {
    super(`抽查计划 ${planId} 不存在`);
  }
}

export class PlanAlreadyExistsError extends ApplicationError {
  override readonly name = 'PlanAlreadyExistsError';
  constructor(readonly planId: string) {
    super(`抽查计划 ${planId} 已存在，不能重复制定`);
  }
}

export class QuotaAlreadySetError extends ApplicationError {
  override readonly name = 'QuotaAlreadySetError';
  constructor(readonly planId: string, readonly month: string) {
    super(`计划 ${planId} 的${chineseMonth(month)}抽查数已设定，抽取名录已冻结，不能再次设定`);
  }
}

export class QuotaNotSetError extends ApplicationError {
  override readonly name = 'QuotaNotSetError';
  constructor(readonly planId: string, readonly month: string) {
    super(`计划 ${planId} 的${chineseMonth(month)}抽查数尚未设定`);
  }
}
