import { createHash } from 'node:crypto';

/**
 * RFC 9162 §2.1 written out plainly over an array of leaf hashes: MTH, PATH and PROOF exactly as the
 * RFC states them, recursive, with no storage, no caching and no code shared with the implementation
 * under test (not even the hash functions). Tests compare the implementation's proofs to these.
 */

const sha256 = (...parts: Buffer[]): Buffer => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

export const refLeafHash = (bytes: Buffer): Buffer => sha256(Buffer.from([0]), bytes);

/** The largest power of two smaller than n. */
function k(n: number): number {
  let power = 1;
  while (power * 2 < n) power *= 2;
  return power;
}

/**
 * MTH(D[lo:hi]) over already-hashed leaves. The same ranges come up again and again across sizes, so
 * results are remembered per leaf array: that keeps a sweep over thousands of sizes quick without
 * changing what is computed.
 */
const memo = new WeakMap<readonly Buffer[], Map<string, Buffer>>();

export function refMth(leaves: readonly Buffer[], lo = 0, hi = leaves.length): Buffer {
  const n = hi - lo;
  if (n === 0) return sha256();
  if (n === 1) return leaves[lo]!;
  let known = memo.get(leaves);
  if (!known) memo.set(leaves, (known = new Map()));
  const cached = known.get(`${lo}:${hi}`);
  if (cached) return cached;
  const split = k(n);
  const result = sha256(Buffer.from([1]), refMth(leaves, lo, lo + split), refMth(leaves, lo + split, hi));
  known.set(`${lo}:${hi}`, result);
  return result;
}

/** PATH(m, D[lo:hi]). */
export function refPath(m: number, leaves: readonly Buffer[], lo = 0, hi = leaves.length): Buffer[] {
  const n = hi - lo;
  if (n <= 1) return [];
  const split = k(n);
  if (m < split) return [...refPath(m, leaves, lo, lo + split), refMth(leaves, lo + split, hi)];
  return [...refPath(m - split, leaves, lo + split, hi), refMth(leaves, lo, lo + split)];
}

/** SUBPROOF(m, D[lo:hi], b). */
function refSubproof(m: number, leaves: readonly Buffer[], lo: number, hi: number, b: boolean): Buffer[] {
  const n = hi - lo;
  if (m === n) return b ? [] : [refMth(leaves, lo, hi)];
  const split = k(n);
  if (m <= split) return [...refSubproof(m, leaves, lo, lo + split, b), refMth(leaves, lo + split, hi)];
  return [...refSubproof(m - split, leaves, lo + split, hi, false), refMth(leaves, lo, lo + split)];
}

/** PROOF(m, D[n]) for 0 < m < n, over the first n leaves. */
export function refProof(m: number, leaves: readonly Buffer[], n: number): Buffer[] {
  return refSubproof(m, leaves, 0, n, true);
}
