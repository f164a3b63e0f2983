import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKLIST_ITEM_NUMBERS } from '@shuangsui/domain';
import { createEventStore, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { loadWorkingDayCalendar } from '../calendar/load-calendar';
import { DirectoryImporter } from '../directories/directory-import';
import { inspectorTable, syntheticInspectors, syntheticUnits, unitTable } from '../directories/synthetic-district';
import { UnitClosureFollowUp } from '../directories/unit-closure-follow-up';
import { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { FileDrawSecretStore } from '../plans/draw-secret-store';
import { PlanService } from '../plans/plan-service';
import { DrawFollowUp } from './draw-follow-up';
import { DrawService } from './draw-service';
import type { DrawRecordData } from '@shuangsui/domain/draw';
import { drawFollowUpReaction, EventReactor, unitClosureReaction, type Reaction } from '../process-managers';
import { startLocalReadModels, type LocalReadModels } from '../testing/local-read-models';

/** Each command a planner sends has its own id (a repeated id is a retry, answered from the stream). */
const planner = () => {
  const commandId = randomUUID();
  return { actor: { id: 'planner-1', role: 'planner' as const }, commandId, correlationId: commandId, causationId: null };
};
/** An inspector of the case (an inspector may only act on a case assigned to them). */
const inspector = (commandId: string, inspectorId = 'insp-a') => ({ actor: { id: inspectorId, role: 'inspector' as const }, commandId, correlationId: commandId, causationId: null });
const clock = () => new Date('2026-02-20T02:00:00Z');
/** Visits are recorded after the fact: the inspector's today is the end of the visit month. */
const visitClock = () => new Date('2026-03-31T04:00:00Z');
const witnesses = [{ kind: 'observer' as const, source: '现场见证人 李某（区人大代表）', value: '7302' }];
const DRAW_ID = 'yx-2026.2026-03';
const result = (visitDate: string) => ({
  type: 'recordResult' as const,
  visitDate,
  category: 'no_problem' as const,
  items: CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: 'compliant' as const })),
  hazards: [],
  notInspectedReason: null,
});
const table = (t: { headers: readonly string[]; rows: string[][] }) => ({ headers: t.headers, rows: t.rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });

