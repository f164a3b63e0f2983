import { planDecider, quotaDecider, type PlanCommand, type PlanEvent, type PlanRejection, type PlanState, type QuotaCommand, type QuotaEvent, type QuotaRejection, type QuotaState } from '@shuangsui/domain/plan';
import type { StreamKind } from '../commands';
import { BusinessRuleError } from '../errors';
import { COMMAND_ROLES } from '../permissions';
import { PlanAlreadyExistsError, QuotaAlreadySetError, QuotaNotSetError } from './plan.errors';

export const PLAN_STREAM: StreamKind<PlanCommand, PlanEvent, PlanState, PlanRejection> = {
  decider: planDecider,
  commandRoles: { adoptPlan: COMMAND_ROLES.adoptPlan },
  rejectionError: (rejection) => (rejection.kind === 'planAlreadyExists' ? new PlanAlreadyExistsError(rejection.planId) : new BusinessRuleError(rejection)),
};

export const QUOTA_STREAM: StreamKind<QuotaCommand, QuotaEvent, QuotaState, QuotaRejection> = {
  decider: quotaDecider,
  commandRoles: { setQuota: COMMAND_ROLES.setQuota, reopenDrawRound: COMMAND_ROLES.reopenDrawRound },
  rejectionError: (rejection) => {
    switch (rejection.kind) {
      case 'quotaAlreadySet':
        return new QuotaAlreadySetError(rejection.planId, rejection.month);
      case 'quotaNotSet':
        return new QuotaNotSetError(rejection.planId, rejection.month);
      case 'ruleViolation':
        return new BusinessRuleError(rejection);
    }
  },
};
