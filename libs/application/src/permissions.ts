import type { InspectionCommandType, Role } from '@shuangsui/domain';

/**
 * Which roles may send which command (docs/domain.md §2 "Roles"). Authentication is a gateway's job;
 * the actor arrives with the request. `system` is the software's own process managers.
 */
export const COMMAND_ROLES: Record<InspectionCommandType, readonly Role[]> = {
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
