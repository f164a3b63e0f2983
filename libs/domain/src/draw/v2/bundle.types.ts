import type { DrawAssignment, FrozenPopulation, StratumAllocation, WitnessKind } from '../draw.types';

export const ALGORITHM_VERSION_V2 = 'shuangsui-draw/2';
export const BUNDLE_FORMAT = 'shuangsui-draw-bundle/2';

/** The public randomness named at the freeze: nobody knows its value before `availableAt`. */
export interface BeaconSpec {
  /** Who publishes it, e.g. "中国福利彩票3D". */
  readonly source: string;
  /** Which result: the draw date or issue, e.g. "2026-03-02" or "2026056期". */
  readonly round: string;
  /** ISO-8601 UTC instant (`YYYY-MM-DDTHH:MM:SSZ`) from which the value is public. */
  readonly availableAt: string;
}

/** A witness's input, committed by hash at the freeze. */
export interface WitnessCommitment {
  readonly kind: WitnessKind;
  readonly source: string;
  /** SHA-256 of the witness's value and nonce (§V2.3). */
  readonly commitment: string;
}

/** What the freeze commits to (recorded as DrawSeedCommitted, published at once). */
export interface CommitmentRound {
  readonly populationHash: string;
  /** SHA-256 of the operator's 32-byte secret, as in version 1. */
  readonly secretCommitment: string;
  readonly beacon: BeaconSpec;
  readonly witnesses: readonly WitnessCommitment[];
}

export interface WitnessReveal {
  readonly value: string;
  /** 64 lowercase hex: the witness's own random salt, so a short value cannot be guessed from its hash. */
  readonly nonce: string;
}

/** Revealed at the draw. */
export interface DrawReveal {
  readonly secret: string;
  /** The beacon's published value; absent = not yet known. */
  readonly beaconValue?: string;
  /** In the order of the commitment's witnesses. */
  readonly witnesses: readonly WitnessReveal[];
}

/** Where an event sits in the log: id, its hash-chain hash and its global position. */
export interface EventRef {
  readonly eventId: string;
  readonly eventHash: string;
  readonly position: number;
}

export interface DrawResultV2 {
  readonly algorithmVersion: typeof ALGORITHM_VERSION_V2;
  readonly drawId: string;
  readonly month: string;
  readonly commitmentHash: string;
  readonly commitmentEventId: string;
  readonly commitmentEventHash: string;
  readonly seed: string;
  readonly strata: readonly StratumAllocation[];
  readonly assignments: readonly DrawAssignment[];
  readonly resultHash: string;
}

/** Everything needed to re-run a draw, and nothing personal (docs/draw-algorithm.md §V2.6). */
export interface DrawBundle {
  readonly format: typeof BUNDLE_FORMAT;
  readonly algorithmVersion: typeof ALGORITHM_VERSION_V2;
  readonly drawId: string;
  readonly planId: string;
  readonly month: string;
  readonly commitment: CommitmentRound;
  readonly commitmentEvent: EventRef;
  readonly population: FrozenPopulation;
  readonly reveal: DrawReveal;
  /** Absent while the draw is pending. */
  readonly result?: DrawResultV2;
  readonly drawEvent?: EventRef;
  /**
   * Where the commitment and draw events sit in the transparency log (docs/transparency-log.md): their
   * leaf indexes and inclusion proofs against a signed head, when one covers them. Checked by
   * `verify-bundle` (the proofs against the head's root, and the order of the two leaves).
   */
  readonly log?: BundleLogProofs;
  /** Earlier results this one replaced, with the reason (a redraw always has its own commitment round). */
  readonly supersedes?: readonly { readonly drawEventId: string; readonly resultHash: string; readonly reason: string }[];
}

/** An event's place under a signed tree head: RFC 9162 inclusion proof, hashes as 64 hex. */
export interface LeafProof {
  readonly eventId: string;
  readonly leafIndex: number;
  readonly leafHash: string;
  readonly proof: readonly string[];
}

export interface BundleLogProofs {
  /** The signed head the proofs are against: {treeSize, rootHash, timestamp, keyId, signature}. */
  readonly head: { readonly treeSize: number; readonly rootHash: string; readonly timestamp: number; readonly keyId: string; readonly signature: string };
  readonly commitment: LeafProof;
  readonly draw?: LeafProof;
}
