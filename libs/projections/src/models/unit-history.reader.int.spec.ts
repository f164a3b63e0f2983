import { INSPECTION_EVENT_TYPES as T } from '@shuangsui/domain';
import { DIRECTORY_EVENT_TYPES as D, unitStreamId } from '@shuangsui/domain/directory';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { replayReadModels } from '../replay/replay-read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import { aUnit, appendTo } from '../testing/given-streams';
import { writeRandomCaseHistory } from '../testing/random-case-history';
import { readStoreKinds } from '../testing/read-store-kinds';
import { TempStores } from '../testing/temp-stores';
import { directoryProjection } from './directory.projection';
import { unitHistoryProjection } from './unit-history.projection';
import { UnitHistoryReader, type InspectedCase } from './unit-history.reader';

jest.setTimeout(60_000);

/**
 * The reference: a plain fold over every event, written here from the inspection machine's
 * lifecycle (docs/statecharts), independent of the projection's handlers.
 */
function foldEverything(events: readonly RecordedEvent[]): { inspected: InspectedCase[]; open: Map<string, string[]> } {
  const lifecycleAfter: Record<string, string> = {
    [T.InspectionDrawn]: 'drawn', [T.InspectorsAssigned]: 'assigned', [T.InspectorsReassigned]: 'assigned', [T.InspectionResultRecorded]: 'inspected',
    [T.InspectionResultReturned]: 'assigned', [T.InspectionResultApproved]: 'reviewed', [T.InspectionResultPublished]: 'published', [T.InspectionCancelled]: 'cancelled',
  };
  const cases = new Map<string, { unitId: string; state: string; pair?: [string, string]; visit?: InspectedCase }>();
  for (const event of events) {
    if (!event.streamId.startsWith('inspection-')) continue;
    const caseId = event.streamId.slice('inspection-'.length);
    const data = event.data as Record<string, unknown>;
    if (event.type === T.InspectionDrawn) cases.set(caseId, { unitId: (data['unit'] as { id: string }).id, state: 'drawn' });
    const track = cases.get(caseId);
    if (!track) continue;
    track.state = lifecycleAfter[event.type] ?? track.state;
    if (event.type === T.InspectorsAssigned || event.type === T.InspectorsReassigned) track.pair = [...(data['inspectorIds'] as [string, string])];
    if (event.type === T.InspectionResultRecorded) {
      const visit = { caseId, unitId: track.unitId, visitDate: data['visitDate'] as string, position: event.position };
      track.visit = track.pair ? { ...visit, pair: track.pair } : visit;
    }
  }
  const inspected = [...cases.values()].flatMap((track) => (track.visit ? [track.visit] : [])).sort((a, b) => (a.caseId < b.caseId ? -1 : 1));
  const open = new Map<string, string[]>();
  for (const [caseId, track] of [...cases].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (track.state === 'drawn' || track.state === 'assigned') open.set(track.unitId, [...(open.get(track.unitId) ?? []), caseId]);
  }
  return { inspected, open };
}

async function readEverything(events: EventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (let page = await events.readAll({ maxCount: 1_000 }); page.length > 0; page = await events.readAll({ after: page[page.length - 1]!.position, maxCount: 1_000 })) all.push(...page);
  return all;
}

describe.each(readStoreKinds().map((kind) => [kind.name, kind] as const))('UnitHistoryReader on a real %s read store', (_name, kind) => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(async () => {
    temp.remove();
    await kind.cleanup();
  });

  it('agrees with a plain fold over every event of a random history, live and after a rebuild', async () => {
    const events = await temp.openEvents();
    await writeRandomCaseHistory(events, { seed: 20_260_301, cases: 400, units: 60 });
    const read = await kind.open(temp);
    const runner = new ProjectionRunner(events, read, [unitHistoryProjection, directoryProjection], { maxBatch: 97 });
    await runner.start();
    await runner.waitUntil(await events.headPosition());
    await runner.stop();

    const expected = foldEverything(await readEverything(events));
    // The history exercises every branch the comparison depends on.
    expect(expected.inspected.some((c) => c.pair === undefined)).toBe(false);
    expect(expected.inspected.length).toBeGreaterThan(100);
    expect([...expected.open.values()].flat().length).toBeGreaterThan(20);

    const reader = new UnitHistoryReader(read);
    const unitIds = Array.from({ length: 60 }, (_, i) => `u-${i}`);
    const check = async () => {
      expect(await reader.inspectedCases()).toEqual(expected.inspected);
      const some = unitIds.filter((_, i) => i % 3 === 0);
      expect(await reader.inspectedCasesOf(some)).toEqual(expected.inspected.filter((c) => some.includes(c.unitId)));
      expect(await reader.openCasesOfUnits(unitIds)).toEqual(expected.open);
    };
    await check();

    // The bulk path (fresh generation, rows written on the writer thread) gives the same rows.
    const report = await replayReadModels(events, read, [unitHistoryProjection, directoryProjection], { batchEvents: 101, cacheRows: 5, swap: true });
    expect(report.projections.map((p) => [p.name, p.differences])).toEqual([['unit-history', []], ['directory', []]]);
    await check();
    await read.close();
    await events.close();
  });

  it('openCasesOfUnits: only the units asked for, each with its open cases sorted; no query for no units', async () => {
    const events = await temp.openEvents();
    await appendTo(events, unitStreamId('u-1'), [{ type: D.UnitRegistered, data: { unit: aUnit({ id: 'u-1' }) } }]);
    const drawnFor = (caseId: string, unitId: string) => ({ type: T.InspectionDrawn, data: { caseId, planId: 'p', month: '2026-03', stratum: 's', drawId: 'd', authority: 'a', unit: { id: unitId } } });
    for (const [caseId, unitId] of [['c-3', 'u-1'], ['c-1', 'u-1'], ['c-2', 'u-2'], ['c-4', 'u-3']] as const) {
      await appendTo(events, `inspection-${caseId}`, [drawnFor(caseId, unitId)]);
    }
    await appendTo(events, 'inspection-c-4', [{ type: T.InspectionCancelled, data: { reasonCode: 'unit_closed', reason: '停业', effectiveDate: '2026-03-05' } }]);
    const read = await kind.open(temp);
    const runner = new ProjectionRunner(events, read, [unitHistoryProjection]);
    await runner.start();
    await runner.waitUntil(await events.headPosition());
    await runner.stop();

    const reader = new UnitHistoryReader(read);
    expect(await reader.openCasesOfUnits(['u-1', 'u-3', 'u-9', 'u-1'])).toEqual(new Map([['u-1', ['c-1', 'c-3']]]));
    expect(await reader.openCasesOfUnits([])).toEqual(new Map());
    expect(await reader.inspectedCases()).toEqual([]);
    await read.close();
    await events.close();
  });
});
