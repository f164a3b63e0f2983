import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils';

/**
 * Hashing for algorithm version 2, in pure JavaScript (@noble/hashes) rather than node:crypto, so the
 * same code runs in the browser verifier (/public/verify) and on the server.
 */
const encoder = new TextEncoder();
export const utf8 = (text: string): Uint8Array => encoder.encode(text);
export const sha256Hex = (bytes: Uint8Array | string): string => bytesToHex(sha256(typeof bytes === 'string' ? utf8(bytes) : bytes));
export const sha256Bytes = (bytes: Uint8Array): Uint8Array => sha256(bytes);
export { bytesToHex, hexToBytes };

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** `u32be(byte length of UTF-8(s)) ‖ UTF-8(s)` (spec §5): concatenations split back one way only. */
export function field(text: string): Uint8Array {
  const bytes = utf8(text);
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, 4);
  return out;
}

/**
 * Text a person typed (witness sources and values, the beacon value), as version 2 hashes it: NFKC,
 * then without leading and trailing white space — exactly what the server makes of every string it
 * receives, so a witness who computes their commitment at home on "5：2" gets the hash the server
 * computes on the "5:2" it stores (docs/draw-algorithm.md §V2.3).
 */
export const typedText = (text: string): string => text.normalize('NFKC').trim();

/** True if the string has an unpaired UTF-16 surrogate (it has no UTF-8 encoding). */
export function hasLoneSurrogate(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
      else return true;
    } else if (c >= 0xdc00 && c <= 0xdfff) return true;
  }
  return false;
}
