import { sha256 } from '@noble/hashes/sha2';

import type { UniformSource } from './uniform-source';

export type { UniformSource } from './uniform-source';

/**
 * Deterministic PRNG: SHA-256 in counter mode. Block i = SHA-256(seed ‖ uint64_be(i)), i = 0, 1, …;
 * the stream is the blocks concatenated, read as 32-bit big-endian words (8 per block). Both algorithm
 * versions read this one stream. It hashes with @noble/hashes on plain Uint8Array, not node:crypto, so
 * the browser verifier (/public/verify) runs the very same code as the server.
 */
export class HashCounterPrng implements UniformSource {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 0;
  private counter = 0;
  private readonly input = new Uint8Array(40);

  constructor(seed: Uint8Array) {
    if (seed.length !== 32) throw new RangeError('HashCounterPrng: seed must be 32 bytes');
    this.input.set(seed, 0);
  }

  nextUint32(): number {
    if (this.offset >= this.block.length) {
      // The counter stays far below 2^53, so splitting it into two 32-bit halves is exact.
      const view = new DataView(this.input.buffer);
      view.setUint32(32, Math.floor(this.counter / 2 ** 32));
      view.setUint32(36, this.counter >>> 0);
      this.block = sha256(this.input);
      this.counter += 1;
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
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
