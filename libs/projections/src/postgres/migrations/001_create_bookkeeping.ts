import type { Migration } from '@shuangsui/event-store';

/**
 * The read store's bookkeeping, the same three tables as the SQLite read store:
 * - rm_projections: which generation of each projection readers see;
 * - rm_generations: every generation with its schema version, checkpoint and table list;
 * - rm_checkpoints: plain checkpoints of process managers.
 * The read-model tables themselves (rm_<table>_g<generation>) are created at run time from the
 * projections' table specs, so they are not migrations.
 */
export const createBookkeeping: Migration = {
  version: 1,
  name: 'create_read_store_bookkeeping',
  sql: `
CREATE TABLE rm_projections (
  name text PRIMARY KEY,
  generation integer NOT NULL
);

CREATE TABLE rm_generations (
  name text NOT NULL,
  generation integer NOT NULL,
  version integer NOT NULL,
  position bigint NOT NULL,
  tables jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (name, generation)
);

CREATE TABLE rm_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL
);
`,
};
