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
 *
 * One instance serves every subscriber: each event's state is folded once and shared (bench:load
 * with 20 dashboards open folded every case event 20 times — most of the server's CPU and garbage).
 * The state at a position never changes, so sharing it is exact.
 */
export class CaseChangeFeed {
  private readonly queries: InspectionQueries;
  /** Position → the folded state, in arrival order; the oldest go first. */
  private readonly statuses = new Map<number, Promise<InspectionStatus>>();

  constructor(
    private readonly store: EventStore,
    private readonly capacity = 4_096,
  ) {
    this.queries = new InspectionQueries(store);
  }

  after(position: number): Observable<CaseChange> {
    return this.store.subscribeToAll({ after: position }).pipe(
      filter((event) => event.streamId.startsWith(CASE_STREAM_PREFIX)),
      // concatMap keeps global order while each status is read.
      concatMap(async (event) => toCaseChange(event, await this.statusAt(event))),
    );
  }

  private statusAt(event: RecordedEvent): Promise<InspectionStatus> {
    const known = this.statuses.get(event.position);
    if (known) return known;
    const status = this.queries.getCase(caseIdOf(event), { revision: event.revision }).then((view) => view.status);
    this.statuses.set(event.position, status);
    status.catch(() => this.statuses.delete(event.position)); // a failed read is tried again, not remembered
    if (this.statuses.size > this.capacity) this.statuses.delete(this.statuses.keys().next().value!);
    return status;
  }
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
