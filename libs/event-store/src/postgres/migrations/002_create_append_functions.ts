import type { Migration } from './migration';

/**
 * The append path, server-side, so an append (or a batch of appends) is one statement: one round
 * trip and one transaction. Callers run these in autocommit.
 *
 * `expected`: a revision >= 0, or -1 no_stream, -2 any, -3 stream_exists.
 * `events`: a JSON array of {id, type, data, metadata}.
 * Outcome per append: 0 = appended; 1 = already appended (an idempotent retry: these event ids
 * already sit at the revisions this append would write; nothing is written); 2 = wrong expected
 * revision (nothing is written; actual_revision -1 means "no stream").
 *
 * Why `allocate_positions` takes a lock. Positions must be strictly increasing in the order readers
 * see events, and readers see an event only once every transaction with a smaller xid has finished
 * (they filter `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`). That hides the classic
 * gap (a later position committed before an earlier one) only if position order equals
 * transaction-id order. Postgres hands out xids and sequence values independently, so both are taken
 * while holding a session advisory lock: the xid first (it must be this transaction's first xid,
 * hence the check that none is assigned yet: a row lock or insert would have assigned one), then a
 * block of consecutive positions, then unlock. The lock covers two counter bumps, not the commit, so
 * transactions still commit and fsync concurrently. Then, for any two appending transactions,
 * smaller position <=> smaller xid, and the events with xid < xmin form a gap-free prefix of the
 * position order. Rejected or rolled-back appends only leave numbers that are never used, which
 * readers never wait for.
 */
export const createAppendFunctions: Migration = {
  version: 2,
  name: 'create_append_functions',
  sql: `
CREATE FUNCTION allocate_positions(p_count integer, OUT transaction_id xid8, OUT first_position bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
BEGIN
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'appends must be the first write of their transaction' USING ERRCODE = '25001';
  END IF;
  PERFORM pg_advisory_lock(1936221043, hashtext(current_schema()));
  transaction_id := pg_current_xact_id();
  first_position := nextval('events_position_seq');
  IF p_count > 1 THEN
    PERFORM setval('events_position_seq', first_position + p_count - 1);
  END IF;
  PERFORM pg_advisory_unlock(1936221043, hashtext(current_schema()));
END
$fn$;

-- One append whose transaction id and positions are already allocated.
CREATE FUNCTION append_allocated(
  p_stream_id text, p_expected bigint, p_events jsonb, p_transaction_id xid8, p_first_position bigint,
  OUT outcome smallint, OUT next_revision bigint, OUT last_position bigint, OUT actual_revision bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_current bigint;
  v_base bigint;
  v_matched integer;
  v_matched_last_position bigint;
BEGIN
  IF v_count = 0 THEN
    RAISE EXCEPTION 'an append needs at least one event' USING ERRCODE = '22023';
  END IF;
  LOOP
    SELECT s.revision INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    IF NOT FOUND THEN
      v_current := -1;
    END IF;

    -- Idempotent retry: these exact ids already sit where this append would have put them.
    v_base := NULL;
    IF p_expected >= -1 AND v_current > p_expected THEN
      v_base := p_expected;
    ELSIF p_expected IN (-2, -3) AND v_current >= 0 THEN
      SELECT e.revision - 1 INTO v_base FROM events e
       WHERE e.event_id = (p_events -> 0 ->> 'id')::uuid AND e.stream_id = p_stream_id;
    END IF;
    IF v_base IS NOT NULL THEN
      SELECT count(*), max(e.position) INTO v_matched, v_matched_last_position
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(value, ord)
        JOIN events e ON e.stream_id = p_stream_id
                     AND e.revision = v_base + j.ord
                     AND e.event_id = (j.value ->> 'id')::uuid;
      IF v_matched = v_count THEN
        SELECT 1, v_base + v_count, v_matched_last_position, v_current
          INTO outcome, next_revision, last_position, actual_revision;
        RETURN;
      END IF;
    END IF;

    IF NOT (p_expected = -2
            OR (p_expected = -1 AND v_current = -1)
            OR (p_expected = -3 AND v_current >= 0)
            OR (p_expected >= 0 AND v_current = p_expected)) THEN
      SELECT 2, NULL, NULL, v_current INTO outcome, next_revision, last_position, actual_revision;
      RETURN;
    END IF;

    IF v_current = -1 THEN
      -- A concurrent creator of the same stream makes this a no-op (after waiting for its commit):
      -- go round again, lock its row and check the expectation against what it wrote.
      INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, v_count - 1) ON CONFLICT DO NOTHING;
      CONTINUE WHEN NOT FOUND;
    ELSE
      UPDATE streams SET revision = v_current + v_count WHERE stream_id = p_stream_id;
    END IF;
    EXIT;
  END LOOP;

  INSERT INTO events (position, transaction_id, stream_id, revision, event_id, type, data, metadata)
  SELECT p_first_position + j.ord - 1, p_transaction_id, p_stream_id, v_current + j.ord,
         (j.value ->> 'id')::uuid, j.value ->> 'type', j.value -> 'data', j.value -> 'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(value, ord);

  SELECT 0, v_current + v_count, p_first_position + v_count - 1, v_current
    INTO outcome, next_revision, last_position, actual_revision;
END
$fn$;

-- One append in its own transaction.
CREATE FUNCTION append_to_stream(p_stream_id text, p_expected bigint, p_events jsonb,
  OUT outcome smallint, OUT next_revision bigint, OUT last_position bigint, OUT actual_revision bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
  v_allocated record;
BEGIN
  SELECT * INTO v_allocated FROM allocate_positions(jsonb_array_length(p_events));
  SELECT a.outcome, a.next_revision, a.last_position, a.actual_revision
    INTO outcome, next_revision, last_position, actual_revision
    FROM append_allocated(p_stream_id, p_expected, p_events, v_allocated.transaction_id, v_allocated.first_position) a;
END
$fn$;

-- Group commit: several independent appends (to any streams) in one transaction, each with its
-- own expectation and its own outcome; a rejected one writes nothing and does not affect the
-- others. p_appends: [{"streamId", "expected", "events"}]. Callers order the items by stream id
-- (keeping the order of items on the same stream), so concurrent batches lock stream rows in one
-- order and cannot deadlock.
CREATE FUNCTION append_to_streams(p_appends jsonb)
RETURNS TABLE (item integer, outcome smallint, next_revision bigint, last_position bigint, actual_revision bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
  v_allocated record;
  v_append jsonb;
  v_ord bigint;
  v_offset bigint := 0;
  v_result record;
BEGIN
  SELECT * INTO v_allocated
    FROM allocate_positions((SELECT sum(jsonb_array_length(a -> 'events'))::integer
                               FROM jsonb_array_elements(p_appends) AS a));
  FOR v_append, v_ord IN SELECT j.value, j.ord FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS j(value, ord) LOOP
    SELECT * INTO v_result
      FROM append_allocated(v_append ->> 'streamId', (v_append ->> 'expected')::bigint, v_append -> 'events',
                            v_allocated.transaction_id, v_allocated.first_position + v_offset);
    v_offset := v_offset + jsonb_array_length(v_append -> 'events');
    item := v_ord - 1;
    outcome := v_result.outcome;
    next_revision := v_result.next_revision;
    last_position := v_result.last_position;
    actual_revision := v_result.actual_revision;
    RETURN NEXT;
  END LOOP;
END
$fn$;
`,
};
