import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { Decider, Decision } from '../shared/decider';
import type { RuleViolation } from '../shared/rule-violation';
import type { InspectionCommand, InspectionCommandFrom, InspectionCommandType } from './inspection.commands';
import type { InspectionContext } from './inspection.context';
import { INITIAL_REFERRAL_STATE, type CaseLifecycle, type ReferralState } from './inspection.lifecycle';
import { INSPECTION_EVENT_TYPES, type InspectionEvent } from './inspection.events';
import { inspectionMachine, type InspectionMachineEvent } from './inspection.machine';
import { checkDates } from './inspection.dates';
import { checkAssignedInspector, checkInspectorPair, checkReassignment, checkEvidenceStored, checkRectificationOrder, checkResult, checkReviewer } from './inspection.rules';

/**
 * The machine used as a pure decider: state = fold of the stream through initialTransition /
 * transition; a command becomes the event it would produce, and is accepted exactly when the machine
 * can take that event. No actor is ever started.
 */

export type InspectionSnapshot = SnapshotFrom<typeof inspectionMachine>;

/** A stored event as the fold needs it: the domain event plus its id and domain time. */
export type StoredInspectionEvent = InspectionEvent & { readonly id: string; readonly occurredAt: string };

export interface InspectionState {
  readonly snapshot: InspectionSnapshot;
  /** Revision of the last folded event; -1 when the case does not exist. */
  readonly revision: number;
}

export interface InspectionStatus {
  readonly lifecycle: CaseLifecycle;
  readonly referral: ReferralState;
}

export interface InvalidTransition {
  readonly kind: 'invalidTransition';
  readonly command: InspectionCommandType;
  readonly state: InspectionStatus;
  readonly allowedCommands: readonly InspectionCommandType[];
}

/** `notPermitted`: the actor's role may send the command, but not on this case (HTTP 403). */
export type InspectionRejection = InvalidTransition | ({ readonly kind: 'ruleViolation' } & RuleViolation) | ({ readonly kind: 'notPermitted' } & RuleViolation);
export type InspectionDecision = Decision<InspectionEvent, InspectionRejection>;

const COMMAND_OF_EVENT: Record<string, InspectionCommandType> = {
  InspectionDrawn: 'draw',
  InspectorsAssigned: 'assign',
  InspectorsReassigned: 'reassign',
  InspectionResultRecorded: 'recordResult',
  InspectionResultApproved: 'review',
  InspectionResultReturned: 'review',
  InspectionResultPublished: 'publish',
  InspectionCancelled: 'cancel',
  HazardReferralOpened: 'openReferral',
  RectificationOrderIssued: 'issueRectificationOrder',
  ReinspectionRecorded: 'recordReinspection',
  HazardReferralClosed: 'closeReferral',
  HazardReferralEscalated: 'escalateReferral',
};

export function initialInspectionState(): InspectionState {
  const [snapshot] = initialTransition(inspectionMachine);
  return { snapshot, revision: -1 };
}

function toMachineEvent(event: InspectionEvent, id: string, occurredAt: string): InspectionMachineEvent {
  const name = event.type.slice(0, event.type.lastIndexOf('.v'));
  return { type: name, data: event.data, at: occurredAt, eventId: id } as InspectionMachineEvent;
}

export function evolve(state: InspectionState, event: StoredInspectionEvent): InspectionState {
  const [snapshot] = transition(inspectionMachine, state.snapshot, toMachineEvent(event, event.id, event.occurredAt));
  return { snapshot, revision: state.revision + 1 };
}

export function foldInspection(events: readonly StoredInspectionEvent[]): InspectionState {
  return events.reduce(evolve, initialInspectionState());
}

export function statusOf(snapshot: InspectionSnapshot): InspectionStatus {
  const value = snapshot.value;
  if (typeof value === 'string') return { lifecycle: value, referral: INITIAL_REFERRAL_STATE };
  return { lifecycle: value.open.lifecycle, referral: value.open.referral };
}

/** The commands the current state accepts (before checking their payloads). */
export function allowedCommands(snapshot: InspectionSnapshot): InspectionCommandType[] {
  const commands = new Set<InspectionCommandType>();
  for (const node of snapshot._nodes) {
    for (const eventType of node.ownEvents) {
      const command = COMMAND_OF_EVENT[eventType];
      if (command) commands.add(command);
    }
  }
  return [...commands];
}

export function contextOf(state: InspectionState): InspectionContext {
  return state.snapshot.context;
}

