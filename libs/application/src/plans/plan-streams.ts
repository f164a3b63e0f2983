import { planDecider, quotaDecider, type PlanCommand, type PlanEvent, type PlanRejection, type PlanState, type QuotaCommand, type QuotaEvent, type QuotaRejection, type QuotaState } from '@shuangsui/domain/plan';
import type { StreamKind } from '../commands';
import { BusinessRuleError } from '../errors';
import { COMMAND_ROLES } from '../permissions';
import { PlanAlreadyExistsError, QuotaAlreadySetError } from './plan.errors';

export const PLAN_STREAM: StreamKind<PlanCommand, PlanEvent, PlanState, PlanRejection> = {
  decider: planDecider,
  commandRoles: { adoptPlan: COMMAND_ROLES.adoptPlan },
  rejectionError: (rejection) => (rejection.kind === 'planAlreadyExists' ? new PlanAlreadyExistsError(rejection.planId) : new BusinessRuleError(rejection)),
};

export const QUOTA_STREAM: StreamKind<QuotaCommand, QuotaEvent, QuotaState, QuotaRejection> = {
  decider: quotaDecider,
  commandRoles: { setQuota: COMMAND_ROLES.setQuota },
  rejectionError: (rejection) =>
    rejection.kind === 'quotaAlreadySet' ? new QuotaAlreadySetError(rejection.planId, rejection.month) : new BusinessRuleError(rejection),
};
