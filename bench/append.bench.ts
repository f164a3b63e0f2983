/**
 * npm run bench:append [-- --store sqlite]
 *
 * Prints a human summary, then as its LAST line one JSON object with the figures (issue 2).
 * Each section adds its figures to `figures`; add a section by adding a step to main().
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore, type EventStore } from '@shuangsui/event-store';
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

function parseOptions(): { store: StoreName } {
  const { values } = parseArgs({ options: { store: { type: 'string', default: 'sqlite' } } });
  const store = values.store;
  if (store !== 'sqlite' && store !== 'postgres') {
    throw new Error(`--store ${String(store)}: supported stores are: sqlite, postgres`);
  }
  return { store };
}

const format = (perSec: number): string => `${perSec.toLocaleString('en-US')}/s`;

async function main(): Promise<void> {
  const options = parseOptions();
  const figures: Record<string, string | number> = { store: options.store };

  const opened = await openStore(options.store);
  try {
    console.log(`Store appends on ${opened.description}`);
    const appends = await measureStoreAppends(opened.store);
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
