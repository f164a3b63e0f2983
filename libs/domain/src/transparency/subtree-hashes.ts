import { EMPTY_ROOT, nodeHash, splitPoint, type Hash } from './tree-hashing';

/**
 * Where a tree's hashes come from. Only *perfect* subtrees are ever asked for: the subtree at
 * (level, index) covers leaves [index·2^level, (index+1)·2^level), and once its last leaf exists its
 * hash never changes. Any range RFC 9162's recursion visits is built from O(log n) of them, so a store
 * can keep exactly these nodes (one row each) and serve any root or proof with O(log n) reads.
 */
export interface SubtreeHashes {
  perfect(level: number, index: number): Hash;
}

/**
 * MTH(D[start:end]) as RFC 9162 §2.1.1 defines it. Every range its recursion reaches from [0, n) is
 * either a perfect subtree aligned on its own size, or is split at the largest power of two below its
 * length; perfect ones are looked up instead of recomputed.
 */
export function rangeHash(source: SubtreeHashes, start: number, end: number): Hash {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && start % n === 0) return source.perfect(Math.log2(n), start / n);
  const k = splitPoint(n);
  return nodeHash(rangeHash(source, start, start + k), rangeHash(source, start + k, end));
}

export function rootHash(source: SubtreeHashes, size: number): Hash {
  return rangeHash(source, 0, size);
}

export function isPowerOfTwo(n: number): boolean {
  return n > 0 && (n & (n - 1)) === 0;
}

/** One perfect subtree, as a store keeps it. */
export interface SubtreeNode {
  readonly level: number;
  readonly index: number;
  readonly hash: Hash;
}

/**
 * Appends leaf number `size` (0-based) to a tree of `size` leaves: the leaf itself, then every perfect
 * subtree the new leaf completes, each the hash of its already-stored left sibling and the new right
 * one. Reads at most log2(size) stored nodes (`get`) and returns at most log2(size)+1 new ones: the
 * cost of one append does not grow with the log.
 */
export function appendLeaf(size: number, leaf: Hash, get: (level: number, index: number) => Hash): SubtreeNode[] {
  const written: SubtreeNode[] = [{ level: 0, index: size, hash: leaf }];
  let index = size;
  let hash = leaf;
  let level = 0;
  while (index % 2 === 1) {
    hash = nodeHash(get(level, index - 1), hash);
    index = (index - 1) / 2;
    level += 1;
    written.push({ level, index, hash });
  }
  return written;
}

/** Which stored nodes `appendLeaf(size, …)` will read: the left siblings on the new leaf's way up. */
export function appendReads(size: number): { level: number; index: number }[] {
  const reads: { level: number; index: number }[] = [];
  let index = size;
  let level = 0;
  while (index % 2 === 1) {
    reads.push({ level, index: index - 1 });
    index = (index - 1) / 2;
    level += 1;
  }
  return reads;
}

/**
 * Runs `compute` twice: first against a recording source that answers with placeholder hashes (the
 * access pattern of every function here depends on sizes and indexes only, never on hash values), then
 * against the nodes fetched for exactly those addresses. So a store serves a proof in one round trip.
 */
export async function withFetchedNodes<T>(
  compute: (source: SubtreeHashes) => T,
  fetch: (addresses: readonly { level: number; index: number }[]) => Promise<SubtreeHashes>,
): Promise<T> {
  const addresses = new Map<string, { level: number; index: number }>();
  compute({
    perfect: (level, index) => {
      addresses.set(`${level}.${index}`, { level, index });
      return EMPTY_ROOT;
    },
  });
  return compute(await fetch([...addresses.values()]));
}
