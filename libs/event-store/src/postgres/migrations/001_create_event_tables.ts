import type { Migration } from './migration';

/**
 * Streams and events.
 *
 * - `streams.revision` is the stream's last revision; appends lock this row (or create it, guarded
 *   by the primary key), so one writer at a time decides a stream's next revision.
 * - `events.position` comes from `events_position_seq`, but only ever allocated by
 *   `append_to_stream` under a short advisory lock together with the transaction id: see 002.
 * - `events.transaction_id` is the writer's xid8; readers of the global order only return events
 *   whose transaction id is below their snapshot's xmin, so an event never becomes visible before
 *   an event with a smaller position that is still being committed.
 * - No foreign key from events to streams: `append_to_stream` is the only writer and keeps both in
 *   step inside one transaction; the key check would cost every insert a trigger call.
 */
export const createEventTables: Migration = {
  version: 1,
  name: 'create_event_tables',
  sql: `
CREATE TABLE streams (
  stream_id text PRIMARY KEY,
  revision bigint NOT NULL CHECK (revision >= 0)
);

CREATE SEQUENCE events_position_seq AS bigint MINVALUE 1 START 1 CACHE 1;

CREATE TABLE events (
  position bigint PRIMARY KEY,
  transaction_id xid8 NOT NULL,
  stream_id text NOT NULL,
  revision bigint NOT NULL CHECK (revision >= 0),
  event_id uuid NOT NULL,
  type text NOT NULL,
  data jsonb NOT NULL,
  metadata jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_revision_key UNIQUE (stream_id, revision),
  CONSTRAINT events_event_id_key UNIQUE (event_id)
);
`,
};
