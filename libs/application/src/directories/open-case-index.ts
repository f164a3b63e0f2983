import { INSPECTION_EVENT_TYPES as I, type InspectionDrawnData } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';

const CASE_STREAM_PREFIX = 'inspection-';
/** Events that leave a case `drawn` or `assigned`: the only states a cancellation may still stop. */
const STILL_OPEN = new Set<string>([I.InspectionDrawn, I.InspectorsAssigned, I.InspectorsReassigned]);

/**
 * Which cases of each unit are still `drawn` or `assigned`, folded from the inspection streams during a
 * scan the caller already makes (the import's directory snapshot, the start-up resume), so finding a
 * closed unit's cases costs no extra pass over the log.
 */
export class OpenCaseIndex {
  private readonly unitOfCase = new Map<string, string>();
  private readonly open = new Set<string>();

  visit(event: RecordedEvent): void {
    if (!event.streamId.startsWith(CASE_STREAM_PREFIX)) return;
    const caseId = event.streamId.slice(CASE_STREAM_PREFIX.length);
    if (event.type === I.InspectionDrawn) this.unitOfCase.set(caseId, (event.data as unknown as InspectionDrawnData).unit.id);
    if (STILL_OPEN.has(event.type)) this.open.add(caseId);
    else this.open.delete(caseId);
  }

  /** Open case ids of a unit, sorted (a stable order makes retries and logs easy to compare). */
  openCasesOf(unitId: string): string[] {
    return [...this.open].filter((caseId) => this.unitOfCase.get(caseId) === unitId).sort();
  }

  /** Every unit with at least one open case, with those cases. */
  byUnit(): Map<string, string[]> {
    const result = new Map<string, string[]>();
    for (const caseId of [...this.open].sort()) {
      const unitId = this.unitOfCase.get(caseId);
      if (unitId === undefined) continue;
      const cases = result.get(unitId);
      if (cases) cases.push(caseId);
      else result.set(unitId, [caseId]);
    }
    return result;
  }
}
