import type { DrawnUnit } from '../inspection/inspection.events';
import type { DrawResult, StratumKey, WitnessInput } from './draw.types';

/** The draw's event catalogue (docs/events.md, "Draws"). One stream per draw: `draw-<planId>.<month>`. */
export const DRAW_EVENT_TYPES = {
  DrawPerformed: 'DrawPerformed.v1',
  DrawRedone: 'DrawRedone.v1',
  DrawFollowUpCompleted: 'DrawFollowUpCompleted.v1',
} as const;

/** One case the draw creates, with the unit as it stood at the freeze. */
export interface DrawnCase {
  readonly caseId: string;
  readonly stratum: StratumKey;
  readonly inspectorIds: readonly [string, string];
  readonly unit: DrawnUnit;
}

/** Everything needed to repeat the draw, together with the frozen population of the quota stream. */
export interface DrawRecordData {
  readonly drawId: string;
  readonly planId: string;
  readonly month: string;
  readonly authority: string;
  /** The freeze and commitment events this draw used (quota stream). */
  readonly freezeEventId: string;
  readonly commitmentEventId: string;
  readonly algorithmVersion: string;
  readonly populationHash: string;
  readonly commitment: string;
  /** Revealed here, for the first time. */
  readonly secret: string;
  readonly witnessInputs: readonly WitnessInput[];
  readonly minWitnessInputs: number;
  readonly result: DrawResult;
  readonly cases: readonly DrawnCase[];
}

export type DrawPerformedData = DrawRecordData;

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

export const isDrawRecord = (type: string): boolean => type === DRAW_EVENT_TYPES.DrawPerformed || type === DRAW_EVENT_TYPES.DrawRedone;

type Of<Type extends string, Data> = { readonly type: Type; readonly data: Data };
export type DrawEvent =
  | Of<typeof DRAW_EVENT_TYPES.DrawPerformed, DrawPerformedData>
  | Of<typeof DRAW_EVENT_TYPES.DrawRedone, DrawRedoneData>
  | Of<typeof DRAW_EVENT_TYPES.DrawFollowUpCompleted, DrawFollowUpCompletedData>;
