/**
 * Schema migrations, applied in order by `migrate()`. The database's `PRAGMA user_version` is the
 * number of the last migration applied, so a later migration is one more entry here; never edit
 * an entry that has shipped.
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'events table: global position, per-stream revision, unique event id',
    // AUTOINCREMENT: positions are never reused, even after the last row is deleted, so a
    // subscriber's checkpoint can never point at a different event later.
    sql: `
      CREATE TABLE events (
        position    INTEGER PRIMARY KEY AUTOINCREMENT,
        stream_id   TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        id          TEXT    NOT NULL UNIQUE,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      ) STRICT;
    `,
  },
];
