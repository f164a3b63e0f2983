import { createHash } from 'node:crypto';
import vectors from './testing/rfc6962-vectors.json';
import { refLeafHash, refMth, refPath, refProof } from './testing/reference-merkle';
import { consistencyProof, verifyConsistency } from './consistency-proof';
import { inclusionProof, verifyInclusion } from './inclusion-proof';
import { MemoryTree, TreeFrontier } from './memory-tree';
import { leafHash, toHex, type Hash } from './tree-hashing';

/**
 * The tree and its proofs against RFC 9162's algorithm written out plainly (testing/reference-merkle.ts)
 * for every size from 1 to MAX, and against the RFC 6962 test data. Every proof must verify, and must
 * fail for a wrong index, a wrong size, a wrong root and every single changed hash in it.
 */
const MAX = 2_048;

// Deterministic, distinct leaves: SHA-256 of the index, as leaf bytes.
const leaves: Hash[] = Array.from({ length: MAX + 1 }, (_, i) => refLeafHash(createHash('sha256').update(String(i)).digest()));

const tree = new MemoryTree();
for (const leaf of leaves.slice(0, MAX + 1)) tree.append(leaf);
const roots: Hash[] = Array.from({ length: MAX + 2 }, (_, n) => (n <= MAX + 1 && n <= tree.size ? tree.root(n) : Buffer.alloc(32)));

/** Each hash of the proof with one bit flipped, one at a time. */
function* flippedCopies(proof: readonly Hash[]): Generator<Hash[]> {
  for (let i = 0; i < proof.length; i += 1) {
    const copy = proof.map((hash) => Buffer.from(hash));
    copy[i]![i % 32]! ^= 0x01;
    yield copy;
  }
}

/** The indexes each check visits: every one up to 32, then the edges, the middle, the split point and a pseudo-random one. */
function sampleBelow(n: number): number[] {
  if (n <= 32) return Array.from({ length: n }, (_, i) => i);
  let split = 1;
  while (split * 2 < n) split *= 2;
  const picks = new Set([0, 1, n - 2, n - 1, Math.floor(n / 2), split - 1, split, (n * 7919 + 13) % n]);
  return [...picks].filter((i) => i >= 0 && i < n);
}

