import { rangeHash, type SubtreeHashes } from './subtree-hashes';
import { nodeHash, splitPoint, type Hash } from './tree-hashing';

/**
 * Inclusion proofs, RFC 9162 §2.1.3: PATH(m, D[n]) lists the hashes needed to recompute the root of
 * a tree of n leaves from leaf m, innermost sibling first.
 */

export function inclusionProof(source: SubtreeHashes, leafIndex: number, treeSize: number): Hash[] {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) {
    throw new RangeError(`inclusion proof: leaf ${leafIndex} is not in a tree of ${treeSize}`);
  }
  return path(source, leafIndex, 0, treeSize);
}

function path(source: SubtreeHashes, m: number, start: number, end: number): Hash[] {
  const n = end - start;
  if (n === 1) return [];
  const k = splitPoint(n);
  if (m < k) return [...path(source, m, start, start + k), rangeHash(source, start + k, end)];
  return [...path(source, m - k, start + k, end), rangeHash(source, start, start + k)];
}

/**
 * The root that `proof` implies for `leaf` at `leafIndex` in a tree of `treeSize`, or null when the
 * proof cannot belong to that index and size (too long, too short). RFC 9162 §2.1.3.2, step by step.
 */
export function rootFromInclusionProof(leafIndex: number, treeSize: number, leaf: Hash, proof: readonly Hash[]): Hash | null {
  if (!Number.isSafeInteger(leafIndex) || !Number.isSafeInteger(treeSize) || leafIndex < 0 || leafIndex >= treeSize) return null;
  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r);
      // A right-edge node with no right sibling moves up without hashing, until it is a right child.
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) {
          fn = Math.floor(fn / 2);
          sn = Math.floor(sn / 2);
        }
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(leafIndex: number, treeSize: number, leaf: Hash, proof: readonly Hash[], root: Hash): boolean {
  const computed = rootFromInclusionProof(leafIndex, treeSize, leaf, proof);
  return computed !== null && computed.equals(root);
}
