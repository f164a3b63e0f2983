import { quoteIdent } from './schema-name';

/**
 * The adapter's SQL, one statement per operation, bound to one schema. Each is sent as a named
 * prepared statement, so Postgres parses and plans it once per connection.
 */
export interface PostgresQueries {
  readonly append: { readonly name: string; readonly text: string };
  readonly appendBatch: { readonly name: string; readonly text: string };
  readonly readStream: { readonly name: string; readonly text: string };
  readonly readAll: { readonly name: string; readonly text: string };
  readonly readAllLean: { readonly name: string; readonly text: string };
  readonly lastEvent: { readonly name: string; readonly text: string };
  readonly headPosition: { readonly name: string; readonly text: string };
}

const EVENT_COLUMNS = 'e.position, e.stream_id, e.revision, e.event_id, e.type, e.data, e.metadata, e.recorded_at';

/**
 * LeanEventRow's columns. occurredAt only when it is a JSON string (->> would also turn a number
 * into text); recorded_at only when it is the fallback, so the common row carries no timestamp
 * to parse.
 */
const OCCURRED_AT_IS_TEXT = `jsonb_typeof(e.metadata -> 'occurredAt') = 'string'`;
const LEAN_EVENT_COLUMNS = `e.position, e.stream_id, e.event_id, e.type, e.data,
  CASE WHEN ${OCCURRED_AT_IS_TEXT} THEN e.metadata ->> 'occurredAt' END AS occurred_at,
  CASE WHEN ${OCCURRED_AT_IS_TEXT} THEN NULL ELSE e.recorded_at END AS recorded_at`;

export function postgresQueries(schema: string): PostgresQueries {
  const s = quoteIdent(schema);
  return {
    append: {
      name: 'es_append',
      text: `SELECT outcome, next_revision, last_position, actual_revision FROM ${s}.append_to_stream($1, $2, $3)`,
    },
    appendBatch: {
      name: 'es_append_batch',
      text: `SELECT item, outcome, next_revision, last_position, actual_revision FROM ${s}.append_to_streams($1)`,
    },
    // One statement (one snapshot) tells "no such stream" (no row) from "no events in this range"
    // (one row of nulls); two statements could see a stream created between them.
    readStream: {
      name: 'es_read_stream',
      text: `SELECT ${EVENT_COLUMNS}
               FROM ${s}.streams st
               LEFT JOIN LATERAL (
                 SELECT * FROM ${s}.events x
                  WHERE x.stream_id = st.stream_id AND x.revision >= $2 ORDER BY x.revision LIMIT $3
               ) e ON true
              WHERE st.stream_id = $1
              ORDER BY e.revision`,
    },
    lastEvent: {
      name: 'es_last_event',
      text: `SELECT ${EVENT_COLUMNS} FROM ${s}.events e WHERE e.stream_id = $1 ORDER BY e.revision DESC LIMIT 1`,
    },
    // Every committed event, settled or not: one still held back behind an older transaction was
    // committed before the call too, and a subscriber reaches it once that transaction ends.
    headPosition: { name: 'es_head_position', text: `SELECT COALESCE(MAX(position), 0)::text AS position FROM ${s}.events` },
    readAll: { name: 'es_read_all', text: readAllText(s, EVENT_COLUMNS) },
    readAllLean: { name: 'es_read_all_lean', text: readAllText(s, LEAN_EVENT_COLUMNS) },
  };
}

/**
 * One page of the global order, whatever columns are read of each event. `settled`: the writing
 * transaction is older than every transaction still running, so nothing can still commit before
 * this event in the global order. Rows that are committed but not yet settled come back too (as
 * settled = false) so readers know to look again soon.
 */
function readAllText(schema: string, columns: string): string {
  return `SELECT ${columns}, e.transaction_id < h.xmin AS settled
            FROM ${schema}.events e
           CROSS JOIN (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin) h
           WHERE e.position > $1 ORDER BY e.position LIMIT $2`;
}

/** A row of `events` as node-postgres returns it (bigint as string, jsonb parsed, timestamptz as Date). */
export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly revision: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recorded_at: Date;
}

/** readStream's row: all nulls when the stream exists but has no event in the range asked for. */
export type ReadStreamRow = EventRow | { readonly [K in keyof EventRow]: null };

/** A row of a global-order page: `settled` tells whether a reader may already return it. */
export interface SettledRow {
  readonly settled: boolean;
}

export type ReadAllRow = EventRow & SettledRow;

/** readAllLean's row: exactly one of occurred_at and recorded_at is null. */
export interface LeanEventRow extends SettledRow {
  readonly position: string;
  readonly stream_id: string;
  readonly event_id: string;
  readonly type: string;
  readonly data: unknown;
  readonly occurred_at: string | null;
  readonly recorded_at: Date | null;
}

export interface AppendBatchRow extends AppendRow {
  readonly item: number;
}

export interface AppendRow {
  readonly outcome: number;
  readonly next_revision: string | null;
  readonly last_position: string | null;
  readonly actual_revision: string;
}
