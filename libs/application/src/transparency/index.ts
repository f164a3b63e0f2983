/** The transparency log's signing: the key and the head signer (docs/transparency-log.md). */
export * from './log-signing-key';
export * from './tree-head-signer';
export * from './leaf-proofs';
