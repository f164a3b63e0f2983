import { completeResult, history, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { DIRECTORY_EVENT_TYPES as D, inspectorStreamId, unitStreamId } from '@shuangsui/domain/directory';
import { ALL_PROJECTIONS } from '../models/all-projections';
import { DISCLOSURE_RECORDS } from '../models/disclosure.projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { appendCase } from '../testing/given-events';
import { aUnit, anInspector, appendTo } from '../testing/given-streams';
import { TempStores } from '../testing/temp-stores';
import { findHeadPosition } from './find-head';
import { replayReadModels } from './replay-read-models';

describe('replay: rebuild from event zero, compare with live, swap blue-green', () => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(() => temp.remove());

  // Tiny batches and a tiny row cache: rows are evicted and read back while the previous batch may
  // still be in flight; with bulkWriterRows 1 every commit is written on the writer thread.
  it.each([
    ['commits in this thread', 0],
    ['commits on the writer thread', 1],
  ])('a rebuild equals the live read models, and --swap switches readers to it (%s)', async (_label, bulkWriterRows) => {
    const events = await temp.openEvents();
    for (let i = 0; i < 6; i += 1) {
      await appendCase(events, `c${i}`, i % 3 === 0 ? history.ordered(`c${i}`) : i % 3 === 1 ? history.published(completeResult(), `c${i}`) : history.inspected(resultWithHazard(), `c${i}`));
    }
    // Directory streams too: json columns (whole records) through both commit paths.
    await appendTo(events, unitStreamId('u-1'), [
      { type: D.UnitRegistered, data: { unit: aUnit({ id: 'u-1' }) } },
      { type: D.UnitStatusChanged, data: { unitId: 'u-1', previousStatus: 'active', status: 'closed', statusDate: '2026-03-05' } },
    ]);
    await appendTo(events, inspectorStreamId('i-1'), [{ type: D.InspectorRegistered, data: { inspector: anInspector({ id: 'i-1', leaves: [{ from: '2026-03-02', to: '2026-03-06' }] }) } }]);
    const head = await findHeadPosition(events);
    expect(head).toBe((await events.readAll({ after: 0, maxCount: 10_000 })).length);
    const read = temp.openRead({ bulkWriterRows });
    const runner = new ProjectionRunner(events, read, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitUntil(head);
    await runner.stop();

    const report = await replayReadModels(events, read, ALL_PROJECTIONS, { batchEvents: 7, pageSize: 3, cacheRows: 2 });
    expect(report.projections.map((p) => [p.name, p.comparedAt, p.differences])).toEqual(ALL_PROJECTIONS.map((p) => [p.name, head, []]));
    expect(report.events).toBe(head);

    const before = (await read.checkpoint('disclosure'))!;
    const swapped = await replayReadModels(events, read, ALL_PROJECTIONS, { swap: true });
    const after = (await read.checkpoint('disclosure'))!;
    expect(swapped.swapped).toBe(true);
    expect(after.generation).toBeGreaterThan(before.generation);
    expect(after.position).toBe(head);
    expect(await read.count({ projection: 'disclosure', table: DISCLOSURE_RECORDS }, [{ column: 'published', op: 'eq', value: 1 }])).toBe(2);
    await read.close();
    await events.close();
  });

  it('reports a live read model that differs from the history', async () => {
    const events = await temp.openEvents();
    await appendCase(events, 'c1', history.published(completeResult(), 'c1'));
    const read = temp.openRead();
    const runner = new ProjectionRunner(events, read, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitUntil(5);
    await runner.stop();
    // Damage the live model behind the projection's back (a hand edit, a bug fixed since).
    const live = (await read.checkpoint('disclosure'))!;
    await read.commit({
      projection: 'disclosure', generation: live.generation, fromPosition: live.position, toPosition: live.position, deletes: [],
      upserts: [{ table: DISCLOSURE_RECORDS.name, row: { ...(await read.query({ projection: 'disclosure', table: DISCLOSURE_RECORDS }))[0]!, unit_name: '被篡改的名称' } }],
    });
    const report = await replayReadModels(events, read, ALL_PROJECTIONS);
    const disclosure = report.projections.find((p) => p.name === 'disclosure')!;
    expect(disclosure.differences).toEqual([expect.objectContaining({ table: 'disclosure_records', different: 1, onlyLive: 0, onlyRebuilt: 0 })]);
    expect(report.projections.filter((p) => p.differences.length > 0)).toHaveLength(1);
    await read.close();
    await events.close();
  });
});
