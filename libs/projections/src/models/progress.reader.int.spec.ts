import { WorkingDayCalendar } from '@shuangsui/domain';
import { CALENDAR_2026 } from '@shuangsui/domain/calendar/testing/calendar-2026';
import { ProjectionRunner } from '../runner/projection-runner';
import { writeRandomCaseHistory } from '../testing/random-case-history';
import { readStoreKinds } from '../testing/read-store-kinds';
import { TempStores } from '../testing/temp-stores';
import { Deadlines } from './deadlines';
import { progressProjection } from './progress.projection';
import { ProgressReader } from './progress.reader';
import { ReferralsReader } from './referrals.reader';

jest.setTimeout(60_000);

describe.each(readStoreKinds().map((kind) => [kind.name, kind] as const))('ProgressReader on a real %s read store', (_name, kind) => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(async () => {
    temp.remove();
    await kind.cleanup();
  });

  it('the kept totals count exactly what counting the case rows counts, for the district and for each plan', async () => {
    const events = await temp.openEvents();
    await writeRandomCaseHistory(events, { seed: 20_261_204, cases: 400, units: 40, spread: true });
    const read = await kind.open(temp);
    const runner = new ProjectionRunner(events, read, [progressProjection], { maxBatch: 97 });
    await runner.start();
    await runner.waitUntil(await events.headPosition());
    expect((await runner.status()).map(({ state }) => state)).toEqual(['running']);
    await runner.stop();

    const deadlines = new Deadlines(new WorkingDayCalendar([CALENDAR_2026]));
    const reader = new ProgressReader(read, deadlines, new ReferralsReader(read, deadlines, () => '2026-12-04'), () => '2026-12-04');
    const district = await reader.countsFromRows({});
    expect(district.total).toBe(400);
    expect(district.byMonth.length).toBe(3);
    expect(district.byStratum.length).toBe(3);
    expect(district.byInspector.length).toBeGreaterThan(3);
    expect(Object.values(district.byState).filter((count) => count > 0).length).toBeGreaterThan(4);
    expect(await reader.counts()).toEqual(district);
    for (const planId of ['plan-2026', 'plan-2027', 'plan-none']) {
      expect(await reader.counts({ planId })).toEqual(await reader.countsFromRows({ planId }));
    }
    expect((await reader.counts({ planId: 'plan-2027' })).total).toBeGreaterThan(100);
    expect((await reader.counts({ planId: 'plan-none' })).total).toBe(0);
  });

  it('a batch that fails after moving cases in the totals leaves no trace: after a restart the totals still count what the rows count', async () => {
    const events = await temp.openEvents();
    await writeRandomCaseHistory(events, { seed: 20_261_205, cases: 300, units: 30, spread: true });
    const read = await kind.open(temp);
    let commits = 0;
    const runner = new ProjectionRunner(events, read, [progressProjection], {
      maxBatch: 53,
      beforeCommit: () => {
        commits += 1;
        if (commits === 4) throw new Error('injected: the disk is full');
      },
    });
    await runner.start();
    await runner.waitUntil(await events.headPosition());
    expect((await runner.status()).map(({ state }) => state)).toEqual(['failed']);
    await runner.start();
    await runner.waitUntil(await events.headPosition());
    await runner.stop();
    expect((await runner.status()).map(({ state }) => state)).toEqual(['stopped']);

    const deadlines = new Deadlines(new WorkingDayCalendar([CALENDAR_2026]));
    const reader = new ProgressReader(read, deadlines, new ReferralsReader(read, deadlines, () => '2026-12-04'), () => '2026-12-04');
    const fromRows = await reader.countsFromRows({});
    expect(fromRows.total).toBe(300);
    expect(await reader.counts()).toEqual(fromRows);
  });
});
