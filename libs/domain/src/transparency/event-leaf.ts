import { canonicalJson } from '../shared/canonical-json';
import { leafHash, type Hash } from './tree-hashing';

/**
 * What one leaf of the transparency log is: one recorded event, as the bytes of the canonical JSON
 * (libs/domain/src/shared/canonical-json.ts: keys sorted, no whitespace, UTF-8) of
 * {data, id, metadata, revision, streamId, type}. Its global position is left out on purpose: positions
 * differ between stores (PostgreSQL leaves gaps), the leaf's index in the tree is its place in the log.
 * The metadata carries the stream's hash chain (prevHash, hash), so the tree covers the chain too.
 */
export interface LeafEvent {
  readonly streamId: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
}

export function eventLeafBytes(event: LeafEvent): Buffer {
  const { streamId, revision, id, type, data, metadata } = event;
  return Buffer.from(canonicalJson({ streamId, revision, id, type, data, metadata }), 'utf8');
}

export function eventLeafHash(event: LeafEvent): Hash {
  return leafHash(eventLeafBytes(event));
}
