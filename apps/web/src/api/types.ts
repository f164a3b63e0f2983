/**
 * The API's response shapes, imported (as types only) from the code that produces them, so a change
 * on the server breaks this build rather than a user's page. Nothing here is bundled: `import type`
 * is erased.
 */
export type { AccountView, CaseView, HistoryEntry, PlanView, PublicDrawItem, PublicDrawStatus, QuotaView } from '@shuangsui/application';
export type { DrawResponse } from '../../../server/src/draws/draws.controller';
export type { DirectoryChange, UnitRecord } from '../../../server/src/directories/directory-records.controller';
export type { AuditEntry, AuditPage, ImportReport, LogVerification } from '@shuangsui/application';
export type { Inspector, Unit } from '@shuangsui/domain/directory';
export type { AccountList, AccountListItem, CaseListItem, CaseListPage, Inbox, UnitPage, OverdueCase, OverdueReport, PlanProgress, PlanSummary, ProgressCounts } from '@shuangsui/projections';
export type { LoginResponse } from '../../../server/src/auth/auth.controller';
export type { Reminder, Role } from '@shuangsui/domain';

export type { ErrorBody } from '../../../server/src/common/error-body';
