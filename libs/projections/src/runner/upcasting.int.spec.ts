import { upcasterOf } from '@shuangsui/domain';
import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { PUBLISHED_V1, PUBLISHED_V1_TO_V2, PUBLISHED_V2, type InspectionResultPublishedV2Data } from '@shuangsui/domain/inspection/testing/published-v2.example';
import { caseRowHandler, type Projection } from '../projection';
import type { ReadStore, TableSpec } from '../read-store.port';
import { replayReadModels } from '../replay/replay-read-models';
import { appendCase } from '../testing/given-events';
import { TempStores } from '../testing/temp-stores';
import { ProjectionRunner } from './projection-runner';

/**
 * The worked example of docs/events.md "Versioning" on the read side: the code reads publications
 * as v2 only, the store holds v1 events written before the move, and both the live runner and a
 * replay see them as v2 through the upcaster.
 */
const PUBLICATIONS: TableSpec = { name: 'test_publications', key: 'case_id', columns: { case_id: 'text', published_on: 'text', record_url: 'text' } };
const publicationsV2: Projection = {
  name: 'publications',
  version: 1,
  tables: [PUBLICATIONS],
  handlers: {
    [PUBLISHED_V2]: caseRowHandler(PUBLICATIONS.name, (_row, event, caseId) => {
      const data = event.data as unknown as InspectionResultPublishedV2Data;
      return { case_id: caseId, published_on: data.publishedOn, record_url: data.recordUrl ?? 'not recorded' };
    }),
  },
};
const upcast = upcasterOf([PUBLISHED_V1_TO_V2]);

const rowsOf = (read: ReadStore) => read.query({ projection: publicationsV2.name, table: PUBLICATIONS });

describe('old stored events project after their type moved to v2', () => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(() => temp.remove());

  it('live and in a replay', async () => {
    const events = await temp.openEvents();
    await appendCase(events, 'old', history.published(completeResult(), 'old'));
    expect((await events.readStream('inspection-old')).at(-1)!.type).toBe(PUBLISHED_V1);
    const read = temp.openRead();

    const runner = new ProjectionRunner(events, read, [publicationsV2], { upcast });
    await runner.start();
    await runner.waitUntil(5);
    await appendCase(events, 'live', history.published(completeResult(), 'live')); // arrives while running
    await runner.waitUntil(10);
    await runner.stop();
    const expected = ['live', 'old'].map((caseId) => ({ case_id: caseId, published_on: '2026-03-20', record_url: 'not recorded' }));
    expect(await rowsOf(read)).toEqual(expected);

    const replay = await replayReadModels(events, read, [publicationsV2], { upcast, swap: true });
    expect(replay.projections[0]).toMatchObject({ comparedAt: 10, differences: [] });
    expect(await rowsOf(read)).toEqual(expected);

    // Without the step, the v2-only projection would not see the old events at all.
    expect((await replayReadModels(events, read, [publicationsV2], {})).projections[0]!.differences).not.toEqual([]);
    await read.close();
    await events.close();
  });
});
