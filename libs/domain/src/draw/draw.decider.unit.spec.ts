import type { DrawnUnit } from '../inspection/inspection.events';
import { foldWith, type StoredEvent } from '../shared/decider';
import { drawDecider, type DrawCommand, type PerformDraw, type QuotaFacts } from './draw.decider';
import { DRAW_EVENT_TYPES as T, type DrawEvent } from './draw.events';
import { populationHash } from './population-encoding';
import { commitmentOf } from './seed';
import { MONTH, population, SECRET, WITNESS } from './testing/draw.fixtures';

const pop = population();
const quota: QuotaFacts = {
  planId: 'yx-2026',
  month: MONTH,
  population: pop,
  populationHash: populationHash(pop),
  commitment: commitmentOf(SECRET),
  freezeEventId: 'freeze-1',
  commitmentEventId: 'commit-1',
};
const unitsAtFreeze = new Map<string, DrawnUnit>(
  pop.units.map((u) => [u.id, { id: u.id, name: `单位${u.id}`, creditCode: u.id, address: '地址', district: '街道', riskGrade: u.riskGrade, isKeyUnit: u.isKeyUnit, isCrowdDense: false }]),
);
const perform: PerformDraw = { type: 'performDraw', drawId: `yx-2026.${MONTH}`, authority: '示例大队', quota, secret: SECRET, witnessInputs: WITNESS, minWitnessInputs: 1, unitsAtFreeze };

/** Given these draw events, when this command, then this decision (and the state after it). */
function given(events: readonly DrawEvent[]) {
  const stored = events.map((e, i) => ({ ...e, id: `d${i}`, occurredAt: '2026-02-26T02:00:00.000Z' })) as StoredEvent<DrawEvent>[];
  const state = foldWith(drawDecider, stored);
  return { when: (command: DrawCommand) => drawDecider.decide(command, state, '') };
}
function performed(): DrawEvent {
  const decision = given([]).when(perform);
  if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision.error));
  return decision.events[0]!;
}

describe('draw decider', () => {
  it('a draw records everything needed to repeat it, with one case per drawn unit at the freeze', () => {
    const event = performed();
    expect(event.type).toBe(T.DrawPerformed);
    const record = event.data as import('./draw.events').DrawRecordData;
    expect(record).toMatchObject({ drawId: perform.drawId, freezeEventId: 'freeze-1', commitmentEventId: 'commit-1', secret: SECRET, minWitnessInputs: 1 });
    expect(record.cases).toHaveLength(pop.quota);
    expect(record.cases[0]!.unit.name).toMatch(/^单位/);
    expect(record.cases[0]!.caseId).toBe(`${perform.drawId}.${record.cases[0]!.unit.id}`);
  });

  it('draws a month once', () => {
    expect(given([performed()]).when(perform)).toEqual({ kind: 'rejected', error: { kind: 'drawAlreadyPerformed', drawId: perform.drawId } });
  });

  it('refuses too few witness inputs, naming the rule', () => {
    expect(given([]).when({ ...perform, minWitnessInputs: 2 })).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolation', field: 'witnessInputs', rule: 'min-witness-inputs' } });
  });

  it('refuses a secret that does not match the commitment', () => {
    expect(given([]).when({ ...perform, secret: 'f'.repeat(64) })).toMatchObject({ kind: 'rejected', error: { kind: 'drawFailed', failure: { code: 'COMMITMENT_MISMATCH' } } });
  });

  it('a redraw needs a draw and a reason, supersedes the current record and gets its own case ids', () => {
    const redraw = { ...perform, type: 'redraw' as const, reason: '现场停电' };
    expect(given([]).when(redraw)).toMatchObject({ kind: 'rejected', error: { kind: 'drawNotFound' } });
    expect(given([performed()]).when({ ...redraw, reason: '  ' })).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolation', field: 'reason', rule: 'required' } });
    const decision = given([performed()]).when(redraw);
    expect(decision).toMatchObject({ kind: 'accepted', events: [{ type: T.DrawRedone, data: { redrawNo: 1, reason: '现场停电', supersedesEventId: 'd0' } }] });
  });

  it('a follow-up is completed once per record', () => {
    const complete = { type: 'completeDrawFollowUp' as const, recordEventId: 'd0' };
    const completion = given([performed()]).when(complete);
    expect(completion).toMatchObject({ kind: 'accepted', events: [{ type: T.DrawFollowUpCompleted, data: { recordEventId: 'd0', cases: pop.quota } }] });
    if (completion.kind !== 'accepted') return;
    expect(given([performed(), completion.events[0]!]).when(complete)).toEqual({ kind: 'accepted', events: [] });
    expect(given([]).when(complete)).toMatchObject({ kind: 'rejected', error: { kind: 'drawNotFound' } });
  });
});