/** The one event a command would produce, given what the case knows. */
function eventFor(command: InspectionCommandFrom, context: InspectionContext): InspectionEvent {
  const T = INSPECTION_EVENT_TYPES;
  switch (command.type) {
    case 'draw': {
      const { type: _, actor: _actor, ...data } = command;
      return { type: T.InspectionDrawn, data };
    }
    case 'assign':
      return { type: T.InspectorsAssigned, data: { inspectorIds: command.inspectorIds, drawId: command.drawId } };
    case 'reassign':
      return {
        type: T.InspectorsReassigned,
        data: {
          inspectorIds: command.inspectorIds,
          previousInspectorIds: [context.inspectorIds[0] ?? '', context.inspectorIds[1] ?? ''],
          reasonCode: command.reasonCode,
          reason: command.reason,
          drawId: command.drawId,
        },
      };
    case 'recordResult': {
      const { type: _, actor: _actor, storedEvidence: _stored, ...data } = command;
      return { type: T.InspectionResultRecorded, data };
    }
    case 'review':
      return command.decision === 'approve'
        ? { type: T.InspectionResultApproved, data: { reviewerId: command.reviewerId, comment: command.comment } }
        : { type: T.InspectionResultReturned, data: { reviewerId: command.reviewerId, reason: command.reason } };
    case 'publish':
      return { type: T.InspectionResultPublished, data: { publishedOn: command.publishedOn } };
    case 'cancel':
      return { type: T.InspectionCancelled, data: { reasonCode: command.reasonCode, reason: command.reason, effectiveDate: command.effectiveDate } };
    case 'openReferral': {
      const hazards = context.result?.hazards ?? [];
      return {
        type: T.HazardReferralOpened,
        data: {
          hazardIds: hazards.map((hazard) => hazard.id),
          hasMajorHazard: hazards.some((hazard) => hazard.severity === 'major'),
          approvalEventId: context.approval?.eventId ?? '',
        },
      };
    }
    case 'issueRectificationOrder':
      return { type: T.RectificationOrderIssued, data: { orderNo: command.orderNo, issuedOn: command.issuedOn, deadline: command.deadline } };
    case 'recordReinspection':
      return { type: T.ReinspectionRecorded, data: { reinspectedOn: command.reinspectedOn, rectified: command.rectified, note: command.note } };
    case 'closeReferral':
      return { type: T.HazardReferralClosed, data: { note: command.note } };
    case 'escalateReferral':
      return { type: T.HazardReferralEscalated, data: { reason: command.reason, caseNo: command.caseNo } };
  }
}

/** Explains, field by field, why the machine would refuse a command's payload. */
function ruleViolationOf(command: InspectionCommand, context: InspectionContext, occurredAt: string): RuleViolation | null {
  const dates = checkDates(command, context, occurredAt);
  if (dates) return dates;
  switch (command.type) {
    case 'assign':
      return checkInspectorPair(command.inspectorIds);
    case 'reassign':
      return checkReassignment(context.inspectorIds, command.inspectorIds);
    case 'recordResult':
      return checkResult(command) ?? checkEvidenceStored(command, command.storedEvidence ?? []);
    case 'review':
      return checkReviewer(command.reviewerId, context.inspectorIds);
    case 'issueRectificationOrder':
      return checkRectificationOrder(command);
    default:
      return null;
  }
}

export function decide(command: InspectionCommandFrom, state: InspectionState, occurredAt: string): InspectionDecision {
  const { snapshot } = state;
  // Who may touch this case comes first: an inspector not on it learns nothing about its state.
  const notTheirs = state.revision >= 0 ? checkAssignedInspector(command.actor, snapshot.context.inspectorIds) : null;
  if (notTheirs) return { kind: 'rejected', error: { kind: 'notPermitted', ...notTheirs } };
  const allowed = allowedCommands(snapshot);
  const invalid: InspectionDecision = {
    kind: 'rejected',
    error: { kind: 'invalidTransition', command: command.type, state: statusOf(snapshot), allowedCommands: allowed },
  };
  if (!allowed.includes(command.type)) return invalid;

  const violation = ruleViolationOf(command, snapshot.context, occurredAt);
  if (violation) return { kind: 'rejected', error: { kind: 'ruleViolation', ...violation } };

  const event = eventFor(command, snapshot.context);
  return snapshot.can(toMachineEvent(event, 'pending', occurredAt)) ? { kind: 'accepted', events: [event] } : invalid;
}

/** The inspection case as one stream kind among others (the generic command handler's view). */
export const inspectionDecider: Decider<InspectionCommandFrom, InspectionEvent, InspectionState, InspectionRejection> = {
  initialState: initialInspectionState,
  evolve,
  decide,
};
