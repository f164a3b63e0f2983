import type { DrawnUnit } from '../inspection/inspection.events';
import { accept, reject, type Decider, type Decision, type StoredEvent } from '../shared/decider';
import { violation, type RuleViolation } from '../shared/rule-violation';
import { caseIdOf, DRAW_EVENT_TYPES as T, isDrawRecord, type AnyDrawRecord, type DrawEvent, type DrawRecordData } from './draw.events';
import type { DrawFailure, DrawResult, FrozenPopulation, WitnessInput } from './draw.types';
import { runDraw } from './run-draw';
import { drawRecordV2, type DrawV2Facts } from './v2/draw-record-v2';
import type { DrawGateRejection } from './v2/draw-gate';

/** The month's freeze and commitment as recorded in its quota stream: what the draw runs on. */
export interface QuotaFacts {
  readonly planId: string;
  readonly month: string;
  readonly population: FrozenPopulation;
  readonly populationHash: string;
  readonly commitment: string;
  readonly freezeEventId: string;
  readonly commitmentEventId: string;
}

/**
 * The facts every draw command carries: the quota's freeze, the revealed secret, the witness inputs,
 * and the drawn units as they stood at the freeze (the application reads those unit streams).
 */
interface DrawFacts {
  readonly drawId: string;
  readonly authority: string;
  readonly quota: QuotaFacts;
  readonly secret: string;
  readonly witnessInputs: readonly WitnessInput[];
  readonly minWitnessInputs: number;
  readonly unitsAtFreeze: ReadonlyMap<string, DrawnUnit>;
}

export interface PerformDraw extends DrawFacts {
  readonly type: 'performDraw';
}
export interface Redraw extends DrawFacts {
  readonly type: 'redraw';
  readonly reason: string;
}
/** Version 2: the reveals of the month's latest commitment round (docs/draw-algorithm.md Part II). */
export interface PerformDrawV2 extends DrawV2Facts {
  readonly type: 'performDrawV2';
}
export interface RedrawV2 extends DrawV2Facts {
  readonly type: 'redrawV2';
  readonly reason: string;
}
export interface CompleteDrawFollowUp {
  readonly type: 'completeDrawFollowUp';
  readonly recordEventId: string;
}
export type DrawCommand = PerformDraw | Redraw | PerformDrawV2 | RedrawV2 | CompleteDrawFollowUp;

export interface DrawState {
  /** Every record in order (the first draw, then each redraw), with its event id. */
  readonly records: readonly { readonly eventId: string; readonly record: AnyDrawRecord }[];
  /** Record event ids whose cases all exist. */
  readonly completed: ReadonlySet<string>;
}

export type DrawRejection =
  | ({ readonly kind: 'ruleViolation' } & RuleViolation)
  | { readonly kind: 'drawAlreadyPerformed'; readonly drawId: string }
  | { readonly kind: 'drawNotFound'; readonly drawId: string }
  | { readonly kind: 'drawFailed'; readonly failure: DrawFailure }
  /** Version 2's gate: 409 before the beacon moment or on a used round. */
  | Exclude<DrawGateRejection, { readonly kind: 'ruleViolation' }>;

export function evolveDraw(state: DrawState, event: StoredEvent<DrawEvent>): DrawState {
  if (isDrawRecord(event.type)) return { ...state, records: [...state.records, { eventId: event.id, record: event.data as AnyDrawRecord }] };
  if (event.type === T.DrawFollowUpCompleted) return { ...state, completed: new Set([...state.completed, event.data.recordEventId]) };
  return state;
}

/** Runs the pure draw over the frozen population and writes down everything needed to repeat it. */
function drawRecord(command: PerformDraw | Redraw, redrawNo: number): Decision<never, DrawRejection> | DrawRecordData {
  const { quota, witnessInputs, minWitnessInputs } = command;
  if (witnessInputs.length < minWitnessInputs) {
    return reject({
      kind: 'ruleViolation',
      ...violation('witnessInputs', 'min-witness-inputs', `抽取至少需要${minWitnessInputs}个冻结之后产生的公开输入（现场见证人、公证员或公开号码），实际${witnessInputs.length}个`),
    });
  }
  const outcome = runDraw({
    population: quota.population,
    populationHash: quota.populationHash,
    commitment: quota.commitment,
    secret: command.secret,
    witnessInputs,
    minWitnessInputs,
  });
  if (!outcome.ok) return reject({ kind: 'drawFailed', failure: outcome.failure });
  const missing = outcome.result.assignments.find((assignment) => !command.unitsAtFreeze.has(assignment.unitId));
  if (missing) throw new Error(`unit ${missing.unitId} of the frozen population has no directory record at the freeze`);
  return {
    drawId: command.drawId,
    planId: quota.planId,
    month: quota.month,
    authority: command.authority,
    freezeEventId: quota.freezeEventId,
    commitmentEventId: quota.commitmentEventId,
    algorithmVersion: outcome.result.algorithmVersion,
    populationHash: outcome.result.populationHash,
    commitment: quota.commitment,
    secret: command.secret,
    witnessInputs: outcome.result.witnessInputs,
    minWitnessInputs,
    result: outcome.result,
    cases: casesOf(command, outcome.result, redrawNo),
  };
}

