import type { ProjectionSchema, TableSpec } from '../read-store.port';

/**
 * The transparency log's tree in the read store (docs/transparency-log.md). Every perfect subtree of
 * level 0 or ≥ 4 (stored-levels.ts) is one row, written once when its last leaf arrives and never changed; a leaf's row also names its
 * event and global position, so an inclusion proof can be asked for by event id. The signed heads
 * (TreeHeadSigned events) get a row each, by tree size.
 */
export const TREE_NODES: TableSpec = {
  name: 'tlog_nodes',
  key: 'node',
  columns: { node: 'text', level: 'integer', idx: 'integer', hash: 'text', event_id: 'text', position: 'integer' },
  indexes: [['event_id']],
};
export const TREE_STATE: TableSpec = { name: 'tlog_state', key: 'name', columns: { name: 'text', size: 'integer' } };
export const TREE_HEADS: TableSpec = {
  name: 'tlog_heads',
  key: 'tree_size',
  columns: { tree_size: 'text', size: 'integer', root_hash: 'text', timestamp: 'integer', key_id: 'text', signature: 'text', event_id: 'text', position: 'integer' },
  indexes: [['size']],
};

export const TRANSPARENCY_SCHEMA: ProjectionSchema = { name: 'transparency-log', version: 1, tables: [TREE_NODES, TREE_STATE, TREE_HEADS] };

/** The row key of the perfect subtree at (level, index). */
export const nodeKey = (level: number, index: number): string => `${level}:${index}`;
/** Sizes as zero-padded text keys, so the key order is the numeric order. */
export const sizeKey = (size: number): string => String(size).padStart(15, '0');
export const STATE_KEY = 'tree';
