import type { LeanEvent } from '@shuangsui/event-store';
import type { ProjectionSchema, Row, RowRef } from './read-store.port';

/**
 * A projection is pure: for each event type it handles, it names the rows the event reads or writes
 * (so the store can fetch them all for a batch in one round trip, which keeps handlers synchronous on
 * any store), then changes those rows through `RowAccess`. No I/O, no clock: the same events always
 * give the same rows, which is what makes "rebuild equals live" hold.
 */

export interface RowAccess {
  /** The current row (as changed earlier in this batch), or undefined. Only declared rows may be read. */
  get<R extends Row = Row>(table: string, key: string): R | undefined;
  /** Inserts or replaces the whole row; it must contain the table's key column. */
  put(table: string, row: Row): void;
  delete(table: string, key: string): void;
}

export interface EventHandler {
  /** The rows `apply` may read; writes to other rows are allowed (they are blind upserts). */
  readonly rows: (event: LeanEvent) => readonly RowRef[];
  readonly apply: (event: LeanEvent, rows: RowAccess) => void;
}

/** A handler map keyed by event type (`InspectionDrawn.v1`, …). Unknown types are skipped by design. */
export type EventHandlers = Readonly<Record<string, EventHandler>>;

export interface Projection extends ProjectionSchema {
  readonly handlers: EventHandlers;
}

/** The case id of an inspection stream (`inspection-<caseId>`), or null for other streams. */
export function caseIdOf(event: Pick<LeanEvent, 'streamId'>): string | null {
  return event.streamId.startsWith('inspection-') ? event.streamId.slice('inspection-'.length) : null;
}


/**
 * A handler that evolves one row per case: the common shape of the inspection read models.
 * `evolve` gets the current row (undefined before the case is known) and returns the next one,
 * or undefined to leave it unchanged.
 */
export function caseRowHandler<R extends Row>(table: string, evolve: (row: R | undefined, event: LeanEvent, caseId: string) => R | undefined): EventHandler {
  return {
    rows: (event) => {
      const caseId = caseIdOf(event);
      return caseId === null ? [] : [{ table, key: caseId }];
    },
    apply: (event, rows) => {
      const caseId = caseIdOf(event);
      if (caseId === null) return;
      const next = evolve(rows.get<R>(table, caseId), event, caseId);
      if (next !== undefined) rows.put(table, next);
    },
  };
}
