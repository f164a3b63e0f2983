import { caseIdOfStream, INSPECTION_EVENT_TYPES, type ReferralState } from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { CommandContext } from '../command-context';
import { InvalidTransitionError } from '../errors';
import type { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { InspectionQueries } from '../inspections/inspection-queries';
import { EventReactor, type CheckpointStore, type Reaction } from './event-reactor';

export const REFERRAL_MANAGER_ACTOR = { id: 'referral-manager', role: 'system' } as const;
export const REFERRAL_MANAGER_CHECKPOINT = 'process:hazard-referral';

/** The command id is derived from the approval, so processing an approval twice is one command. */
export const referralCommandId = (approvalEventId: string): string => `hazard-referral:${approvalEventId}`;

/** The state in which an approval still waits for its referral: the one this manager acts on. */
const AWAITING_REFERRAL: ReferralState = 'awaitingReferral';

/**
 * Automated hazard referral (docs/domain.md §4.6): an approved result with hazards is referred for
 * follow-up at once, without waiting for publication. Reacts to InspectionResultApproved.v1 by
 * sending `openReferral` through the same command handler the API uses, as the system actor, with
 * causation = the approval event and the approval's correlation id. Run by an EventReactor: a crash
 * between the command and the checkpoint repeats the command, which the handler answers from the
 * stream (same command id), so there is still exactly one referral.
 */
export function hazardReferralReaction(events: EventStore, handler: InspectionCommandHandler, log: (message: string) => void = () => undefined): Reaction {
  const queries = new InspectionQueries(events);
  let opened = 0;

  const referIfHazards = async (approval: RecordedEvent): Promise<void> => {
    const caseId = caseIdOfStream(approval.streamId);
    if (caseId === null) return;
    const atApproval = await queries.getCase(caseId, { revision: approval.revision });
    if ((atApproval.case.result?.hazards.length ?? 0) === 0) return;
    const metadata = approval.metadata as { correlationId?: string } | null;
    const context: CommandContext = {
      actor: REFERRAL_MANAGER_ACTOR,
      commandId: referralCommandId(approval.id),
      correlationId: metadata?.correlationId ?? approval.id,
      causationId: approval.id,
    };
    try {
      const result = await handler.execute(caseId, { type: 'openReferral' }, context);
      opened += 1;
      log(`Hazard referral opened for case ${caseId} (approval ${approval.id}, revision ${result.revision})`);
    } catch (error) {
      // A planner opened the referral by hand first: the case is referred, which is all we want.
      if (error instanceof InvalidTransitionError && error.state.referral !== AWAITING_REFERRAL) {
        log(`Case ${caseId}: referral already ${error.state.referral}, nothing to do`);
        return;
      }
      throw error;
    }
  };

  return {
    name: 'hazard-referral',
    // A referral opened is a cheap moment to save the checkpoint over the events that needed nothing.
    reactsTo: new Set([INSPECTION_EVENT_TYPES.InspectionResultApproved, INSPECTION_EVENT_TYPES.HazardReferralOpened]),
    react: async (event) => {
      if (event.type === INSPECTION_EVENT_TYPES.InspectionResultApproved) await referIfHazards(event);
    },
    counters: () => ({ referralsOpened: opened }),
  };
}

/** The hazard-referral process manager: its reaction, run from its checkpoint (`process:hazard-referral`). */
export function hazardReferralManager(
  events: EventStore,
  checkpoints: CheckpointStore,
  handler: InspectionCommandHandler,
  log: (message: string) => void = () => undefined,
): EventReactor {
  return new EventReactor(events, checkpoints, hazardReferralReaction(events, handler, log), log);
}
