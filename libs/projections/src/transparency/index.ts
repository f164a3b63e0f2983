/** The transparency log's tree, kept in the read store (docs/transparency-log.md). */
export * from './tree-tables';
export * from './tree-follower';
export * from './tree-reader';
