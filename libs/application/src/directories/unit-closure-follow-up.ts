import type { CancellationReason } from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { CaseNotFoundError, ConcurrencyConflictError, InvalidTransitionError } from '../errors';
import type { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { DIRECTORY_EVENT_TYPES as T, unitStreamId, type UnitStatusChangedData } from '@shuangsui/domain/directory';
import { readStreamOrEmpty } from '../commands';
import type { DirectoryFacts } from '../facts';

export const CLOSURE_ACTOR = { id: 'directory-follow-up', role: 'system' } as const;

export interface ClosureReport {
  /** Cases cancelled now (a repeated command answered from the stream counts too: it is cancelled). */
  readonly cancelled: readonly string[];
  /** Cases that could not be cancelled now; the next start-up resume tries again. */
  readonly failures: readonly { readonly caseId: string; readonly message: string }[];
}

/** The status change that ends a unit's open cases, or null when the unit is active. */
const closingChange = (event: RecordedEvent | undefined): RecordedEvent | null => {
  if (!event || event.type !== T.UnitStatusChanged) return null;
  const { status } = event.data as unknown as UnitStatusChangedData;
  return status === 'closed' || status === 'deregistered' ? event : null;
};

/** Deterministic: the same status change and case always give the same command, answered once. */
export const closureCommandId = (statusEvent: Pick<RecordedEvent, 'id'>, caseId: string): string => `${statusEvent.id}:${caseId}:cancel`;

/**
 * The process manager for "a frozen unit that closes before its visit is cancelled with a reason": when a
 * unit's status changes to closed or deregistered, every case of the unit still `drawn` or `assigned`
 * gets `cancel` as the system actor, caused by the status-change event, with a command id derived from
 * that event and the case. The command handler answers a repeated command id from the case's stream,
 * so running this again (right after the import, from the closure process manager, after the draw
 * follow-up creates a case) cancels each case once. Cases already inspected refuse the command and are left alone.
 */
export class UnitClosureFollowUp {
  constructor(
    private readonly store: EventStore,
    private readonly handler: InspectionCommandHandler,
    private readonly facts: DirectoryFacts,
  ) {}

  /**
   * For status changes just recorded (right after an import, or as the process manager sees them):
   * the read models are caught up with the log first, so every case drawn before the change is known.
   */
  async afterStatusChanges(changes: readonly RecordedEvent[]): Promise<ClosureReport> {
    const closing = changes.flatMap((change) => {
      const event = closingChange(change);
      return event ? [event] : [];
    });
    if (closing.length === 0) return { cancelled: [], failures: [] };
    await this.facts.caughtUp();
    const byUnit = await this.facts.openCasesOfUnits(closing.map((event) => (event.data as unknown as UnitStatusChangedData).unitId));
    const work = closing.flatMap((change) => (byUnit.get((change.data as unknown as UnitStatusChangedData).unitId) ?? []).map((caseId) => ({ caseId, change })));
    return this.cancelAll(work);
  }

  /** For a case just created (draw follow-up): cancel it at once if its unit has closed since the freeze. */
  async cancelIfUnitClosed(caseId: string, unitId: string): Promise<string | null> {
    const events = await readStreamOrEmpty(this.store, unitStreamId(unitId));
    const closing = closingChange([...events].reverse().find((event) => event.type === T.UnitStatusChanged));
    return closing ? this.cancel(caseId, closing) : null;
  }

  private async cancelAll(work: readonly { caseId: string; change: RecordedEvent }[]): Promise<ClosureReport> {
    const cancelled: string[] = [];
    const failures: { caseId: string; message: string }[] = [];
    // Sequential on purpose: closures are few per import, and each is two small reads and one append.
    for (const { caseId, change } of work) {
      try {
        if ((await this.cancel(caseId, change)) === null) cancelled.push(caseId);
      } catch (error) {
        failures.push({ caseId, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { cancelled, failures };
  }

  /** Null when the case is cancelled by this change (now or earlier); 'skipped' when it moved on. */
  private async cancel(caseId: string, change: RecordedEvent): Promise<'skipped' | null> {
    const { status, statusDate } = change.data as unknown as UnitStatusChangedData;
    const reasonCode: CancellationReason = status === 'closed' ? 'unit_closed' : 'unit_deregistered';
    const what = status === 'closed' ? '停业关闭' : '注销';
    const reason = statusDate ? `单位已于${statusDate}${what}，本次抽查取消` : `单位已${what}，本次抽查取消`;
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.handler.execute(
          caseId,
          { type: 'cancel', reasonCode, reason, effectiveDate: statusDate },
          { actor: CLOSURE_ACTOR, commandId: closureCommandId(change, caseId), correlationId: change.id, causationId: change.id },
        );
        return null;
      } catch (error) {
        // Inspected (or cancelled for another reason) in the meantime: nothing left to stop.
        if (error instanceof InvalidTransitionError || error instanceof CaseNotFoundError) return 'skipped';
        if (!(error instanceof ConcurrencyConflictError) || attempt >= 2) throw error;
      }
    }
  }
}
