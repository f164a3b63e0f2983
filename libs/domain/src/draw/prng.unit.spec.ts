import { createHash } from 'node:crypto';
import { HashCounterPrng } from './prng';

const seed = createHash('sha256').update('shuangsui prng test', 'utf8').digest();

/** An independent, naive reading of the specification: block i = SHA-256(seed ‖ u64be(i)). */
function referenceWords(count: number): number[] {
  const words: number[] = [];
  for (let block = 0; words.length < count; block += 1) {
    const counter = Buffer.alloc(8);
    counter.writeBigUInt64BE(BigInt(block));
    const digest = createHash('sha256').update(Buffer.concat([seed, counter])).digest();
    for (let k = 0; k < 32 && words.length < count; k += 4) words.push(digest.readUInt32BE(k));
  }
  return words;
}

describe('SHA-256 counter-mode PRNG', () => {
  it('reads big-endian 32-bit words from consecutive counter blocks', () => {
    const prng = new HashCounterPrng(seed);
    expect(Array.from({ length: 20 }, () => prng.nextUint32())).toEqual(referenceWords(20));
  });

  it('maps accepted words by w mod n and rejects words at or above 2^32 − (2^32 mod n)', () => {
    const words = referenceWords(200);
    for (const n of [1, 2, 3, 7, 1000, 999_983, 2 ** 31 + 1]) {
      const prng = new HashCounterPrng(seed);
      const limit = 2 ** 32 - (2 ** 32 % n);
      let k = 0;
      for (let draw = 0; draw < 50; draw += 1) {
        while ((words[k] as number) >= limit) k += 1;
        expect(prng.uniform(n)).toBe((words[k] as number) % n);
        k += 1;
      }
    }
  });

  it('rejects about half the words for n = 2^31 + 1 (no modulo bias, no shortcut)', () => {
    class CountingPrng extends HashCounterPrng {
      words = 0;
      override nextUint32(): number {
        this.words += 1;
        return super.nextUint32();
      }
    }
    const prng = new CountingPrng(seed);
    for (let i = 0; i < 2000; i += 1) prng.uniform(2 ** 31 + 1);
    expect(prng.words).toBeGreaterThan(3500);
    expect(prng.words).toBeLessThan(4500);
  });

  it('is uniform: chi-square of 60,000 draws of uniform(6) below the 0.1 % critical value (20.52, 5 df)', () => {
    const prng = new HashCounterPrng(seed);
    const counts = new Array<number>(6).fill(0);
    for (let i = 0; i < 60_000; i += 1) {
      const v = prng.uniform(6);
      counts[v] = (counts[v] as number) + 1;
    }
    const chi2 = counts.reduce((sum, c) => sum + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(20.52);
  });

  it('refuses a seed that is not 32 bytes and n outside [1, 2^32]', () => {
    expect(() => new HashCounterPrng(Buffer.alloc(16))).toThrow(RangeError);
    expect(() => new HashCounterPrng(seed).uniform(0)).toThrow(RangeError);
    expect(() => new HashCounterPrng(seed).uniform(2 ** 32 + 1)).toThrow(RangeError);
  });
});
