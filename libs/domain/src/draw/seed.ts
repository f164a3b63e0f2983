import { createHash } from 'node:crypto';
import type { WitnessInput } from './draw.types';

/** Domain-separation tag of the seed derivation; a different protocol can never produce the same bytes. */
export const SEED_DOMAIN = 'shuangsui/draw-seed/1';

const HEX64 = /^[0-9a-f]{64}$/;

/** uint32_be(byte length) ‖ UTF-8 bytes: concatenations of such fields can be split back one way only. */
export function lengthPrefixed(value: string): Buffer {
  const bytes = Buffer.from(value, 'utf8');
  const prefix = Buffer.alloc(4);
  prefix.writeUInt32BE(bytes.length);
  return Buffer.concat([prefix, bytes]);
}

/** Commitment = lowercase hex SHA-256 of the 32 raw secret bytes (not of the hex text). */
export function commitmentOf(secretHex: string): string {
  if (!HEX64.test(secretHex)) throw new RangeError('commitmentOf: secret must be 64 lowercase hex characters');
  return createHash('sha256').update(Buffer.from(secretHex, 'hex')).digest('hex');
}

/** The bytes hashed into the seed; exported so the doc's test vectors can show them. */
export function seedMaterial(populationHash: string, secretHex: string, witnesses: readonly WitnessInput[]): Buffer {
  const parts = [
    lengthPrefixed(SEED_DOMAIN),
    lengthPrefixed(populationHash),
    lengthPrefixed(secretHex),
    lengthPrefixed(String(witnesses.length)),
  ];
  for (const w of witnesses) parts.push(lengthPrefixed(w.kind), lengthPrefixed(w.source), lengthPrefixed(w.value));
  return Buffer.concat(parts);
}

/**
 * seed = SHA-256(seedMaterial). The secret was committed before anyone could see the witness inputs,
 * and the witness inputs come after the freeze: neither the operator nor the witnesses alone can aim
 * the seed, and the population hash binds the seed to the frozen population.
 */
export function deriveSeed(populationHash: string, secretHex: string, witnesses: readonly WitnessInput[]): Buffer {
  return createHash('sha256').update(seedMaterial(populationHash, secretHex, witnesses)).digest();
}
