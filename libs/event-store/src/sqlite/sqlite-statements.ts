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
