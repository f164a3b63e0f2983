import { assign, enqueueActions, setup } from 'xstate';
import type { DomainEvent } from '../events/event-metadata';
import { EMPTY_CONTEXT, type InspectionContext } from './inspection.context';
import type { InspectionEvent } from './inspection.events';

/**
 * The inspection statechart. Its events are the domain events (without the version suffix) plus
 * `at`/`eventId` from the metadata, so the same machine both folds history and decides commands:
 * a command is allowed when its state accepts the event it would produce and its payload keeps the
 * rules (inspection.rules.ts, checked by the decider). The machine itself holds no rule, so folding
 * applies every recorded event even after a rule changes.
 *
 * Two regions run side by side once a case is drawn: the lifecycle (drawn → … → published) and the
 * hazard referral, which opens on approval and never waits for publication (docs/domain.md §4.6).
 */

type Unversioned<E> = E extends DomainEvent<`${infer Name}.v1`, infer Data>
  ? { readonly type: Name; readonly data: Data; readonly at: string; readonly eventId: string }
  : never;

/** Raised inside the machine when an approved result has hazards; never stored, never a command. */
export const HAZARDS_CONFIRMED = 'HazardsConfirmed';
type HazardsConfirmed = { readonly type: typeof HAZARDS_CONFIRMED };

export type InspectionMachineEvent = Unversioned<InspectionEvent> | HazardsConfirmed;
type Of<Name extends InspectionMachineEvent['type']> = Extract<InspectionMachineEvent, { type: Name }>;

/**
 * The guards, as predicates on the event's data alone: they choose between recorded outcomes, so the
 * read models can evaluate them too (inspection.lifecycle.ts). Rules are checked by `decide` before
 * an event exists, never here: recorded events are facts, and the fold must apply every one of them.
 */
export const OUTCOME_GUARDS = {
  rectified: (data: Of<'ReinspectionRecorded'>['data']): boolean => data.rectified,
} as const;

