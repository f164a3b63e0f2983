import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { CommandContext } from '../command-context';
import { CommandHandler, readStreamOrEmpty } from '../commands';
import { DRAW_STREAM } from './draw-stream';
import { InvalidTransitionError } from '../errors';
import type { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import type { UnitClosureFollowUp } from '../directories/unit-closure-follow-up';
import { cancelSupersededCases } from './superseded-cases';
import { DRAW_EVENT_TYPES as T, drawStreamId, isDrawRecord, type DrawFollowUpCompletedData, type DrawnCase, type DrawRecordData } from '@shuangsui/domain/draw';

export const FOLLOW_UP_ACTOR = { id: 'draw-follow-up', role: 'system' } as const;

export interface FollowUpOptions {
  /** Cases worked on at once (each is two appends to its own stream). Default 8. */
  readonly concurrency?: number;
  /** Called after each case is drawn and assigned; tests throw here to simulate a crash after k cases. */
  readonly afterCase?: (done: number, drawnCase: DrawnCase) => void | Promise<void>;
  /** Cancels a new case at once when its unit closed between the freeze and the draw. */
  readonly closures?: UnitClosureFollowUp;
}

export interface FollowUpReport {
  readonly drawId: string;
  readonly recordEventId: string;
  readonly cases: number;
  /** True once every case exists and is assigned (the completion event is in the draw stream). */
  readonly completed: boolean;
  readonly failures: readonly { readonly caseId: string; readonly message: string }[];
}

/** Deterministic command ids: a retry of the follow-up is the same command, answered from the case's stream. */
export const followUpCommandId = (record: Pick<DrawRecordData, 'drawId'>, drawnCase: DrawnCase, step: 'draw' | 'assign'): string =>
  `${record.drawId}:${drawnCase.caseId.slice(record.drawId.length + 1)}:${step}`;

/**
 * The process manager that turns a recorded draw into cases: for each drawn unit, `draw` then `assign`
 * through InspectionCommandHandler, as the system actor, caused by the draw event. Every command has a
 * deterministic id, and the handler answers a repeated id from the case's stream without appending, so
 * running the follow-up again after a crash creates each missing step once and repeats nothing. A
 * DrawFollowUpCompleted event marks a record done. The draw follow-up process manager runs it for every
 * recorded draw from its checkpoint, so a follow-up cut short by a crash is finished after the restart.
 */
export class DrawFollowUp {
  constructor(
    private readonly store: EventStore,
    private readonly handler: InspectionCommandHandler,
    private readonly options: FollowUpOptions = {},
    clock: () => Date = () => new Date(),
  ) {
    this.commands = new CommandHandler(store, clock);
  }

  private readonly commands: CommandHandler;

  /** Completes the draw's latest record, if not already complete. */
  async complete(drawId: string): Promise<FollowUpReport | null> {
    const events = await readStreamOrEmpty(this.store, drawStreamId(drawId));
    const record = [...events].reverse().find((event) => isDrawRecord(event.type));
    if (!record) return null;
    return this.completeRecord(record, events);
  }

  private async completeRecord(recordEvent: RecordedEvent, streamEvents: readonly RecordedEvent[]): Promise<FollowUpReport> {
    const record = recordEvent.data as unknown as DrawRecordData;
    const done = streamEvents.some((e) => e.type === T.DrawFollowUpCompleted && (e.data as unknown as DrawFollowUpCompletedData).recordEventId === recordEvent.id);
    const base = { drawId: record.drawId, recordEventId: recordEvent.id, cases: record.cases.length };
    if (done) return { ...base, completed: true, failures: [] };

    // A redraw first retires the cases of the records it supersedes (reason `redrawn`).
    const failures: { caseId: string; message: string }[] = await cancelSupersededCases(this.handler, recordEvent, streamEvents, FOLLOW_UP_ACTOR);
    const concurrency = Math.max(1, this.options.concurrency ?? 8);
    let next = 0;
    let finished = 0;
    const worker = async (): Promise<void> => {
      while (next < record.cases.length) {
        const drawnCase = record.cases[next] as DrawnCase;
        next += 1;
        const failure = await this.createCase(record, recordEvent, drawnCase);
        if (failure) failures.push({ caseId: drawnCase.caseId, message: failure });
        finished += 1;
        await this.options.afterCase?.(finished, drawnCase);
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, record.cases.length) }, worker));
    if (failures.length > 0) return { ...base, completed: false, failures };
    return { ...base, completed: await this.markCompleted(recordEvent, record), failures: [] };
  }

  /** Returns null when the case exists and is assigned (or has moved on); a message otherwise. */
  private async createCase(record: DrawRecordData, recordEvent: RecordedEvent, drawnCase: DrawnCase): Promise<string | null> {
    const context = (step: 'draw' | 'assign'): CommandContext => ({
      actor: FOLLOW_UP_ACTOR,
      commandId: followUpCommandId(record, drawnCase, step),
      correlationId: record.drawId,
      causationId: recordEvent.id,
    });
    try {
      await this.handler.execute(
        drawnCase.caseId,
        {
          type: 'draw',
          caseId: drawnCase.caseId,
          drawId: record.drawId,
          planId: record.planId,
          month: record.month,
          stratum: drawnCase.stratum,
          authority: record.authority,
          unit: drawnCase.unit,
        },
        context('draw'),
      );
      await this.handler.execute(drawnCase.caseId, { type: 'assign', inspectorIds: drawnCase.inspectorIds, drawId: record.drawId }, context('assign'));
    } catch (error) {
      // A case someone already moved past `drawn` (cancelled before assignment) needs no assignment.
      if (!(error instanceof InvalidTransitionError)) return error instanceof Error ? error.message : String(error);
    }
    try {
      await this.options.closures?.cancelIfUnitClosed(drawnCase.caseId, drawnCase.unit.id);
      return null;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }

  private async markCompleted(recordEvent: RecordedEvent, record: DrawRecordData): Promise<boolean> {
    await this.commands.handle(DRAW_STREAM, recordEvent.streamId, { type: 'completeDrawFollowUp', recordEventId: recordEvent.id }, {
      actor: FOLLOW_UP_ACTOR,
      commandId: `${record.drawId}:${recordEvent.id}:follow-up-completed`,
      correlationId: record.drawId,
      causationId: recordEvent.id,
    });
    return true;
  }
}
