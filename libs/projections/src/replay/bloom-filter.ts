/**
 * A Bloom filter over strings: "definitely never added" or "maybe added", in a fixed number of bits.
 * A rebuild fills fresh tables, so a row it has not written cannot be in the store; remembering every
 * written key exactly would grow with the history, while this stays the same size (1 MiB by default)
 * and only costs a needless lookup on the rare false positive.
 */
export class BloomFilter {
  private readonly bits: Uint32Array;
  private readonly mask: number;

  /** `log2Bits`: the filter holds 2^log2Bits bits; `hashes`: probes per key. */
  constructor(log2Bits = 23, private readonly hashes = 4) {
    this.bits = new Uint32Array(2 ** (log2Bits - 5));
    this.mask = 2 ** log2Bits - 1;
  }

  add(value: string): void {
    let [h1, h2] = hashPair(value);
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = h1 & this.mask;
      this.bits[bit >>> 5]! |= 1 << (bit & 31);
      h1 = (h1 + h2) >>> 0;
    }
  }

  mightContain(value: string): boolean {
    let [h1, h2] = hashPair(value);
    for (let i = 0; i < this.hashes; i += 1) {
      const bit = h1 & this.mask;
      if ((this.bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
      h1 = (h1 + h2) >>> 0;
    }
    return true;
  }
}

/** Two independent 32-bit FNV-1a style hashes (double hashing derives the k probes from them). */
function hashPair(value: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ value.length;
  for (let i = 0; i < value.length; i += 1) {
    const c = value.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 0, (b | 1) >>> 0];
}
