import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { eventLeafHash, MemoryTree, verifyConsistency, verifyInclusion } from '@shuangsui/domain/transparency';
import { appendCase } from '../testing/given-events';
import { TempStores } from '../testing/temp-stores';
import { TransparencyTreeFollower } from './tree-follower';
import { TransparencyTreeReader } from './tree-reader';

/** The follower's tree on real SQLite files equals a tree built in memory from the same log, across restarts. */
describe('transparency tree follower (real SQLite event and read stores)', () => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(() => temp.remove());

  it('builds the RFC 9162 tree of the whole log, resumes after a restart, and serves proofs that verify', async () => {
    const events = await temp.openEvents();
    const read = temp.openRead();
    for (let i = 0; i < 20; i += 1) await appendCase(events, `c${i}`, history.published(completeResult(), `c${i}`));
    let follower = new TransparencyTreeFollower(events, read);
    await follower.start();
    await follower.caughtUpTo(await events.headPosition());
    await follower.stop();

    // Stopped part-way through the history: the rest arrives while it is down, then live.
    for (let i = 20; i < 30; i += 1) await appendCase(events, `c${i}`, history.assigned(`c${i}`));
    follower = new TransparencyTreeFollower(events, read);
    await follower.start();
    for (let i = 30; i < 40; i += 1) await appendCase(events, `c${i}`, history.published(completeResult(), `c${i}`));
    await follower.caughtUpTo(await events.headPosition());

    const all = await events.readAll({ maxCount: 100_000 });
    const memory = new MemoryTree();
    for (const event of all) memory.append(eventLeafHash(event));
    const reader = new TransparencyTreeReader(read);
    const size = await reader.size();
    expect(size).toBe(all.length);
    expect(follower.status()).toMatchObject({ state: 'running', size });
    for (const n of [1, 2, 3, 7, 8, 9, 100, size - 1, size]) expect((await reader.root(n)).toString('hex')).toBe(memory.root(n).toString('hex'));

    for (const index of [0, 1, 17, size - 1]) {
      const leaf = await reader.leaf(all[index]!.id);
      expect(leaf).toMatchObject({ leafIndex: index, position: all[index]!.position });
      const proof = await reader.inclusion(index, size);
      expect(verifyInclusion(index, size, eventLeafHash(all[index]!), proof, memory.root())).toBe(true);
    }
    for (const from of [1, 5, 64, size - 3]) {
      const proof = await reader.consistency(from, size);
      expect(verifyConsistency(from, size, memory.root(from), memory.root(size), proof)).toBe(true);
    }
    await follower.stop();
    await read.close();
    await events.close();
  });
});
