import type { RecordedEvent } from '../event-store.port';
import { SqliteTailCache } from './sqlite-tail-cache';

/** A log with gaps in its positions, as another process's rolled-back writes could leave. */
function makeLog() {
  const log: RecordedEvent[] = [];
  let position = 0;
  let reads = 0;
  const append = (count: number): void => {
    for (let i = 0; i < count; i += 1) {
      position += i % 7 === 3 ? 2 : 1;
      log.push({ streamId: 's', revision: log.length, position, id: `e${position}`, type: 'T', data: { n: position, nested: { list: [1] } }, metadata: {}, recordedAt: 'now' });
    }
  };
  const readRows = (after: number, maxCount: number): RecordedEvent[] => {
    reads += 1;
    // Fresh objects per read, as JSON.parse of a row gives.
    return log.filter((event) => event.position > after).slice(0, maxCount).map((event) => structuredClone(event));
  };
  return { append, readRows, reads: () => reads, head: () => position };
}

const positions = (events: readonly RecordedEvent[]): number[] => events.map((event) => event.position);

describe('SqliteTailCache', () => {
  it('answers every read exactly as the database would, while the log grows', () => {
    const log = makeLog();
    const cache = new SqliteTailCache(log.readRows, 50);
    let seed = 42;
    const random = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed % n;
    };
    const cursors = [0, 0, 0, 0, 0];
    for (let step = 0; step < 2_000; step += 1) {
      if (random(3) === 0) log.append(random(20));
      const reader = random(cursors.length);
      // Mostly continue from the cursor, sometimes jump anywhere (a new subscriber, a restart).
      const after = random(10) === 0 ? random(log.head() + 5) : cursors[reader]!;
      const maxCount = 1 + random(30);
      const got = cache.read(after, maxCount);
      expect(positions(got)).toEqual(positions(log.readRows(after, maxCount)));
      cursors[reader] = got.at(-1)?.position ?? after;
    }
  });

  it('lets subscribers woken by the same commit share one read of the new events', () => {
    const log = makeLog();
    const cache = new SqliteTailCache(log.readRows, 100);
    log.append(10);
    const first = cache.read(0, 500);
    const readsBefore = log.reads();
    const second = cache.read(0, 500);
    expect(second).toEqual(first);
    expect(second[0]).toBe(first[0]);
    // The only database read is the (empty) look past the window's end.
    expect(log.reads() - readsBefore).toBe(1);
  });

  it('hands out frozen events, so one subscriber cannot change what another sees', () => {
    const log = makeLog();
    log.append(1);
    const [event] = new SqliteTailCache(log.readRows, 10).read(0, 10);
    expect(Object.isFrozen(event)).toBe(true);
    expect(() => {
      ((event!.data as { nested: { list: number[] } }).nested.list).push(2);
    }).toThrow(/not extensible/);
  });
});
