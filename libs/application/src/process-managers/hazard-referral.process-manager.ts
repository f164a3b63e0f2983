import { caseIdOfStream, INSPECTION_EVENT_TYPES, type ReferralState } from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { Subscription } from 'rxjs';
import type { CommandContext } from '../command-context';
import { InvalidTransitionError } from '../errors';
import type { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { InspectionQueries } from '../inspections/inspection-queries';
import type { CheckpointStore, ReactorStatus } from './event-reactor';
import type { LeaderService } from './leader-tasks';

export const REFERRAL_MANAGER_ACTOR = { id: 'referral-manager', role: 'system' } as const;
export const REFERRAL_MANAGER_CHECKPOINT = 'process:hazard-referral';

/** The command id is derived from the approval, so processing an approval twice is one command. */
export const referralCommandId = (approvalEventId: string): string => `hazard-referral:${approvalEventId}`;

/** The state in which an approval still waits for its referral: the one this manager acts on. */
const AWAITING_REFERRAL: ReferralState = 'awaitingReferral';

export interface ReferralManagerStatus {
  readonly name: string;
  readonly state: ReactorStatus['state'];
  readonly position: number;
  readonly referralsOpened: number;
  readonly error: string | null;
}

/**
 * Automated hazard referral (docs/domain.md §4.6): an approved result with hazards is referred for
 * follow-up at once, without waiting for publication. Reacts to InspectionResultApproved.v1 by
 * sending `openReferral` through the same command handler the API uses, as the system actor, with
 * causation = the approval event and the approval's correlation id. Its checkpoint is saved after
 * each approval is handled; a crash in between repeats the command, which the handler answers from
 * the stream (same command id), so there is still exactly one referral.
 */
export class HazardReferralProcessManager implements LeaderService {
  readonly name = 'hazard-referral';
  private state: ReactorStatus['state'] = 'stopped';
  private position = 0;
  private opened = 0;
  private error: string | null = null;
  private subscription: Subscription | null = null;
  private queue: Promise<void> = Promise.resolve();
  private readonly queries: InspectionQueries;

  constructor(
    private readonly events: EventStore,
    private readonly checkpoints: CheckpointStore,
    private readonly handler: InspectionCommandHandler,
    private readonly log: (message: string) => void = () => undefined,
  ) {
    this.queries = new InspectionQueries(events);
  }

  async start(): Promise<void> {
    this.position = await this.checkpoints.loadCheckpoint(REFERRAL_MANAGER_CHECKPOINT);
    this.state = 'running';
    this.error = null;
    this.subscription = this.events.subscribeToAll({ after: this.position }).subscribe({
      next: (event) => {
        this.queue = this.queue.then(() => this.handle(event));
      },
      error: (error: unknown) => this.fail(error),
    });
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = null;
    await this.queue;
    if (this.state === 'running') this.state = 'stopped';
  }

  status(): ReferralManagerStatus {
    return { name: this.name, state: this.state, position: this.position, referralsOpened: this.opened, error: this.error };
  }

  /** Resolves when every event received so far is handled. */
  settled(): Promise<void> {
    return this.queue;
  }

  private async handle(event: RecordedEvent): Promise<void> {
    if (this.state !== 'running' || event.position <= this.position) return;
    try {
      if (event.type === INSPECTION_EVENT_TYPES.InspectionResultApproved) {
        await this.referIfHazards(event);
        await this.checkpoints.saveCheckpoint(REFERRAL_MANAGER_CHECKPOINT, event.position);
      } else if (event.type === INSPECTION_EVENT_TYPES.HazardReferralOpened) {
        // Cheap moment to persist progress over the events that needed no action.
        await this.checkpoints.saveCheckpoint(REFERRAL_MANAGER_CHECKPOINT, event.position);
      }
      this.position = event.position;
    } catch (error) {
      this.fail(error, event);
    }
  }

  private async referIfHazards(approval: RecordedEvent): Promise<void> {
    const caseId = caseIdOfStream(approval.streamId);
    if (caseId === null) return;
    const atApproval = await this.queries.getCase(caseId, { revision: approval.revision });
    if ((atApproval.case.result?.hazards.length ?? 0) === 0) return;
    const metadata = approval.metadata as { correlationId?: string } | null;
    const context: CommandContext = {
      actor: REFERRAL_MANAGER_ACTOR,
      commandId: referralCommandId(approval.id),
      correlationId: metadata?.correlationId ?? approval.id,
      causationId: approval.id,
    };
    try {
      const result = await this.handler.execute(caseId, { type: 'openReferral' }, context);
      this.opened += 1;
      this.log(`Hazard referral opened for case ${caseId} (approval ${approval.id}, revision ${result.revision})`);
    } catch (error) {
      // A planner opened the referral by hand first: the case is referred, which is all we want.
      if (error instanceof InvalidTransitionError && error.state.referral !== AWAITING_REFERRAL) {
        this.log(`Case ${caseId}: referral already ${error.state.referral}, nothing to do`);
        return;
      }
      throw error;
    }
  }

  private fail(error: unknown, event?: RecordedEvent): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.state = 'failed';
    const reason = error instanceof Error ? error.message : String(error);
    this.error = event
      ? `Hazard referral manager failed on event ${event.id} (${event.type}, position ${event.position}): ${reason}`
      : `Hazard referral manager stopped at position ${this.position}: ${reason}`;
    this.log(this.error);
  }
}