function casesOf(command: PerformDraw | Redraw, result: DrawResult, redrawNo: number): DrawRecordData['cases'] {
  return result.assignments.map((assignment) => ({
    caseId: caseIdOf(command.drawId, assignment.unitId, redrawNo),
    stratum: assignment.stratum,
    inspectorIds: [assignment.inspectorIds[0], assignment.inspectorIds[1]] as const,
    unit: command.unitsAtFreeze.get(assignment.unitId) as DrawnUnit,
  }));
}

/**
 * One draw per month; a redraw is its own event with a reason and new witness inputs, and the first
 * record stays in the stream; a record's follow-up is marked complete once.
 */
export function decideDraw(command: DrawCommand, state: DrawState): Decision<DrawEvent, DrawRejection> {
  const current = state.records[state.records.length - 1];
  switch (command.type) {
    case 'performDraw': {
      if (current) return reject({ kind: 'drawAlreadyPerformed', drawId: command.drawId });
      const record = drawRecord(command, 0);
      return 'kind' in record ? record : accept({ type: T.DrawPerformed, data: record });
    }
    case 'redraw': {
      if (!current) return reject({ kind: 'drawNotFound', drawId: command.drawId });
      const reason = command.reason.trim();
      if (reason === '') return reject({ kind: 'ruleViolation', ...violation('reason', 'required', '重新抽取必须说明理由') });
      const redrawNo = state.records.length;
      const record = drawRecord(command, redrawNo);
      if ('kind' in record) return record;
      return accept({ type: T.DrawRedone, data: { ...record, redrawNo, reason, supersedesEventId: current.eventId } });
    }
    case 'performDrawV2': {
      if (current) return reject({ kind: 'drawAlreadyPerformed', drawId: command.drawId });
      const record = drawRecordV2(command, [], 0);
      return 'kind' in record ? refusedV2(record) : accept({ type: T.DrawPerformedV2, data: record });
    }
    case 'redrawV2': {
      if (!current) return reject({ kind: 'drawNotFound', drawId: command.drawId });
      const reason = command.reason.trim();
      if (reason === '') return reject({ kind: 'ruleViolation', ...violation('reason', 'required', '重新抽取必须说明理由') });
      const redrawNo = state.records.length;
      const used = state.records.map((entry) => entry.record.commitmentEventId);
      const record = drawRecordV2(command, used, redrawNo);
      if ('kind' in record) return refusedV2(record);
      return accept({ type: T.DrawRedoneV2, data: { ...record, redrawNo, reason, supersedesEventId: current.eventId } });
    }
    case 'completeDrawFollowUp': {
      const done = state.records.find((entry) => entry.eventId === command.recordEventId);
      if (!done) return reject({ kind: 'drawNotFound', drawId: command.recordEventId });
      if (state.completed.has(command.recordEventId)) return accept();
      return accept({ type: T.DrawFollowUpCompleted, data: { drawId: done.record.drawId, recordEventId: command.recordEventId, cases: done.record.cases.length } });
    }
  }
}

function refusedV2(refusal: Exclude<ReturnType<typeof drawRecordV2>, AnyDrawRecord>): Decision<never, DrawRejection> {
  if (refusal.kind === 'drawFailed') return reject({ kind: 'drawFailed', failure: { algorithmVersion: 'shuangsui-draw/2', code: refusal.code as DrawFailure['code'], message: refusal.message } });
  return reject(refusal);
}

/** Which units a draw command would draw: the application reads only those units' records at the freeze. */
export function unitsToBeDrawn(facts: Pick<DrawFacts, 'quota' | 'secret' | 'witnessInputs' | 'minWitnessInputs'>): readonly string[] {
  const outcome = runDraw({
    population: facts.quota.population,
    populationHash: facts.quota.populationHash,
    commitment: facts.quota.commitment,
    secret: facts.secret,
    witnessInputs: facts.witnessInputs,
    minWitnessInputs: facts.minWitnessInputs,
  });
  return outcome.ok ? outcome.result.assignments.map((assignment) => assignment.unitId) : [];
}

export const drawDecider: Decider<DrawCommand, DrawEvent, DrawState, DrawRejection> = {
  initialState: () => ({ records: [], completed: new Set() }),
  evolve: evolveDraw,
  decide: decideDraw,
};
