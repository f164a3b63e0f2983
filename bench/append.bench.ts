/**
 * npm run bench:append [-- --store sqlite] [-- --tree off]
 *
 * Prints a human summary, then as its LAST line one JSON object with the figures (issue 2). The
 * transparency tree follower (issue 13) runs during the store appends, as on the leading server, on a
 * SQLite read store beside the events; `--tree off` measures without it, for the comparison.
 * Each section adds its figures to `figures`; add a section by adding a step to main().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore, type EventStore } from '@shuangsui/event-store';
import { SqliteReadStore, TransparencyTreeFollower } from '@shuangsui/projections';
import { measureStoreAppends } from './append-store';
import { measureRawSqliteCommits } from './sqlite-fsync-baseline';
import { openPostgresBenchStore } from './append-postgres';
import { measureHttp } from './http/measure-http';

type StoreName = 'sqlite' | 'postgres';

interface OpenedStore {
  readonly store: EventStore;
  readonly description: string;
  /** Commits per second the bare database manages on the same disk, for context. */
  readonly baseline?: () => string;
  readonly dispose: () => Promise<void>;
}

async function openStore(name: StoreName): Promise<OpenedStore> {
  switch (name) {
    case 'sqlite': {
      // A real file on disk, durable settings: every resolved append has been fsynced.
      const dir = mkdtempSync(join(tmpdir(), 'shuangsui-bench-'));
      const path = join(dir, 'events.db');
      const store = await SqliteEventStore.open({ path, synchronous: 'FULL' });
      return {
        store,
        description: `SQLite file ${path} (WAL, synchronous FULL)`,
        baseline: () => `raw better-sqlite3, one fsync per commit: ${format(measureRawSqliteCommits(dir))}`,
        dispose: async () => {
          await store.close();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    case 'postgres':
      return openPostgresBenchStore();
  }
}

function parseOptions(): { store: StoreName; tree: boolean } {
  const { values } = parseArgs({ options: { store: { type: 'string', default: 'sqlite' }, tree: { type: 'string', default: 'on' } } });
  const store = values.store;
  if (store !== 'sqlite' && store !== 'postgres') {
    throw new Error(`--store ${String(store)}: supported stores are: sqlite, postgres`);
  }
  if (values.tree !== 'on' && values.tree !== 'off') throw new Error(`--tree ${String(values.tree)}: on or off`);
  return { store, tree: values.tree === 'on' };
}

/** The tree follower on its own read store file, as the leading server runs it beside the projections. */
async function startTree(store: EventStore): Promise<{ stop: () => Promise<{ leaves: number; catchUpMs: number }> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-bench-tree-'));
  const readStore = SqliteReadStore.open({ path: join(dir, 'read-models.db') });
  const follower = new TransparencyTreeFollower(store, readStore);
  await follower.start();
  return {
    stop: async () => {
      const started = Date.now();
      await follower.caughtUpTo(await store.headPosition());
      const catchUpMs = Date.now() - started;
      const leaves = follower.status().size;
      await follower.stop();
      await readStore.close();
      rmSync(dir, { recursive: true, force: true });
      return { leaves, catchUpMs };
    },
  };
}

const format = (perSec: number): string => `${perSec.toLocaleString('en-US')}/s`;

async function main(): Promise<void> {
  const options = parseOptions();
  const figures: Record<string, string | number | boolean> = { store: options.store, tree: options.tree };

  const opened = await openStore(options.store);
  try {
    console.log(`Store appends on ${opened.description}${options.tree ? ', transparency tree follower on' : ', no transparency tree'}`);
    const tree = options.tree ? await startTree(opened.store) : null;
    const appends = await measureStoreAppends(opened.store);
    if (tree) {
      const { leaves, catchUpMs } = await tree.stop();
      console.log(`  tree: ${leaves.toLocaleString('en-US')} leaves, caught up ${catchUpMs} ms after the last append`);
      figures['treeCatchUpMs'] = catchUpMs;
    }
    console.log(`  sequential, one stream, exact expected revision:  ${format(appends.sequentialAppendsPerSec)}`);
    console.log(`  64 concurrent writers on distinct streams:        ${format(appends.concurrentAppendsPerSec)}`);
    if (opened.baseline) console.log(`  (for comparison, ${opened.baseline()})`);
    Object.assign(figures, appends);
  } finally {
    await opened.dispose();
  }

  // The HTTP figures are the SQLite default deployment's (issue 2); the other stores report store figures only.
  if (options.store === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'shuangsui-bench-http-'));
    try {
      console.log('HTTP commands, 64 connections (autocannon), server in a child process on a durable SQLite file');
      const http = await measureHttp(join(dir, 'events.db'));
      console.log(`  POST /inspections/:id/assignments (decide + durable append): ${format(http.httpCommandsPerSec)} (${http.httpCommandErrors} non-2xx)`);
      console.log(`  bare NestJS POST endpoint, same validation pipe:            ${format(http.httpBareNestPerSec)}`);
      console.log(`  ratio: ${(http.httpCommandsPerSec / http.httpBareNestPerSec).toFixed(2)} (target ≥ 0.6)`);
      figures['httpCommandsPerSec'] = http.httpCommandsPerSec;
      figures['httpBareNestPerSec'] = http.httpBareNestPerSec;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  console.log(JSON.stringify(figures));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
