/**
 * npm run bench:replay [-- --events 1000000]
 *
 * Generates realistic inspection histories straight into a temp SQLite event store, then rebuilds
 * every read model from event zero (the `replay` path: fresh tables, page-by-page reads, large
 * batched transactions, indexes built at the end). Prints figures, and as its LAST line one JSON
 * object: {"events":…,"eventsPerSec":…,"peakRssMb":…}. peakRssMb is the highest resident set
 * sampled during the rebuild; run with a smaller --events to see that it does not grow with history.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SqliteEventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, ReadModelRebuild, SqliteReadStore } from '@shuangsui/projections';
import { generateHistory } from './replay-history';

/** A live counter on a terminal; nothing in a log, where carriage returns would pile up. */
const progress = (text: string): void => {
  if (process.stdout.isTTY) process.stdout.write(`\r${text}`);
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { events: { type: 'string', default: '1000000' } } });
  const target = Number(values.events);
  if (!Number.isInteger(target) || target < 1) throw new Error(`--events must be a positive integer, got "${values.events}"`);
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-replay-bench-'));
  try {
    const events = await SqliteEventStore.open({ path: join(dir, 'events.db'), synchronous: 'NORMAL' });
    let started = Date.now();
    const generated = await generateHistory(events, {
      events: target,
      onProgress: (n) => progress(`generating: ${n} events`),
    });
    console.log(`\rgenerated ${generated} events in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    global.gc?.();

    const readStore = SqliteReadStore.open({ path: join(dir, 'read-models.db') });
    const rssBefore = process.memoryUsage().rss;
    let peakRss = rssBefore;
    const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
    const sampler = setInterval(sample, 50);
    started = Date.now();
    const rebuild = await ReadModelRebuild.begin(events, readStore, ALL_PROJECTIONS);
    await rebuild.advance(undefined, (_position, applied) => {
      sample();
      progress(`rebuilding: ${applied} events`);
    });
    await rebuild.finish();
    await rebuild.activate();
    const seconds = (Date.now() - started) / 1000;
    clearInterval(sampler);
    sample();
    console.log(`\rrebuilt ${ALL_PROJECTIONS.length} read models from ${rebuild.eventsApplied} events in ${seconds.toFixed(2)} s (RSS ${Math.round(rssBefore / 1e6)} MB before the rebuild)`);
    await readStore.close();
    await events.close();
    console.log(JSON.stringify({ events: rebuild.eventsApplied, eventsPerSec: Math.round(rebuild.eventsApplied / seconds), peakRssMb: Math.round(peakRss / 1e6) }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
