import { createHash } from 'node:crypto';

import type { UniformSource } from './uniform-source';

export type { UniformSource } from './uniform-source';

/**
 * Deterministic PRNG: SHA-256 in counter mode. Block i = SHA-256(seed ‖ uint64_be(i)), i = 0, 1, …;
 * the stream is the blocks concatenated, read as 32-bit big-endian words (8 per block).
 */
export class HashCounterPrng implements UniformSource {
  private block: Buffer = Buffer.alloc(0);
  private offset = 32;
  private counter = 0n;
  private readonly counterBytes = Buffer.alloc(8);

  constructor(private readonly seed: Buffer) {
    if (seed.length !== 32) throw new RangeError('HashCounterPrng: seed must be 32 bytes');
  }

  nextUint32(): number {
    if (this.offset === 32) {
      this.counterBytes.writeBigUInt64BE(this.counter);
      this.block = createHash('sha256').update(this.seed).update(this.counterBytes).digest();
      this.counter += 1n;
      this.offset = 0;
    }
    const word = this.block.readUInt32BE(this.offset);
    this.offset += 4;
    return word;
  }

  /**
   * Uniform integer in [0, n) for 1 ≤ n ≤ 2^32, by rejection: with limit = 2^32 − (2^32 mod n), words
   * ≥ limit are discarded and the next is read; an accepted word w gives w mod n. Always reads at least
   * one word, even for n = 1, so the stream position never depends on a special case.
   */
  uniform(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`uniform: n out of range: ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const w = this.nextUint32();
      if (w < limit) return w % n;
    }
  }
}