describe('cancelling open cases (unit closed, redraw) and the inspection history of the freeze, on a real SQLite file', () => {
  let dir: string;
  let store: EventStore;
  let handler: InspectionCommandHandler;
  let closures: UnitClosureFollowUp;
  let readModels: LocalReadModels;
  const units = syntheticUnits(200);
  /** Runs a process manager from its checkpoint over everything recorded so far, as after a restart. */
  const runReactor = async (reaction: Reaction) => {
    const reactor = new EventReactor(store, readModels.readStore, reaction);
    await reactor.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await reactor.settled();
    await reactor.stop();
    return reactor.status();
  };

  const services = () => {
    const secrets = new FileDrawSecretStore(join(dir, 'secrets'));
    const plans = new PlanService(store, secrets, loadWorkingDayCalendar(), readModels.facts, clock);
    return { plans, draws: new DrawService(store, plans, secrets, { minWitnessInputs: 1 }, clock) };
  };
  const caseEvents = async (caseId: string) => store.readStream(`inspection-${caseId}`);
  const drawAndFollowUp = async (quota = 20): Promise<DrawRecordData> => {
    const { plans, draws } = services();
    await plans.setQuota('yx-2026', '2026-03', { quota }, planner());
    const record = await draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, planner());
    await new DrawFollowUp(store, handler, { closures }).complete(DRAW_ID);
    return record.data as unknown as DrawRecordData;
  };
  /** Re-imports the unit file with some units closed on a date. */
  const closeUnits = async (importer: DirectoryImporter, unitIds: readonly string[], status: '停业关闭' | '已注销', date: string) => {
    const { headers, rows } = unitTable(units);
    const statusColumn = headers.indexOf('状态');
    const dateColumn = headers.indexOf('状态日期');
    for (const row of rows) {
      if (unitIds.includes(row[1]!)) {
        row[statusColumn] = status;
        row[dateColumn] = date;
      }
    }
    return importer.importTable('units', table({ headers, rows }), { ...planner(), commandId: `close-${date}` });
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-cancel-'));
    store = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
    readModels = await startLocalReadModels(store, dir);
    handler = new InspectionCommandHandler(store, clock);
    closures = new UnitClosureFollowUp(store, handler, readModels.facts);
    const importer = new DirectoryImporter(store, clock);
    await importer.importTable('units', table(unitTable(units)), planner());
    await importer.importTable('inspectors', table(inspectorTable(syntheticInspectors(8, 2026))), planner());
    await services().plans.adoptPlan({ planId: 'yx-2026', year: 2026, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' }, planner());
  });
  afterEach(async () => {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('closing a unit cancels its open case right after the import, with reason and date; an inspected case is left alone', async () => {
    const record = await drawAndFollowUp();
    const [open, visited] = record.cases;
    await new InspectionCommandHandler(store, visitClock).execute(visited!.caseId, result('2026-03-05'), inspector('visit-1', visited!.inspectorIds[0]));

    const report = await closeUnits(new DirectoryImporter(store, clock, closures), [open!.unit.creditCode, visited!.unit.creditCode], '停业关闭', '2026-03-08');
    expect(report).toMatchObject({ statusChanged: 2, casesCancelled: 1 });

    const events = await caseEvents(open!.caseId);
    const statusChange = (await store.readStream(`unit-${open!.unit.id}`)).at(-1) as RecordedEvent;
    expect(events.map((e) => e.type)).toEqual(['InspectionDrawn.v1', 'InspectorsAssigned.v1', 'InspectionCancelled.v1']);
    expect(events[2]!.data).toEqual({ reasonCode: 'unit_closed', reason: '单位已于2026-03-08停业关闭，本次抽查取消', effectiveDate: '2026-03-08' });
    expect(events[2]!.metadata).toMatchObject({ actor: { id: 'directory-follow-up', role: 'system' }, causationId: statusChange.id, commandId: `${statusChange.id}:${open!.caseId}:cancel` });
    expect((await caseEvents(visited!.caseId)).map((e) => e.type)).toEqual(['InspectionDrawn.v1', 'InspectorsAssigned.v1', 'InspectionResultRecorded.v1']);
    // The closure process manager finds nothing left to do.
    expect(await runReactor(unitClosureReaction(closures))).toMatchObject({ state: 'stopped', error: null });
    expect((await caseEvents(open!.caseId)).filter((e) => e.type === 'InspectionCancelled.v1')).toHaveLength(1);
  });

  it('a status change recorded without its cancellations (a crash) is completed at start-up, exactly once', async () => {
    const record = await drawAndFollowUp();
    const [first] = record.cases;
    // The import that recorded the deregistration never got to cancel (no follow-up wired: as after a crash).
    await closeUnits(new DirectoryImporter(store, clock), [first!.unit.creditCode], '已注销', '2026-03-02');
    expect((await caseEvents(first!.caseId)).map((e) => e.type)).not.toContain('InspectionCancelled.v1');

    expect(await runReactor(unitClosureReaction(closures))).toMatchObject({ state: 'stopped', handled: 1, error: null });
    // Run again from the start (a lost checkpoint): the command ids make it a no-op.
    await readModels.readStore.saveCheckpoint('process:unit-closure', 0);
    expect(await runReactor(unitClosureReaction(closures))).toMatchObject({ handled: 1, error: null });
    const events = await caseEvents(first!.caseId);
    expect(events.filter((e) => e.type === 'InspectionCancelled.v1')).toHaveLength(1);
    expect(events.at(-1)!.data).toMatchObject({ reasonCode: 'unit_deregistered', effectiveDate: '2026-03-02' });
  });

  it('a unit that closes between the freeze and the draw gets its case cancelled as soon as the follow-up creates it', async () => {
    const { plans, draws } = services();
    await plans.setQuota('yx-2026', '2026-03', { quota: 40 }, planner());
    // Half the frozen units close before the draw: some of the 40 drawn are among them (all but surely).
    const closed = new Set(units.slice(0, 100).map((unit) => unit.id));
    await closeUnits(new DirectoryImporter(store, clock, closures), [...closed], '停业关闭', '2026-02-26');
    const recordEvent = await draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, planner());
    const report = await new DrawFollowUp(store, handler, { closures }).complete(DRAW_ID);
    expect(report).toMatchObject({ completed: true, failures: [] });
    const cases = (recordEvent.data as unknown as DrawRecordData).cases;
    expect(cases.some((c) => closed.has(c.unit.id))).toBe(true);
    for (const drawnCase of cases) {
      const expected = ['InspectionDrawn.v1', 'InspectorsAssigned.v1', ...(closed.has(drawnCase.unit.id) ? ['InspectionCancelled.v1'] : [])];
      expect((await caseEvents(drawnCase.caseId)).map((e) => e.type)).toEqual(expected);
    }
  });

  it('a redraw cancels the superseded cases still drawn or assigned (reason redrawn), once, and leaves inspected ones', async () => {
    const first = await drawAndFollowUp();
    const [visited, ...open] = first.cases;
    await new InspectionCommandHandler(store, visitClock).execute(visited!.caseId, result('2026-03-03'), inspector('visit-1', visited!.inspectorIds[0]));
    const redone = await services().draws.redraw(DRAW_ID, { reason: '抽取现场停电，录像中断', witnessInputs: witnesses }, planner());

    // A crash before the follow-up: the start-up resume does it, and only for the latest record.
    const followUp = new DrawFollowUp(store, handler, { closures });
    expect(await runReactor(drawFollowUpReaction(followUp))).toMatchObject({ error: null });
    expect(await followUp.complete(DRAW_ID)).toMatchObject({ recordEventId: redone.id, completed: true, failures: [] });
    for (const drawnCase of open) {
      const events = await caseEvents(drawnCase.caseId);
      expect(events.map((e) => e.type)).toEqual(['InspectionDrawn.v1', 'InspectorsAssigned.v1', 'InspectionCancelled.v1']);
      expect(events[2]!.data).toMatchObject({ reasonCode: 'redrawn', effectiveDate: null, reason: expect.stringContaining('抽取现场停电') });
      expect(events[2]!.metadata).toMatchObject({ actor: { id: 'draw-follow-up', role: 'system' }, causationId: redone.id });
    }
    expect((await caseEvents(visited!.caseId)).at(-1)!.type).toBe('InspectionResultRecorded.v1');
    for (const drawnCase of (redone.data as unknown as DrawRecordData).cases) {
      expect((await caseEvents(drawnCase.caseId)).map((e) => e.type)).toEqual(['InspectionDrawn.v1', 'InspectorsAssigned.v1']);
    }
    const cancellations = async () => (await Promise.all(open.map((c) => caseEvents(c.caseId)))).flat().filter((e) => e.type === 'InspectionCancelled.v1').length;
    const before = await cancellations();
    await readModels.readStore.saveCheckpoint('process:draw-follow-up', 0);
    expect(await runReactor(drawFollowUpReaction(followUp))).toMatchObject({ error: null });
    expect(await cancellations()).toBe(before);
  });

  it('the freeze uses the last recorded inspection: checked this period is excluded, the pair that last inspected is recorded', async () => {
    // Two units inspected outside any draw of this plan (an earlier plan's cases): one this period, one last year.
    const [thisYear, lastYear] = [units[0]!, units[1]!];
    const pairs: [string, string][] = [['insp-01', 'insp-02'], ['insp-03', 'insp-04']];
    for (const [i, [unit, visitDate]] of ([[thisYear, '2026-01-15'], [lastYear, '2025-06-01']] as const).entries()) {
      const caseId = `old-plan.${unit.id}`;
      const system = (step: string) => ({ actor: { id: 'test', role: 'system' as const }, commandId: `${caseId}:${step}`, correlationId: caseId, causationId: null });
      const drawnUnit = { id: unit.id, name: unit.name, creditCode: unit.creditCode, address: unit.address, district: unit.district, riskGrade: unit.riskGrade, isKeyUnit: unit.isKeyUnit, isCrowdDense: unit.isCrowdDense };
      await handler.execute(caseId, { type: 'draw', caseId, drawId: 'old-plan.x', planId: 'old-plan', month: visitDate.slice(0, 7), stratum: 'x', authority: '示例', unit: drawnUnit }, system('draw'));
      await handler.execute(caseId, { type: 'assign', inspectorIds: pairs[i]!, drawId: null }, system('assign'));
      await handler.execute(caseId, result(visitDate), inspector(`${caseId}:visit`, pairs[i]![0]));
    }
    const { plans } = services();
    await plans.setQuota('yx-2026', '2026-03', { quota: 10 }, planner());
    const frozen = (await plans.quota('yx-2026', '2026-03')).freeze.population.units;
    const drawUnit = (id: string) => frozen.find((u) => u.id === id);
    // With the default ratios (all ≤ 100 %) every grade allows one check a period.
    expect(drawUnit(thisYear.id)).toBeUndefined();
    expect(drawUnit(lastYear.id)).toMatchObject({ lastPair: pairs[1] });
  });
});
