import { InspectionQueries } from '@shuangsui/application';
import type { InspectionStatus } from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { concatMap, filter, type Observable } from 'rxjs';

/** One change of one inspection case, as dashboards receive it. */
export interface CaseChange {
  readonly caseId: string;
  /** The event type, e.g. InspectionResultApproved.v1. */
  readonly type: string;
  readonly revision: number;
  /** Global position: the SSE event id, and what `?after=` / Last-Event-ID resume from. */
  readonly position: number;
  /** The case's state right after this event (the fold of its stream up to this revision). */
  readonly status: InspectionStatus;
  readonly occurredAt: string;
}

const CASE_STREAM_PREFIX = 'inspection-';

/**
 * Case changes after a position, first the history since then and then live, in global order.
 * The state after each event is folded from the case's own stream up to that revision, so a
 * resumed feed reports the state as it was then, not as it is now.
 */
export function caseChanges(store: EventStore, after: number): Observable<CaseChange> {
  const queries = new InspectionQueries(store);
  return store.subscribeToAll({ after }).pipe(
    filter((event) => event.streamId.startsWith(CASE_STREAM_PREFIX)),
    // concatMap keeps global order while each status is read.
    concatMap(async (event) => toCaseChange(event, (await queries.getCase(caseIdOf(event), { revision: event.revision })).status)),
  );
}

function caseIdOf(event: RecordedEvent): string {
  return event.streamId.slice(CASE_STREAM_PREFIX.length);
}

function toCaseChange(event: RecordedEvent, status: InspectionStatus): CaseChange {
  const occurredAt = (event.metadata as { occurredAt?: unknown } | null)?.occurredAt;
  return {
    caseId: caseIdOf(event),
    type: event.type,
    revision: event.revision,
    position: event.position,
    status,
    occurredAt: typeof occurredAt === 'string' ? occurredAt : event.recordedAt,
  };
}
