import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import type { EventStore } from '@shuangsui/event-store';
import type { EventHandlers, Projection } from '../projection';
import type { ReadStore, TableSpec } from '../read-store.port';
import { appendCase } from '../testing/given-events';
import { TempStores } from '../testing/temp-stores';
import { ProjectionRunner } from './projection-runner';

/** Counts every event it sees: a double-applied event shows up as a wrong total. */
const COUNTS: TableSpec = { name: 'test_counts', key: 'name', columns: { name: 'text', events: 'integer' } };
const countAll: EventHandlers = Object.fromEntries(
  ['InspectionDrawn.v1', 'InspectorsAssigned.v1', 'InspectionResultRecorded.v1', 'InspectionResultApproved.v1', 'InspectionResultPublished.v1'].map((type) => [
    type,
    {
      rows: () => [{ table: COUNTS.name, key: 'all' }],
      apply: (_event, rows) => {
        const row = rows.get<{ name: string; events: number }>(COUNTS.name, 'all');
        rows.put(COUNTS.name, { name: 'all', events: (row?.events ?? 0) + 1 });
      },
    },
  ]),
);
const counter: Projection = { name: 'counter', version: 1, tables: [COUNTS], handlers: countAll };

async function countOf(store: ReadStore): Promise<number> {
  const rows = await store.query({ projection: 'counter', table: COUNTS });
  return (rows[0]?.['events'] as number | undefined) ?? 0;
}

async function givenCases(events: EventStore, from: number, to: number): Promise<void> {
  for (let i = from; i < to; i += 1) await appendCase(events, `c${i}`, history.published(completeResult(), `c${i}`));
}

describe('ProjectionRunner on real SQLite files', () => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(() => temp.remove());

  it('catches up, goes live, and keeps its checkpoint across a restart', async () => {
    const events = await temp.openEvents();
    await givenCases(events, 0, 10); // 50 events
    let read = temp.openRead();
    let runner = new ProjectionRunner(events, read, [counter]);
    await runner.start();
    await runner.waitUntil(50);
    await givenCases(events, 10, 12); // live
    await runner.waitUntil(60);
    expect(await countOf(read)).toBe(60);
    await runner.stop();
    await read.close();

    await givenCases(events, 12, 13); // while stopped
    read = temp.openRead();
    runner = new ProjectionRunner(events, read, [counter]);
    await runner.start();
    await runner.waitUntil(65);
    expect(await countOf(read)).toBe(65);
    const [status] = await runner.status();
    expect(status).toMatchObject({ name: 'counter', state: 'running', position: 65, head: 65, lag: 0, error: null });
    await runner.stop();
    await read.close();
    await events.close();
  });

  it.each([
    ['after the handlers, before the commit', 'beforeCommit'],
    ['inside the transaction, after the rows and before the checkpoint', 'beforeCheckpoint'],
  ])('counts each event exactly once with a crash %s', async (_label, where) => {
    const events = await temp.openEvents();
    await givenCases(events, 0, 4); // 20 events
    let crashes = 0;
    // The first batch commits; the crash hits the second, half-way through the history.
    const crashAfter10 = (toPosition: number) => {
      if (toPosition <= 10) return;
      crashes += 1;
      throw new Error('simulated crash');
    };
    let read = temp.openRead(where === 'beforeCheckpoint' ? { beforeCheckpoint: (request) => crashAfter10(request.toPosition) } : {});
    let runner = new ProjectionRunner(events, read, [counter], { maxBatch: 10, ...(where === 'beforeCommit' ? { beforeCommit: (_name: string, to: number) => crashAfter10(to) } : {}) });
    await runner.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [failed] = await runner.status();
    expect(crashes).toBeGreaterThan(0);
    expect(failed).toMatchObject({ state: 'failed', position: 10 });
    expect(await countOf(read)).toBe(10); // the second batch's rows were rolled back with its checkpoint
    await runner.stop();
    await read.close();

    read = temp.openRead();
    runner = new ProjectionRunner(events, read, [counter]);
    await runner.start();
    await runner.waitUntil(20);
    expect(await countOf(read)).toBe(20);
    await runner.stop();
    await read.close();
    await events.close();
  });

  it('a failing event stops only its projection, naming the event and position; the others keep running', async () => {
    const events = await temp.openEvents();
    await givenCases(events, 0, 2); // positions 1..10; case c1's approval is position 9
    const poisoned: Projection = {
      name: 'poisoned',
      version: 1,
      tables: [{ ...COUNTS, name: 'test_poisoned' }],
      handlers: {
        'InspectionResultApproved.v1': {
          rows: () => [],
          apply: (event) => {
            if (event.streamId === 'inspection-c1') throw new Error('cannot handle this approval');
          },
        },
      },
    };
    const read = temp.openRead();
    const runner = new ProjectionRunner(events, read, [counter, poisoned], { maxBatch: 1 });
    await runner.start();
    await runner.waitUntil(10);
    await givenCases(events, 2, 3);
    await runner.waitUntil(15);
    const statuses = await runner.status();
    expect(statuses.find((s) => s.name === 'counter')).toMatchObject({ state: 'running', position: 15 });
    const failed = statuses.find((s) => s.name === 'poisoned')!;
    expect(failed).toMatchObject({ state: 'failed', position: 8, lag: 7, error: { eventType: 'InspectionResultApproved.v1', position: 9 } });
    expect(failed.error!.message).toMatch(/Projection poisoned failed on event c1-evt-\d+ \(InspectionResultApproved\.v1, stream inspection-c1, position 9\): cannot handle this approval/);
    await runner.stop();
    await read.close();
    await events.close();
  });
});
