import type { RecordedEvent } from '@shuangsui/event-store';
import { CaseNotFoundError, ConcurrencyConflictError, InvalidTransitionError } from '../errors';
import type { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { isDrawRecord, isRedraw, type AnyDrawRecord, type DrawRedoneData, type DrawRedoneV2Data } from '@shuangsui/domain/draw';

/** Deterministic: the same redraw and case always give the same command, answered once. */
export const redrawCancelCommandId = (redoneEvent: Pick<RecordedEvent, 'id'>, caseId: string): string => `${redoneEvent.id}:${caseId}:cancel`;

/**
 * A redraw replaces the month's result, so the cases of every earlier record of the draw that are still
 * `drawn` or `assigned` are cancelled (reason `redrawn`), caused by the DrawRedone event. Cases that were
 * never created (their follow-up was cut short) have nothing to cancel; cases already inspected refuse the
 * command and are left alone. Returns the failures; the draw follow-up retries until there are none.
 */
export async function cancelSupersededCases(
  handler: InspectionCommandHandler,
  redoneEvent: RecordedEvent,
  streamEvents: readonly RecordedEvent[],
  actor: { readonly id: string; readonly role: 'system' },
): Promise<{ caseId: string; message: string }[]> {
  if (!isRedraw(redoneEvent.type)) return [];
  const redone = redoneEvent.data as unknown as DrawRedoneData | DrawRedoneV2Data;
  const earlier = streamEvents.filter((event) => isDrawRecord(event.type) && event.revision < redoneEvent.revision);
  const failures: { caseId: string; message: string }[] = [];
  for (const record of earlier) {
    for (const drawnCase of (record.data as unknown as AnyDrawRecord).cases) {
      const failure = await cancelOne(handler, drawnCase.caseId, redoneEvent, redone, actor);
      if (failure) failures.push({ caseId: drawnCase.caseId, message: failure });
    }
  }
  return failures;
}

async function cancelOne(
  handler: InspectionCommandHandler,
  caseId: string,
  redoneEvent: RecordedEvent,
  redone: DrawRedoneData | DrawRedoneV2Data,
  actor: { readonly id: string; readonly role: 'system' },
): Promise<string | null> {
  const reason = `${redone.month}抽取已第${redone.redrawNo}次重新抽取（理由：${redone.reason}），原抽取结果作废，本次抽查取消`;
  for (let attempt = 0; ; attempt += 1) {
    try {
      await handler.execute(
        caseId,
        { type: 'cancel', reasonCode: 'redrawn', reason, effectiveDate: null },
        { actor, commandId: redrawCancelCommandId(redoneEvent, caseId), correlationId: redone.drawId, causationId: redoneEvent.id },
      );
      return null;
    } catch (error) {
      if (error instanceof InvalidTransitionError || error instanceof CaseNotFoundError) return null;
      if (!(error instanceof ConcurrencyConflictError) || attempt >= 2) return error instanceof Error ? error.message : String(error);
    }
  }
}
