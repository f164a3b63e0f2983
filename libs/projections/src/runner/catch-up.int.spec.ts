import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { directoryProjection } from '../models/directory.projection';
import { unitHistoryProjection } from '../models/unit-history.projection';
import { appendCase } from '../testing/given-events';
import { TempStores } from '../testing/temp-stores';
import { ReadModelLagError, waitForProjections } from './catch-up';
import { ProjectionRunner } from './projection-runner';

const NAMES = [unitHistoryProjection.name, directoryProjection.name];

describe('waitForProjections on real SQLite files', () => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(() => temp.remove());

  it('resolves once a runner has applied the log as it stood at the call', async () => {
    const events = await temp.openEvents();
    for (let i = 0; i < 5; i += 1) await appendCase(events, `c${i}`, history.published(completeResult(), `c${i}`));
    const head = await events.headPosition();
    const read = temp.openRead();
    const runner = new ProjectionRunner(events, read, [unitHistoryProjection, directoryProjection]);

    // Asked before the runner even starts: it waits, then sees the runner catch up.
    const waiting = waitForProjections(events, read, NAMES, { timeoutMs: 20_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runner.start();
    const reached = await waiting;
    expect(reached).toBeGreaterThanOrEqual(head);
    for (const name of NAMES) expect((await read.checkpoint(name))!.position).toBeGreaterThanOrEqual(head);

    // Live: an append, then a wait that must include it.
    await appendCase(events, 'c9', history.assigned('c9'));
    const newHead = await events.headPosition();
    expect(await waitForProjections(events, read, NAMES)).toBeGreaterThanOrEqual(newHead);
    await runner.stop();
    await read.close();
    await events.close();
  });

  it('rejects with ReadModelLagError (in Chinese, naming projection, position and head) when no runner runs', async () => {
    const events = await temp.openEvents();
    await appendCase(events, 'c1', history.assigned('c1'));
    const read = temp.openRead();
    const started = Date.now();
    const error = await waitForProjections(events, read, NAMES, { timeoutMs: 120, pollMs: 10 }).catch((caught: unknown) => caught);
    expect(Date.now() - started).toBeGreaterThanOrEqual(120);
    expect(error).toBeInstanceOf(ReadModelLagError);
    expect(error).toMatchObject({ name: 'ReadModelLagError', projection: 'unit-history', position: 0, head: 2 });
    expect((error as Error).message).toMatch(/^读模型尚未追上事件日志（.*），请稍后重试$/);
    await read.close();
    await events.close();
  });

  it('an empty log needs no wait; no projections named is no wait either', async () => {
    const events = await temp.openEvents();
    const read = temp.openRead();
    expect(await waitForProjections(events, read, NAMES, { timeoutMs: 50 })).toBe(0);
    await appendCase(events, 'c1', history.drawn('c1'));
    expect(await waitForProjections(events, read, [], { timeoutMs: 50 })).toBe(1);
    await read.close();
    await events.close();
  });
});
