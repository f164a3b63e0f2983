/** RFC 9162 Merkle tree over the whole event log: hashes, roots, proofs and their verifiers. Pure. */
export * from './tree-hashing';
export * from './subtree-hashes';
export * from './inclusion-proof';
export * from './consistency-proof';
export * from './memory-tree';
export * from './event-leaf';
export * from './signed-tree-head';
export * from './tree-head.decider';
export * from './bundle-log';