export const inspectionMachine = setup({
  types: { context: {} as InspectionContext, events: {} as InspectionMachineEvent },
  guards: {
    rectified: ({ event }) => OUTCOME_GUARDS.rectified((event as Of<'ReinspectionRecorded'>).data),
  },
  actions: {
    recordDraw: assign(({ event }) => {
      const { data, at } = event as Of<'InspectionDrawn'>;
      return { ...data, drawnAt: at };
    }),
    recordAssignment: assign(({ context, event }) => {
      const { data, at } = event as Of<'InspectorsAssigned'>;
      return { inspectorIds: data.inspectorIds, assignments: [...context.assignments, { inspectorIds: data.inspectorIds, at, drawId: data.drawId }] };
    }),
    recordReassignment: assign(({ context, event }) => {
      const { data, at } = event as Of<'InspectorsReassigned'>;
      const entry = { inspectorIds: data.inspectorIds, at, drawId: data.drawId, reasonCode: data.reasonCode, reason: data.reason };
      return { inspectorIds: data.inspectorIds, assignments: [...context.assignments, entry] };
    }),
    recordResult: assign(({ event }) => {
      const { data, at } = event as Of<'InspectionResultRecorded'>;
      return { result: { ...data, recordedAt: at } };
    }),
    recordReturn: assign(({ context, event }) => {
      const { data, at } = event as Of<'InspectionResultReturned'>;
      return { returns: [...context.returns, { reviewerId: data.reviewerId, reason: data.reason, at }] };
    }),
    recordApproval: enqueueActions(({ context, event, enqueue }) => {
      const { data, at, eventId } = event as Of<'InspectionResultApproved'>;
      enqueue.assign({ approval: { reviewerId: data.reviewerId, comment: data.comment, at, eventId } });
      if ((context.result?.hazards.length ?? 0) > 0) enqueue.raise({ type: HAZARDS_CONFIRMED });
    }),
    recordPublication: assign(({ event }) => {
      const { data, at } = event as Of<'InspectionResultPublished'>;
      return { publication: { publishedOn: data.publishedOn, at } };
    }),
    recordCancellation: assign(({ event }) => {
      const { data, at } = event as Of<'InspectionCancelled'>;
      return { cancellation: { ...data, at } };
    }),
    recordReferral: assign(({ event }) => {
      const { data, at } = event as Of<'HazardReferralOpened'>;
      return { referral: { ...data, openedAt: at, orders: [], reinspections: [], closedAt: null, escalation: null } };
    }),
    recordOrder: assign(({ context, event }) => {
      const { data, at } = event as Of<'RectificationOrderIssued'>;
      return { referral: context.referral && { ...context.referral, orders: [...context.referral.orders, { ...data, at }] } };
    }),
    recordReinspection: assign(({ context, event }) => {
      const { data, at } = event as Of<'ReinspectionRecorded'>;
      return { referral: context.referral && { ...context.referral, reinspections: [...context.referral.reinspections, { ...data, at }] } };
    }),
    recordClosure: assign(({ context, event }) => {
      const { at } = event as Of<'HazardReferralClosed'>;
      return { referral: context.referral && { ...context.referral, closedAt: at } };
    }),
    recordEscalation: assign(({ context, event }) => {
      const { data, at } = event as Of<'HazardReferralEscalated'>;
      return { referral: context.referral && { ...context.referral, escalation: { ...data, at } } };
    }),
  },
}).createMachine({
  id: 'inspection',
  initial: 'notDrawn',
  context: EMPTY_CONTEXT,
  states: {
    notDrawn: {
      on: { InspectionDrawn: { target: 'open', actions: 'recordDraw' } },
    },
    open: {
      type: 'parallel',
      states: {
        lifecycle: {
          initial: 'drawn',
          states: {
            drawn: {
              on: {
                InspectorsAssigned: { target: 'assigned', actions: 'recordAssignment' },
                InspectionCancelled: { target: 'cancelled', actions: 'recordCancellation' },
              },
            },
            assigned: {
              on: {
                InspectorsReassigned: { target: 'assigned', actions: 'recordReassignment' },
                InspectionResultRecorded: { target: 'inspected', actions: 'recordResult' },
                InspectionCancelled: { target: 'cancelled', actions: 'recordCancellation' },
              },
            },
            inspected: {
              on: {
                InspectionResultApproved: { target: 'reviewed', actions: 'recordApproval' },
                InspectionResultReturned: { target: 'assigned', actions: 'recordReturn' },
              },
            },
            reviewed: {
              on: { InspectionResultPublished: { target: 'published', actions: 'recordPublication' } },
            },
            published: { type: 'final' },
            cancelled: { type: 'final' },
          },
        },
        referral: {
          initial: 'none',
          states: {
            none: { on: { [HAZARDS_CONFIRMED]: 'awaitingReferral' } },
            awaitingReferral: {
              on: { HazardReferralOpened: { target: 'referred', actions: 'recordReferral' } },
            },
            referred: {
              on: {
                RectificationOrderIssued: { target: 'orderIssued', actions: 'recordOrder' },
                HazardReferralEscalated: { target: 'escalated', actions: 'recordEscalation' },
              },
            },
            orderIssued: {
              on: {
                ReinspectionRecorded: [
                  { guard: 'rectified', target: 'rectified', actions: 'recordReinspection' },
                  { target: 'notRectified', actions: 'recordReinspection' },
                ],
                HazardReferralEscalated: { target: 'escalated', actions: 'recordEscalation' },
              },
            },
            rectified: {
              on: { HazardReferralClosed: { target: 'closed', actions: 'recordClosure' } },
            },
            notRectified: {
              on: {
                RectificationOrderIssued: { target: 'orderIssued', actions: 'recordOrder' },
                HazardReferralEscalated: { target: 'escalated', actions: 'recordEscalation' },
              },
            },
            closed: { type: 'final' },
            escalated: { type: 'final' },
          },
        },
      },
    },
  },
});

