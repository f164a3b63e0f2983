/** Every SQL statement the SQLite adapter runs, one per constant. Prepared once per connection. */

const EVENT_COLUMNS = 'position, stream_id, revision, id, type, data, metadata, recorded_at';

export const SELECT_STREAM_HEAD = `
  SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`;

export const SELECT_EVENT_BY_ID = `
  SELECT stream_id, revision, position FROM events WHERE id = ?`;

export const SELECT_EVENT_ID_AT = `
  SELECT id, position FROM events WHERE stream_id = ? AND revision = ?`;

export const INSERT_EVENT = `
  INSERT INTO events (stream_id, revision, id, type, data, metadata, recorded_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;

export const SELECT_STREAM_PAGE = `
  SELECT ${EVENT_COLUMNS} FROM events
  WHERE stream_id = ? AND revision >= ? ORDER BY revision LIMIT ?`;

export const SELECT_ALL_PAGE = `
  SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`;

/**
 * Our writers store metadata as JSON.stringify writes it, occurredAt first and as toISOString
 * writes it: the text starts `{"occurredAt":"` and the 24-character value ends at character 39.
 */
const OCCURRED_AT_FIRST = `(substr(metadata, 1, 15) = '{"occurredAt":"' AND substr(metadata, 40, 1) = '"')`;

/**
 * SELECT_ALL_PAGE for readAllLean: occurredAt is cut out of the metadata text in SQL, so the
 * ~400 bytes of metadata a replay never uses are neither copied into JS strings nor parsed. For
 * metadata of any other shape `occurred_at` is NULL; a cut holding a quote (the value was shorter)
 * or a backslash (an escape sequence) must not be trusted. Either way the caller reads that event's
 * metadata with SELECT_METADATA_AT (rare; one more column per row cost every row ~10%).
 */
export const SELECT_ALL_LEAN_PAGE = `
  SELECT position, stream_id, id, type, data, CASE WHEN ${OCCURRED_AT_FIRST} THEN substr(metadata, 16, 24) END
  FROM events WHERE position > ? ORDER BY position LIMIT ?`;

/** The rowid's B-tree answers MAX at once: no scan. */
export const SELECT_HEAD_POSITION = `
  SELECT COALESCE(MAX(position), 0) FROM events`;

export const SELECT_METADATA_AT = `
  SELECT metadata, recorded_at FROM events WHERE position = ?`;

/**
 * Row shape of the SELECT_*_PAGE statements, read with `.raw()` (one array per row, in
 * EVENT_COLUMNS order): no object with eight named properties per row, which matters when a
 * replay reads millions of events.
 */
export type EventTuple = readonly [
  position: number,
  streamId: string,
  revision: number,
  id: string,
  type: string,
  data: string,
  metadata: string,
  recordedAt: string,
];

/** Row shape of SELECT_ALL_LEAN_PAGE (with `.raw()`). */
export type LeanEventTuple = readonly [position: number, streamId: string, id: string, type: string, data: string, occurredAt: string | null];
