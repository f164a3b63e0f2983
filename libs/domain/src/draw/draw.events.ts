import type { DrawnUnit } from '../inspection/inspection.events';
import type { DrawResult, StratumKey, WitnessInput } from './draw.types';
import type { CommitmentRound, DrawResultV2, DrawReveal } from './v2/bundle.types';

/** The draw's event catalogue (docs/events.md, "Draws"). One stream per draw: `draw-<planId>.<month>`. */
export const DRAW_EVENT_TYPES = {
  DrawPerformed: 'DrawPerformed.v1',
  DrawRedone: 'DrawRedone.v1',
  DrawFollowUpCompleted: 'DrawFollowUpCompleted.v1',
  /** Algorithm version 2 (docs/draw-algorithm.md Part II): commit–reveal with a public beacon. */
  DrawPerformedV2: 'DrawPerformed.v2',
  DrawRedoneV2: 'DrawRedone.v2',
} as const;

/** One case the draw creates, with the unit as it stood at the freeze. */
export interface DrawnCase {
  readonly caseId: string;
  readonly stratum: StratumKey;
  readonly inspectorIds: readonly [string, string];
  readonly unit: DrawnUnit;
}

/** What every draw record names, in either version: the draw, and the freeze and commitment it used. */
interface DrawRecordIdentity {
  readonly drawId: string;
  readonly planId: string;
  readonly month: string;
  readonly authority: string;
  /** The freeze and commitment events this draw used (quota stream). */
  readonly freezeEventId: string;
  readonly commitmentEventId: string;
  readonly cases: readonly DrawnCase[];
}

/** Everything needed to repeat the draw, together with the frozen population of the quota stream. */
export interface DrawRecordData extends DrawRecordIdentity {
  readonly algorithmVersion: string;
  readonly populationHash: string;
  readonly commitment: string;
  /** Revealed here, for the first time. */
  readonly secret: string;
  readonly witnessInputs: readonly WitnessInput[];
  readonly minWitnessInputs: number;
  readonly result: DrawResult;
}

export type DrawPerformedData = DrawRecordData;

/**
 * A version-2 draw: the commitment round it ran on (named by its event's id, hash-chain hash and global
 * position, so anyone can see the freeze came first), the reveals, and the result. With the quota
 * stream's freeze it is everything the public bundle holds (docs/draw-algorithm.md §V2.6).
 */
export interface DrawRecordV2Data extends DrawRecordIdentity {
  readonly commitmentEventHash: string;
  readonly commitmentPosition: number;
  readonly algorithmVersion: 'shuangsui-draw/2';
  /** The v2 population hash (the one in the commitment round). */
  readonly populationHash: string;
  readonly commitment: CommitmentRound;
  readonly reveal: DrawReveal;
  readonly result: DrawResultV2;
}

export interface DrawRedoneV2Data extends DrawRecordV2Data {
  readonly redrawNo: number;
  readonly reason: string;
  readonly supersedesEventId: string;
}

/** What every record of either version holds: the draw, its month and its cases. */
export type AnyDrawRecord = DrawRecordData | DrawRecordV2Data;
export const isDrawRecordV2 = (record: AnyDrawRecord): record is DrawRecordV2Data => record.algorithmVersion === 'shuangsui-draw/2';

export interface DrawRedoneData extends DrawRecordData {
  /** 1 for the first redraw. */
  readonly redrawNo: number;
  readonly reason: string;
  /** The record event this one replaces. */
  readonly supersedesEventId: string;
}

export interface DrawFollowUpCompletedData {
  readonly drawId: string;
  /** The record event whose cases now all exist (drawn, then assigned). */
  readonly recordEventId: string;
  readonly cases: number;
}

export const DRAW_STREAM_PREFIX = 'draw-';
export const drawIdOf = (planId: string, month: string): string => `${planId}.${month}`;
export const drawStreamId = (drawId: string): string => `${DRAW_STREAM_PREFIX}${drawId}`;
/** Redraws get their own case ids, so a case of the first draw is never reused by a redraw. */
export const caseIdOf = (drawId: string, unitId: string, redrawNo = 0): string => (redrawNo === 0 ? `${drawId}.${unitId}` : `${drawId}.r${redrawNo}.${unitId}`);

const DRAW_RECORD_TYPES: ReadonlySet<string> = new Set([DRAW_EVENT_TYPES.DrawPerformed, DRAW_EVENT_TYPES.DrawRedone, DRAW_EVENT_TYPES.DrawPerformedV2, DRAW_EVENT_TYPES.DrawRedoneV2]);
export const isDrawRecord = (type: string): boolean => DRAW_RECORD_TYPES.has(type);
export const isRedraw = (type: string): boolean => type === DRAW_EVENT_TYPES.DrawRedone || type === DRAW_EVENT_TYPES.DrawRedoneV2;

type Of<Type extends string, Data> = { readonly type: Type; readonly data: Data };
export type DrawEvent =
  | Of<typeof DRAW_EVENT_TYPES.DrawPerformed, DrawPerformedData>
  | Of<typeof DRAW_EVENT_TYPES.DrawRedone, DrawRedoneData>
  | Of<typeof DRAW_EVENT_TYPES.DrawFollowUpCompleted, DrawFollowUpCompletedData>
  | Of<typeof DRAW_EVENT_TYPES.DrawPerformedV2, DrawRecordV2Data>
  | Of<typeof DRAW_EVENT_TYPES.DrawRedoneV2, DrawRedoneV2Data>;
