import { LOGIN_ROLES, type AccountCommand, type DocumentNumberCommand, type DrawCommand, type InspectionCommandType, type Role } from '@shuangsui/domain';
import type { InspectorCommand, UnitCommand } from '@shuangsui/domain/directory';
import type { PlanCommand, QuotaCommand } from '@shuangsui/domain/plan';
import type { SignTreeHead } from '@shuangsui/domain/transparency';

/**
 * The one source of truth for who may send which command (docs/domain.md §2 "Roles"). The generic command
 * handler checks it on every command; the HTTP guard, the OpenAPI document and docs/security.md read
 * it through each route's `@CommandRoles(type)`. `system` is the process managers' own actor; no
 * account can hold it.
 */
export const INSPECTION_COMMAND_ROLES: Record<InspectionCommandType, readonly Role[]> = {
  draw: ['system', 'planner'],
  assign: ['system', 'planner'],
  reassign: ['system', 'planner'],
  recordResult: ['inspector'],
  review: ['reviewer'],
  publish: ['planner', 'reviewer', 'system'],
  cancel: ['planner', 'system'],
  openReferral: ['system', 'planner'],
  issueRectificationOrder: ['inspector', 'planner'],
  recordReinspection: ['inspector'],
  closeReferral: ['planner', 'reviewer'],
  escalateReferral: ['planner', 'reviewer', 'system'],
};

type CommandType =
  | InspectionCommandType
  | PlanCommand['type']
  | QuotaCommand['type']
  | DrawCommand['type']
  | UnitCommand['type']
  | InspectorCommand['type']
  | AccountCommand['type']
  | DocumentNumberCommand['type']
  | SignTreeHead['type'];

export const COMMAND_ROLES: Record<CommandType, readonly Role[]> = {
  ...INSPECTION_COMMAND_ROLES,
  adoptPlan: ['planner'],
  setQuota: ['planner'],
  reopenDrawRound: ['planner'],
  performDraw: ['planner'],
  redraw: ['planner'],
  performDrawV2: ['planner'],
  redrawV2: ['planner'],
  completeDrawFollowUp: ['system', 'planner'],
  importUnit: ['planner'],
  importInspector: ['planner'],
  // The first administrator is created by the software at first start (`system`), later ones by admins.
  createAccount: ['admin', 'system'],
  grantRole: ['admin'],
  revokeRole: ['admin'],
  disableAccount: ['admin'],
  // Self-service: the application also checks that the actor is the account itself (or an admin).
  changePassword: LOGIN_ROLES,
  startSession: LOGIN_ROLES,
  endSession: LOGIN_ROLES,
  // A document's number is given out when someone who may read the case first fetches the document.
  allocateDocumentNumber: ['planner', 'inspector', 'reviewer', 'supervisor', 'auditor', 'system'],
  // The transparency log's heads are signed by the leading server alone (docs/transparency-log.md).
  signTreeHead: ['system'],
};

export type KnownCommandType = CommandType;

/**
 * Who may read what. Reads are not commands, so they are named here once and each GET route says
 * which entry it uses (`@Roles(...QUERY_ROLES.cases)`).
 */
export const QUERY_ROLES = {
  /** Case views and histories. An inspector sees only the cases they are assigned to. */
  cases: ['planner', 'inspector', 'reviewer', 'supervisor', 'auditor'],
  /** The live feed of every case's changes (no per-case filtering, so no inspectors). */
  caseFeed: ['planner', 'reviewer', 'supervisor', 'auditor'],
  /** Plans, quotas, progress, referrals, draw records. */
  planning: ['planner', 'reviewer', 'supervisor', 'auditor'],
  /** One's own reminders inbox: each sees what concerns them (an inspector their own cases). */
  reminders: ['planner', 'inspector', 'reviewer', 'supervisor', 'auditor'],
  /** Unit contacts and inspectors' certificates. */
  personalData: ['planner', 'supervisor', 'auditor'],
  /** Projection status (operations). */
  operations: ['admin', 'planner', 'supervisor', 'auditor'],
  /** Every command by actor, time, case and outcome. */
  audit: ['auditor'],
  /** Accounts and their roles. */
  accounts: ['admin'],
} as const satisfies Record<string, readonly Role[]>;

/** True when `role` may send `commandType`. Unknown command types are refused. */
export function maySend(commandType: string, role: Role): boolean {
  const roles = (COMMAND_ROLES as Record<string, readonly Role[] | undefined>)[commandType];
  return roles !== undefined && roles.includes(role);
}

export function rolesFor(commandType: string): readonly Role[] {
  return (COMMAND_ROLES as Record<string, readonly Role[] | undefined>)[commandType] ?? [];
}

/** Kept for callers of the inspection-only table. */
export { INSPECTION_COMMAND_ROLES as CASE_COMMAND_ROLES };
