import type { Migration } from './migration';

/**
 * `append_to_stream(stream_id, expected, events)`: the whole append in one statement, so one round
 * trip and one transaction per append (the caller runs it in autocommit).
 *
 * `expected`: a revision >= 0, or -1 no_stream, -2 any, -3 stream_exists.
 * `events`: a JSON array of {id, type, data, metadata}.
 * Returns one row: outcome 0 = appended, 1 = already appended (an idempotent retry: the same event
 * ids sit at the revisions this append would have written; nothing is written), 2 = wrong expected
 * revision (nothing is written; actual_revision is -1 for "no stream").
 *
 * Why the advisory lock. Positions must be strictly increasing in the order readers see events,
 * and readers see an event only once every transaction with a smaller xid has finished (see the
 * reads: `transaction_id < pg_snapshot_xmin(pg_current_snapshot())`). That hides the classic gap
 * (a later position committed before an earlier one) only if position order equals transaction-id
 * order. Postgres hands out xids and sequence values independently, so the function takes both
 * while holding a session advisory lock: xid first (it must be this transaction's first xid, hence
 * the check that none is assigned yet; row locks and inserts would assign one), then a block of
 * `n` consecutive positions, then unlock. The lock covers two in-memory counter bumps, not the
 * commit, so writers still commit (and fsync) concurrently. Then, for any two appends, smaller
 * position <=> smaller xid, and the events with xid < xmin form a gap-free prefix of the position
 * order (rolled-back or rejected appends only leave unused numbers, which readers never wait for).
 */
export const createAppendFunction: Migration = {
  version: 2,
  name: 'create_append_function',
  sql: `
CREATE FUNCTION append_to_stream(p_stream_id text, p_expected bigint, p_events jsonb)
RETURNS TABLE (outcome smallint, next_revision bigint, last_position bigint, actual_revision bigint)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
  v_count integer := jsonb_array_length(p_events);
  v_xid xid8;
  v_first_position bigint;
  v_current bigint;
  v_base bigint;
  v_matched integer;
  v_matched_last_position bigint;
BEGIN
  IF v_count = 0 THEN
    RAISE EXCEPTION 'append_to_stream needs at least one event' USING ERRCODE = '22023';
  END IF;
  IF pg_current_xact_id_if_assigned() IS NOT NULL THEN
    RAISE EXCEPTION 'append_to_stream must be the first write of its transaction' USING ERRCODE = '25001';
  END IF;

  -- (xid, positions) allocated together, in one global order; see the migration's comment.
  PERFORM pg_advisory_lock(1936221043, hashtext(current_schema()));
  v_xid := pg_current_xact_id();
  v_first_position := nextval('events_position_seq');
  IF v_count > 1 THEN
    PERFORM setval('events_position_seq', v_first_position + v_count - 1);
  END IF;
  PERFORM pg_advisory_unlock(1936221043, hashtext(current_schema()));

  LOOP
    SELECT s.revision INTO v_current FROM streams s WHERE s.stream_id = p_stream_id FOR UPDATE;
    IF NOT FOUND THEN
      v_current := -1;
    END IF;

    -- Idempotent retry: these exact ids already sit where this append would have put them.
    IF p_expected >= -1 AND v_current > p_expected THEN
      v_base := p_expected;
    ELSIF p_expected IN (-2, -3) AND v_current >= 0 THEN
      SELECT e.revision - 1 INTO v_base FROM events e
       WHERE e.event_id = (p_events -> 0 ->> 'id')::uuid AND e.stream_id = p_stream_id;
    ELSE
      v_base := NULL;
    END IF;
    IF v_base IS NOT NULL THEN
      SELECT count(*), max(e.position) INTO v_matched, v_matched_last_position
        FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(value, ord)
        JOIN events e ON e.stream_id = p_stream_id
                     AND e.revision = v_base + j.ord
                     AND e.event_id = (j.value ->> 'id')::uuid;
      IF v_matched = v_count THEN
        RETURN QUERY SELECT 1::smallint, v_base + v_count, v_matched_last_position, v_current;
        RETURN;
      END IF;
    END IF;

    IF NOT (p_expected = -2
            OR (p_expected = -1 AND v_current = -1)
            OR (p_expected = -3 AND v_current >= 0)
            OR (p_expected >= 0 AND v_current = p_expected)) THEN
      RETURN QUERY SELECT 2::smallint, NULL::bigint, NULL::bigint, v_current;
      RETURN;
    END IF;

    IF v_current = -1 THEN
      -- A concurrent creator of the same stream makes this a no-op (after waiting for its commit):
      -- go round again, lock its row and re-check the expectation against what it wrote.
      INSERT INTO streams (stream_id, revision) VALUES (p_stream_id, v_count - 1) ON CONFLICT DO NOTHING;
      CONTINUE WHEN NOT FOUND;
    ELSE
      UPDATE streams SET revision = v_current + v_count WHERE stream_id = p_stream_id;
    END IF;
    EXIT;
  END LOOP;

  INSERT INTO events (position, transaction_id, stream_id, revision, event_id, type, data, metadata)
  SELECT v_first_position + j.ord - 1, v_xid, p_stream_id, v_current + j.ord,
         (j.value ->> 'id')::uuid, j.value ->> 'type', j.value -> 'data', j.value -> 'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS j(value, ord);

  RETURN QUERY SELECT 0::smallint, v_current + v_count, v_first_position + v_count - 1, v_current;
END
$fn$;
`,
};
