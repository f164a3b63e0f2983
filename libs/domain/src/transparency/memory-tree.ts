import { appendLeaf, rootHash, type SubtreeHashes } from './subtree-hashes';
import { EMPTY_ROOT, nodeHash as nodeHashOf, type Hash } from './tree-hashing';

/**
 * A whole tree in memory: every perfect subtree, level by level (about 2n hashes). For tests, and for
 * anyone who wants proofs over a log small enough to hold; the server keeps the same nodes in its
 * read store instead (libs/projections/src/transparency).
 */
export class MemoryTree implements SubtreeHashes {
  private readonly levels: Hash[][] = [];

  get size(): number {
    return this.levels[0]?.length ?? 0;
  }

  append(leaf: Hash): void {
    const nodes = appendLeaf(this.size, leaf, (level, index) => this.perfect(level, index));
    for (const node of nodes) (this.levels[node.level] ??= [])[node.index] = node.hash;
  }

  perfect(level: number, index: number): Hash {
    const hash = this.levels[level]?.[index];
    if (!hash) throw new RangeError(`no subtree at level ${level}, index ${index} in a tree of ${this.size}`);
    return hash;
  }

  root(size = this.size): Hash {
    return size === 0 ? EMPTY_ROOT : rootHash(this, size);
  }
}

/**
 * Only the right edge of a growing tree (RFC 9162's "compact range" from 0): one hash per set bit of
 * the size, so a verifier can recompute the root of a log of any length in O(log n) memory.
 */
export class TreeFrontier {
  /** Perfect subtrees left to right, largest first: the binary digits of the size. */
  private readonly peaks: { level: number; hash: Hash }[] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  append(leaf: Hash): void {
    const nodes = appendLeaf(this.count, leaf, (level) => {
      const peak = this.peaks.pop();
      if (!peak || peak.level !== level) throw new Error('tree frontier out of step');
      return peak.hash;
    });
    const top = nodes[nodes.length - 1]!;
    this.peaks.push({ level: top.level, hash: top.hash });
    this.count += 1;
  }

  root(): Hash {
    if (this.peaks.length === 0) return EMPTY_ROOT;
    // The root folds the peaks from the right: MTH splits at the largest power of two each time.
    let hash = this.peaks[this.peaks.length - 1]!.hash;
    for (let i = this.peaks.length - 2; i >= 0; i -= 1) hash = nodeHashOf(this.peaks[i]!.hash, hash);
    return hash;
  }
}
