import type { UniformSource } from '../uniform-source';
import { sha256Bytes } from './hashing';

/**
 * The same stream as version 1 (block(i) = SHA-256(seed ‖ u64be(i)), big-endian 32-bit words, rejection
 * sampling), on Uint8Array and @noble/hashes so it runs in the browser.
 */
export class Sha256CounterPrngV2 implements UniformSource {
  private block: Uint8Array = new Uint8Array(0);
  private offset = 32;
  private counter = 0;
  private readonly input = new Uint8Array(40);

  constructor(seed: Uint8Array) {
    if (seed.length !== 32) throw new RangeError('Sha256CounterPrngV2: seed must be 32 bytes');
    this.input.set(seed, 0);
  }

  nextUint32(): number {
    if (this.offset === 32) {
      const view = new DataView(this.input.buffer);
      view.setUint32(32, Math.floor(this.counter / 2 ** 32));
      view.setUint32(36, this.counter >>> 0);
      this.block = sha256Bytes(this.input);
      this.counter += 1;
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return (((b[o] as number) << 24) | ((b[o + 1] as number) << 16) | ((b[o + 2] as number) << 8) | (b[o + 3] as number)) >>> 0;
  }

  uniform(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`uniform: n out of range: ${n}`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const w = this.nextUint32();
      if (w < limit) return w % n;
    }
  }
}
