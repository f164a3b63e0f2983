import type { Projection } from '../projection';
import { accountsProjection } from './accounts.projection';
import { caseListProjection } from './case-list.projection';
import { directoryProjection } from './directory.projection';
import { disclosureProjection } from './disclosure.projection';
import { planProjection } from './plan.projection';
import { progressProjection } from './progress.projection';
import { referralsProjection } from './referrals.projection';
import { remindersProjection } from './reminders.projection';
import { unitHistoryProjection } from './unit-history.projection';

/** Every read model the server keeps and `replay` rebuilds. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  progressProjection,
  disclosureProjection,
  referralsProjection,
  planProjection,
  directoryProjection,
  unitHistoryProjection,
  caseListProjection,
  remindersProjection,
  accountsProjection,
];
