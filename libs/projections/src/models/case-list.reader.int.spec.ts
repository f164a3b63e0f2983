import { foldInspection, INSPECTION_EVENT_TYPES as T, statusOf, type StoredInspectionEvent } from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { replayReadModels } from '../replay/replay-read-models';
import { ProjectionRunner } from '../runner/projection-runner';
import { writeRandomCaseHistory } from '../testing/random-case-history';
import { readStoreKinds } from '../testing/read-store-kinds';
import { TempStores } from '../testing/temp-stores';
import { caseListProjection } from './case-list.projection';
import { CaseListReader, type CaseListQuery } from './case-list.reader';

jest.setTimeout(60_000);

interface Expected {
  readonly id: string;
  readonly state: string;
  readonly referralState: string;
  readonly inspectorIds: readonly string[];
  readonly ever: ReadonlySet<string>;
}

/** The reference: each case folded by the domain's own fold, inspectors followed by hand. */
async function foldEveryCase(events: EventStore): Promise<Expected[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (let page = await events.readAll({ maxCount: 1_000 }); page.length > 0; page = await events.readAll({ after: page[page.length - 1]!.position, maxCount: 1_000 })) {
    for (const event of page) if (event.streamId.startsWith('inspection-')) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  }
  return [...streams].map(([streamId, recorded]) => {
    const stored = recorded.map((event) => ({ type: event.type, data: event.data, id: event.id, occurredAt: '2026-03-01T08:00:00.000Z' }) as unknown as StoredInspectionEvent);
    const status = statusOf(foldInspection(stored).snapshot);
    let inspectorIds: readonly string[] = [];
    const ever = new Set<string>();
    for (const event of recorded) {
      if (event.type !== T.InspectorsAssigned && event.type !== T.InspectorsReassigned) continue;
      inspectorIds = (event.data as { inspectorIds: string[] }).inspectorIds;
      inspectorIds.forEach((id) => ever.add(id));
    }
    return { id: streamId.slice('inspection-'.length), state: status.lifecycle, referralState: status.referral, inspectorIds, ever };
  }).sort((a, b) => (a.id < b.id ? -1 : 1));
}

describe.each(readStoreKinds().map((kind) => [kind.name, kind] as const))('CaseListReader on a real %s read store', (_name, kind) => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(async () => {
    temp.remove();
    await kind.cleanup();
  });

  it('filters, sorts and pages as a plain fold says, live and after a rebuild', async () => {
    const events = await temp.openEvents();
    await writeRandomCaseHistory(events, { seed: 20_261_001, cases: 300, units: 40 });
    const read = await kind.open(temp);
    const runner = new ProjectionRunner(events, read, [caseListProjection], { maxBatch: 89 });
    await runner.start();
    await runner.waitUntil(await events.headPosition());
    await runner.stop();

    const expected = await foldEveryCase(events);
    const reader = new CaseListReader(read);
    const all = async (query: Omit<CaseListQuery, 'page' | 'pageSize'>) => {
      const seen: { id: string; state: string; referralState: string; inspectorIds: readonly string[] }[] = [];
      let total = -1;
      for (let page = 1; ; page += 1) {
        const result = await reader.list({ sort: 'id', ...query, page, pageSize: 23 });
        total = result.total;
        seen.push(...result.items.map(({ id, state, referralState, inspectorIds }) => ({ id, state, referralState, inspectorIds })));
        if (result.items.length < 23) break;
      }
      expect(total).toBe(seen.length);
      return seen;
    };
    const shown = (rows: readonly Expected[]) => rows.map(({ id, state, referralState, inspectorIds }) => ({ id, state, referralState, inspectorIds }));
    const check = async () => {
      expect(await all({})).toEqual(shown(expected));
      for (const state of ['drawn', 'assigned', 'inspected', 'reviewed', 'published', 'cancelled']) {
        const rows = expected.filter((row) => row.state === state);
        expect(rows.length).toBeGreaterThan(0);
        expect(await all({ state })).toEqual(shown(rows));
      }
      expect(await all({ inspectorId: 'i-3' })).toEqual(shown(expected.filter((row) => row.inspectorIds.includes('i-3'))));
      const visible = expected.filter((row) => row.ever.has('i-3'));
      expect(visible.length).toBeGreaterThan(expected.filter((row) => row.inspectorIds.includes('i-3')).length);
      expect(await all({ visibleTo: 'i-3' })).toEqual(shown(visible));
      expect(await all({ visibleTo: 'i-3', state: 'assigned', order: 'desc' })).toEqual(shown(visible.filter((row) => row.state === 'assigned').reverse()));
      expect((await reader.list({ q: '91330703MA29X0XX0X', page: 1, pageSize: 1 })).total).toBe(expected.length);
      expect((await reader.list({ q: '没有这个单位', page: 1, pageSize: 1 })).total).toBe(0);
    };
    await check();

    const report = await replayReadModels(events, read, [caseListProjection], { batchEvents: 101, cacheRows: 5, swap: true });
    expect(report.projections.map((p) => [p.name, p.differences])).toEqual([['case-list', []]]);
    await check();
    await read.close();
    await events.close();
  });
});
