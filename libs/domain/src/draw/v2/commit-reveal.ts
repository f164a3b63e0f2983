import { canonicalJsonV2 } from './canonical-json-v2';
import { bytesToHex, concatBytes, field, hexToBytes, typedText, sha256Bytes, sha256Hex } from './hashing';
import type { CommitmentRound, DrawReveal, WitnessCommitment, WitnessReveal } from './bundle.types';

export const WITNESS_COMMITMENT_DOMAIN = 'shuangsui/witness-commitment/2';
export const SEED_DOMAIN_V2 = 'shuangsui/draw-seed/2';
const HEX64 = /^[0-9a-f]{64}$/;

/** SHA-256(field(domain) ‖ field(kind) ‖ field(NFKC source) ‖ field(NFKC value) ‖ field(nonce)), hex. */
export function witnessCommitmentOf(w: Pick<WitnessCommitment, 'kind' | 'source'>, reveal: WitnessReveal): string {
  return sha256Hex(concatBytes([field(WITNESS_COMMITMENT_DOMAIN), field(w.kind), field(typedText(w.source)), field(typedText(reveal.value)), field(reveal.nonce)]));
}

export function secretCommitmentOf(secretHex: string): string {
  if (!HEX64.test(secretHex)) throw new RangeError('secret must be 64 lowercase hex characters');
  return sha256Hex(hexToBytes(secretHex));
}

/** The hash that names a commitment round: SHA-256 of its canonical JSON v2. */
export const commitmentHashOf = (round: CommitmentRound): string => sha256Hex(canonicalJsonV2(round));

/**
 * seed = SHA-256(field("shuangsui/draw-seed/2") ‖ field(commitmentHash) ‖ field(secret hex)
 *   ‖ field(beacon source) ‖ field(beacon round) ‖ field(NFKC beacon value)
 *   ‖ field(decimal witness count) ‖ per witness: field(kind) ‖ field(NFKC source) ‖ field(NFKC value)).
 * The commitment hash covers the population hash, so the seed is bound to the frozen population.
 */
export function seedMaterialV2(round: CommitmentRound, reveal: Required<Pick<DrawReveal, 'beaconValue'>> & DrawReveal): Uint8Array {
  const parts = [
    field(SEED_DOMAIN_V2),
    field(commitmentHashOf(round)),
    field(reveal.secret),
    field(round.beacon.source),
    field(round.beacon.round),
    field(typedText(reveal.beaconValue)),
    field(String(round.witnesses.length)),
  ];
  round.witnesses.forEach((w, i) => parts.push(field(w.kind), field(typedText(w.source)), field(typedText(reveal.witnesses[i]?.value ?? ''))));
  return concatBytes(parts);
}

export const deriveSeedV2 = (round: CommitmentRound, reveal: Required<Pick<DrawReveal, 'beaconValue'>> & DrawReveal): Uint8Array => sha256Bytes(seedMaterialV2(round, reveal));
export const seedHex = (seed: Uint8Array): string => bytesToHex(seed);
