import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@shuangsui/event-store';
import { loadWorkingDayCalendar } from '../calendar/load-calendar';
import { DirectoryImporter } from '../directories/directory-import';
import { inspectorTable, syntheticInspectors, syntheticUnits, unitTable } from '../directories/synthetic-district';
import { InspectionCommandHandler } from '../inspections/inspection-command.handler';
import { FileDrawSecretStore } from '../plans/draw-secret-store';
import { PlanService } from '../plans/plan-service';
import { DrawFollowUp } from './draw-follow-up';
import { DrawService } from './draw-service';
import { DrawVerifier } from './draw-verification';
import { DrawFailedError } from './draw.errors';
import { drawFollowUpReaction, EventReactor } from '../process-managers';
import { startLocalReadModels, type LocalReadModels } from '../testing/local-read-models';

/** Each command a planner sends has its own id (a repeated id is a retry, answered from the stream). */
const planner = () => {
  const commandId = randomUUID();
  return { actor: { id: 'planner-1', role: 'planner' as const }, commandId, correlationId: commandId, causationId: null };
};
const clock = () => new Date('2026-02-20T02:00:00Z');
const witnesses = [{ kind: 'observer' as const, source: '现场见证人 李某（区人大代表）', value: '7302' }];

describe('draw → follow-up on a real SQLite file', () => {
  let dir: string;
  let store: EventStore;
  let readModels: LocalReadModels;
  const open = async () => createEventStore(`sqlite:${join(dir, 'events.db')}`);
  const services = (s: EventStore) => {
    const secrets = new FileDrawSecretStore(join(dir, 'secrets'));
    const plans = new PlanService(s, secrets, loadWorkingDayCalendar(), readModels.facts, clock);
    return { plans, draws: new DrawService(s, plans, secrets, { minWitnessInputs: 1 }, clock) };
  };
  const table = (t: { headers: readonly string[]; rows: string[][] }) => ({ headers: t.headers, rows: t.rows.map((cells, i) => ({ rowNumber: i + 2, cells })) });

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-draw-'));
    store = await open();
    readModels = await startLocalReadModels(store, dir);
    const importer = new DirectoryImporter(store, clock);
    await importer.importTable('units', table(unitTable(syntheticUnits(400))), planner());
    await importer.importTable('inspectors', table(inspectorTable(syntheticInspectors(8, 2026))), planner());
    await services(store).plans.adoptPlan({ planId: 'yx-2026', year: 2026, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' }, planner());
  });
  afterEach(async () => {
    await readModels.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the secret out of the log in a 0600 file, and refuses a quota above capacity', async () => {
    const { plans } = services(store);
    await expect(plans.setQuota('yx-2026', '2026-03', { quota: 5000 }, planner())).rejects.toMatchObject({ violation: { rule: 'above-capacity' } });
    const quota = await plans.setQuota('yx-2026', '2026-03', { quota: 30 }, planner());
    expect(quota).toMatchObject({ late: false, deadline: '2026-02-25', eligibleUnits: 400 });
    const mode = statSync(join(dir, 'secrets', `${quota.commitment}.secret`)).mode & 0o777;
    expect(mode).toBe(0o600);
    const log = JSON.stringify(await store.readAll({ maxCount: 100_000 }));
    const secret = await new FileDrawSecretStore(join(dir, 'secrets')).get(quota.commitment);
    expect(log).not.toContain(secret);
  });

  it('a crash after k cases leaves a draw whose cases all appear after restart, each exactly once', async () => {
    const { plans, draws } = services(store);
    await plans.setQuota('yx-2026', '2026-03', { quota: 30 }, planner());
    const record = await draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, planner());
    const drawId = 'yx-2026.2026-03';

    const crashing = new DrawFollowUp(store, new InspectionCommandHandler(store, clock), {
      afterCase: (done) => {
        if (done === 7) throw new Error('simulated crash');
      },
    });
    await expect(crashing.complete(drawId)).rejects.toThrow('simulated crash');
    await readModels.close();
    await store.close();

    // Restart: a new store; the follow-up process manager resumes from its checkpoint (none yet).
    store = await open();
    readModels = await startLocalReadModels(store, dir);
    const followUp = new DrawFollowUp(store, new InspectionCommandHandler(store, clock));
    const reactor = new EventReactor(store, readModels.readStore, drawFollowUpReaction(followUp));
    await reactor.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await reactor.settled();
    await reactor.stop();
    expect(reactor.status()).toMatchObject({ handled: 1, error: null });
    expect(await readModels.readStore.loadCheckpoint('process:draw-follow-up')).toBe(record.position);
    expect(await followUp.complete(drawId)).toEqual(expect.objectContaining({ drawId, completed: true, cases: 30, failures: [] }));

    const cases = (record.data as { cases: { caseId: string; inspectorIds: string[] }[] }).cases;
    for (const drawnCase of cases) {
      const events = await store.readStream(`inspection-${drawnCase.caseId}`);
      expect(events.map((e) => e.type)).toEqual(['InspectionDrawn.v1', 'InspectorsAssigned.v1']);
      expect(events[1]!.data).toMatchObject({ inspectorIds: drawnCase.inspectorIds });
      expect(events[0]!.metadata).toMatchObject({ actor: { id: 'draw-follow-up', role: 'system' }, causationId: record.id });
    }
    expect(await new DrawVerifier(store).verify(drawId)).toMatchObject({ match: true });
  });

  it('a draw with no valid inspector pair names the unit and records nothing', async () => {
    const { plans, draws } = services(store);
    // Every inspector but one declares a conflict with every unit: no drawn unit can get a pair.
    const conflicts = syntheticUnits(400).map((unit) => ({ unitId: unit.id, reason: '亲属在该单位任职' }));
    const inspectors = syntheticInspectors(8, 2026).map((inspector, i) => (i === 0 ? inspector : { ...inspector, conflicts }));
    await new DirectoryImporter(store, clock).importTable('inspectors', table(inspectorTable(inspectors)), planner());
    await plans.setQuota('yx-2026', '2026-03', { quota: 20 }, planner());
    const error = await draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, planner()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DrawFailedError);
    expect((error as DrawFailedError).failure).toMatchObject({ code: 'NO_VALID_PAIR', unitId: expect.stringMatching(/^91330799/) });
    expect((error as DrawFailedError).message).toContain((error as DrawFailedError).failure.unitId);
    expect((await store.readAll({ maxCount: 100_000 })).some((e) => e.streamId.startsWith('draw-'))).toBe(false);
  });

  it('refuses a second draw for the month and too few witness inputs; a retry of the same draw answers with its record', async () => {
    const { plans, draws } = services(store);
    await plans.setQuota('yx-2026', '2026-03', { quota: 10 }, planner());
    await expect(draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: [] }, planner())).rejects.toMatchObject({ violation: { rule: 'min-witness-inputs' } });
    const context = planner();
    const first = await draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, context);
    // The reply was lost and the client sends the same request with the same Idempotency-Key.
    expect((await draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, context)).id).toBe(first.id);
    await expect(draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: [{ ...witnesses[0]!, value: '1' }] }, context)).rejects.toMatchObject({ name: 'IdempotencyKeyReusedError' });
    await expect(draws.draw({ planId: 'yx-2026', month: '2026-03', witnessInputs: witnesses }, planner())).rejects.toMatchObject({ name: 'DrawAlreadyPerformedError' });
  });
});