describe('RFC 9162 Merkle tree', () => {
  it('gives the RFC 6962 test roots for the reference leaves', () => {
    const small = new MemoryTree();
    const frontier = new TreeFrontier();
    expect(toHex(small.root())).toBe(vectors.roots['0']);
    vectors.leavesHex.forEach((hex, i) => {
      small.append(leafHash(Buffer.from(hex, 'hex')));
      frontier.append(leafHash(Buffer.from(hex, 'hex')));
      const expected = (vectors.roots as Record<string, string>)[String(i + 1)];
      expect(toHex(small.root())).toBe(expected);
      expect(toHex(frontier.root())).toBe(expected);
    });
  });

  it('has the reference root at every size, built incrementally and as a frontier', () => {
    const frontier = new TreeFrontier();
    for (let n = 1; n <= MAX; n += 1) {
      frontier.append(leaves[n - 1]!);
      const expected = refMth(leaves, 0, n);
      if (!roots[n]!.equals(expected) || !frontier.root().equals(expected)) throw new Error(`root differs at size ${n}`);
    }
  });

  it('builds the reference inclusion proof for every size, and it verifies only for its own leaf, index, size and root', () => {
    let checked = 0;
    for (let n = 1; n <= MAX; n += 1) {
      for (const m of sampleBelow(n)) {
        const proof = inclusionProof(tree, m, n);
        const reference = refPath(m, leaves, 0, n);
        if (proof.length !== reference.length || proof.some((hash, i) => !hash.equals(reference[i]!))) throw new Error(`PATH(${m}, ${n}) differs from the reference`);
        // The verifier checks the reference's proof: one it did not build.
        if (!verifyInclusion(m, n, leaves[m]!, reference, roots[n]!)) throw new Error(`PATH(${m}, ${n}) does not verify`);
        for (const wrong of flippedCopies(reference)) if (verifyInclusion(m, n, leaves[m]!, wrong, roots[n]!)) throw new Error(`altered PATH(${m}, ${n}) verifies`);
        for (const otherIndex of [m - 1, m + 1, n, -1]) {
          if (verifyInclusion(otherIndex, n, leaves[m]!, reference, roots[n]!)) throw new Error(`PATH(${m}, ${n}) verifies as index ${otherIndex}`);
          if (otherIndex >= 0 && otherIndex < n && verifyInclusion(otherIndex, n, leaves[otherIndex]!, reference, roots[n]!)) {
            throw new Error(`PATH(${m}, ${n}) verifies leaf ${otherIndex}`);
          }
        }
        for (const otherSize of [n - 1, n + 1]) {
          if (otherSize > m && verifyInclusion(m, otherSize, leaves[m]!, reference, roots[otherSize]!)) throw new Error(`PATH(${m}, ${n}) verifies at size ${otherSize}`);
        }
        if (verifyInclusion(m, n, leaves[m + 1]!, reference, roots[n]!)) throw new Error(`PATH(${m}, ${n}) verifies another leaf`);
        if (verifyInclusion(m, n, leaves[m]!, reference, roots[n + 1]!)) throw new Error(`PATH(${m}, ${n}) verifies another root`);
        if (verifyInclusion(m, n, leaves[m]!, [...reference, leaves[0]!], roots[n]!)) throw new Error(`PATH(${m}, ${n}) verifies with an extra hash`);
        if (reference.length > 0 && verifyInclusion(m, n, leaves[m]!, reference.slice(0, -1), roots[n]!)) throw new Error(`PATH(${m}, ${n}) verifies shortened`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(MAX * 7);
  });

  it('builds the reference consistency proof for every pair of sizes sampled, and it verifies only for its own sizes and roots', () => {
    let checked = 0;
    for (let n = 1; n <= MAX; n += 1) {
      for (const m of sampleBelow(n + 1)) {
        const proof = consistencyProof(tree, m, n);
        const reference = m === 0 || m === n ? [] : refProof(m, leaves, n);
        if (proof.length !== reference.length || proof.some((hash, i) => !hash.equals(reference[i]!))) throw new Error(`PROOF(${m}, ${n}) differs from the reference`);
        if (!verifyConsistency(m, n, roots[m]!, roots[n]!, reference)) throw new Error(`PROOF(${m}, ${n}) does not verify`);
        if (m === 0) continue; // nothing is proved from the empty tree
        for (const wrong of flippedCopies(reference)) if (verifyConsistency(m, n, roots[m]!, roots[n]!, wrong)) throw new Error(`altered PROOF(${m}, ${n}) verifies`);
        for (const otherFrom of [m - 1, m + 1]) {
          if (otherFrom >= 1 && otherFrom <= n && otherFrom !== m && verifyConsistency(otherFrom, n, roots[otherFrom]!, roots[n]!, reference) && reference.length > 0) {
            throw new Error(`PROOF(${m}, ${n}) verifies from size ${otherFrom}`);
          }
        }
        for (const otherTo of [n - 1, n + 1]) {
          if (otherTo >= m && otherTo !== n && verifyConsistency(m, otherTo, roots[m]!, roots[otherTo]!, reference) && reference.length > 0) {
            throw new Error(`PROOF(${m}, ${n}) verifies to size ${otherTo}`);
          }
        }
        if (verifyConsistency(m, n, roots[m + 1]!, roots[n]!, reference)) throw new Error(`PROOF(${m}, ${n}) verifies another first root`);
        if (verifyConsistency(m, n, roots[m]!, roots[n + 1]!, reference)) throw new Error(`PROOF(${m}, ${n}) verifies another second root`);
        if (m < n && verifyConsistency(m, n, roots[m]!, roots[n]!, [...reference, leaves[0]!])) throw new Error(`PROOF(${m}, ${n}) verifies with an extra hash`);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(MAX * 7);
  });

  it('refuses proofs for indexes and sizes outside the tree', () => {
    expect(() => inclusionProof(tree, 5, 5)).toThrow(RangeError);
    expect(() => consistencyProof(tree, 6, 5)).toThrow(RangeError);
    expect(verifyInclusion(0, 0, leaves[0]!, [], roots[0]!)).toBe(false);
    expect(verifyConsistency(5, 4, roots[5]!, roots[4]!, [])).toBe(false);
    expect(verifyConsistency(3, 5, roots[3]!, roots[5]!, [])).toBe(false);
  });
});
