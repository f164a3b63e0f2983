import type { RiskGrade } from '../inspection/inspection.events';
import type { DateRange } from '../directory/inspector';

/**
 * Recorded in every draw. A verifier refuses to compare a draw made by another version: the
 * algorithm of version N is specified in docs/draw-algorithm.md and never changes.
 */
export const ALGORITHM_VERSION = 'shuangsui-draw/1';

/** A unit as the draw sees it: only the fields that change the result. */
export interface DrawUnit {
  readonly id: string;
  readonly riskGrade: RiskGrade;
  readonly isKeyUnit: boolean;
  /** The inspectors of the unit's last inspection; the draw never sends this pair again. */
  readonly lastPair?: readonly [string, string];
}

/** An inspector as the draw sees it. */
export interface DrawInspector {
  readonly id: string;
  readonly isFireInspector: boolean;
  readonly canLead: boolean;
  readonly certificateValidFrom: string;
  readonly certificateValidTo: string;
  readonly leaves: readonly DateRange[];
  /** Units this inspector must never be drawn for (回避). */
  readonly conflictUnitIds: readonly string[];
  /** Inspections already assigned this plan period: the balancing starts from these loads. */
  readonly priorAssignments: number;
}

/** Integer basis points per grade (1 % = 100), the yearly sampling ratio. */
export type RatiosBasisPoints = Readonly<Record<RiskGrade, number>>;

/** Everything frozen when the monthly quota is set; its hash is the population hash. */
export interface FrozenPopulation {
  /** Visit month, 'YYYY-MM'. */
  readonly month: string;
  readonly quota: number;
  readonly ratiosBp: RatiosBasisPoints;
  /** Joint plan (联合抽查): every pair includes at least one fire inspector. */
  readonly jointPlan: boolean;
  /** The eligible units (already filtered by status, scope and frequency rules). */
  readonly units: readonly DrawUnit[];
  readonly inspectors: readonly DrawInspector[];
}

export const WITNESS_KINDS = ['observer', 'notary', 'public-number'] as const;
export type WitnessKind = (typeof WITNESS_KINDS)[number];

/** A public input nobody could know at the freeze, with who gave it. */
export interface WitnessInput {
  readonly kind: WitnessKind;
  /** Who gave it: an observer's name and role, a notary office, or the publisher of the number. */
  readonly source: string;
  readonly value: string;
}

export interface DrawInput {
  readonly population: FrozenPopulation;
  /** The hash recorded at the freeze; the draw refuses to run on a population that differs. */
  readonly populationHash: string;
  /** SHA-256 of the secret, recorded at the freeze (64 lowercase hex). */
  readonly commitment: string;
  /** The secret revealed at the draw (64 lowercase hex = 32 bytes). */
  readonly secret: string;
  readonly witnessInputs: readonly WitnessInput[];
  /** Setting: minimum number of witness inputs (default 1). */
  readonly minWitnessInputs?: number;
}

export const STRATA = ['A-key', 'A-non-key', 'B-key', 'B-non-key', 'C-key', 'C-non-key', 'D-key', 'D-non-key'] as const;
export type StratumKey = (typeof STRATA)[number];

export interface StratumAllocation {
  readonly stratum: StratumKey;
  /** Eligible units in the stratum. */
  readonly eligible: number;
  /** Units drawn from it. */
  readonly allocated: number;
}

export interface DrawAssignment {
  readonly unitId: string;
  readonly stratum: StratumKey;
  /** In the order drawn. */
  readonly inspectorIds: readonly [string, string];
  /** The first of the pair, in drawn order, who may lead. */
  readonly leadInspectorId: string;
}

export interface DrawResult {
  readonly algorithmVersion: string;
  readonly month: string;
  readonly populationHash: string;
  readonly commitment: string;
  readonly secret: string;
  readonly witnessInputs: readonly WitnessInput[];
  /** The derived seed, 64 lowercase hex. */
  readonly seed: string;
  readonly strata: readonly StratumAllocation[];
  /** In draw order: strata in STRATA order, each in selection order. */
  readonly assignments: readonly DrawAssignment[];
  /** SHA-256 of the canonical JSON of the result body (see docs/draw-algorithm.md §8). */
  readonly resultHash: string;
}

export type DrawFailureCode =
  | 'INVALID_INPUT'
  | 'COMMITMENT_MISMATCH'
  | 'POPULATION_HASH_MISMATCH'
  | 'NOT_ENOUGH_WITNESS_INPUTS'
  | 'QUOTA_EXCEEDS_POPULATION'
  | 'QUOTA_NOT_ALLOCATABLE'
  | 'NO_VALID_PAIR';

export interface DrawFailure {
  readonly algorithmVersion: string;
  readonly code: DrawFailureCode;
  /** For people: Simplified Chinese. */
  readonly message: string;
  /** The unit that could not be staffed (NO_VALID_PAIR). */
  readonly unitId?: string;
  /** Field-level problems (INVALID_INPUT). */
  readonly violations?: readonly { readonly field: string; readonly rule: string; readonly message: string }[];
}

/** A draw either draws everything or nothing: a failure carries no partial result. */
export type DrawOutcome = { readonly ok: true; readonly result: DrawResult } | { readonly ok: false; readonly failure: DrawFailure };

/** What a verifier needs: the recorded inputs and the recorded result. */
export interface DrawRecord {
  readonly input: DrawInput;
  readonly result: DrawResult;
}
