import { createHash } from 'node:crypto';

/**
 * The two hashes of an RFC 9162 Merkle tree (§2.1.1), with SHA-256. The one-byte prefixes keep a leaf
 * from ever being taken for an interior node (a second-preimage defence): 0x00 before a leaf's bytes,
 * 0x01 before the two child hashes of a node.
 */

export type Hash = Buffer;

export const HASH_BYTES = 32;

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** MTH of an empty tree: SHA-256 of no bytes. */
export const EMPTY_ROOT: Hash = createHash('sha256').digest();

export function leafHash(leafBytes: Uint8Array): Hash {
  return createHash('sha256').update(LEAF_PREFIX).update(leafBytes).digest();
}

export function nodeHash(left: Hash, right: Hash): Hash {
  return createHash('sha256').update(NODE_PREFIX).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n ≥ 2): RFC 9162's k, where the tree splits. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export const toHex = (hash: Hash): string => hash.toString('hex');

/** Parses a 64-digit hex hash, or returns null: proofs arrive from outside and are checked, not trusted. */
export function fromHex(text: string): Hash | null {
  return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, 'hex') : null;
}
