import { isPowerOfTwo, rangeHash, type SubtreeHashes } from './subtree-hashes';
import { nodeHash, splitPoint, type Hash } from './tree-hashing';

/**
 * Consistency proofs, RFC 9162 §2.1.4: PROOF(m, D[n]) shows that the tree of m leaves is a prefix of
 * the tree of n leaves — nothing of the first m was changed, removed or reordered.
 */

export function consistencyProof(source: SubtreeHashes, fromSize: number, toSize: number): Hash[] {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 0 || fromSize > toSize) {
    throw new RangeError(`consistency proof: cannot go from size ${fromSize} to ${toSize}`);
  }
  // Nothing to prove from the empty tree, or between equal sizes (their roots must simply be equal).
  if (fromSize === 0 || fromSize === toSize) return [];
  return subproof(source, fromSize, 0, toSize, true);
}

/** SUBPROOF(m, D[start:end], b); `complete` is b: whether D[start:start+m] is a subtree the verifier already knows. */
function subproof(source: SubtreeHashes, m: number, start: number, end: number, complete: boolean): Hash[] {
  const n = end - start;
  if (m === n) return complete ? [] : [rangeHash(source, start, end)];
  const k = splitPoint(n);
  if (m <= k) return [...subproof(source, m, start, start + k, complete), rangeHash(source, start + k, end)];
  return [...subproof(source, m - k, start + k, end, false), rangeHash(source, start, start + k)];
}

/** RFC 9162 §2.1.4.2, step by step, with the two trivial cases (from 0, equal sizes) decided first. */
export function verifyConsistency(fromSize: number, toSize: number, fromRoot: Hash, toRoot: Hash, proof: readonly Hash[]): boolean {
  if (!Number.isSafeInteger(fromSize) || !Number.isSafeInteger(toSize) || fromSize < 0 || fromSize > toSize) return false;
  if (fromSize === 0) return proof.length === 0;
  if (fromSize === toSize) return proof.length === 0 && fromRoot.equals(toRoot);
  if (proof.length === 0) return false;

  const path = isPowerOfTwo(fromSize) ? [fromRoot, ...proof] : [...proof];
  let fn = fromSize - 1;
  let sn = toSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}
