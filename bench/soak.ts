/**
 * npm run test:soak [-- --minutes 30 --rate 300]   (issue 15)
 *
 * The server in a child process on a durable SQLite file with sign-in on (bench/http/bench-server.ts,
 * 20,000 assigned cases), under a steady mixed load for `--minutes`: reads of progress, disclosure, a
 * case and the case list, and inspectors' results, at `--rate` requests/s in all over 40 connections.
 * Every 10 s it reads the server's own Prometheus metrics (resident memory, event-loop delay p99). Checks
 * that memory and event-loop delay stay flat: the average of the last fifth against the first fifth.
 * Last line: {"minutes","rate","requests","errors","rssFirstMb","rssLastMb","rssGrowthPct",
 * "eventLoopP99FirstMs","eventLoopP99LastMs","eventLoopP99MaxMs","flat"}; exit 1 when not flat (memory
 * up by more than 25 %, or event-loop p99 up by more than 50 ms) or any request failed.
 */
import autocannon from 'autocannon';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_CASES, readRequests, resultRequest } from './http/mixed-requests';
import { startBenchServer } from './http/start-bench-server';

const TOKEN = 'soak-metrics-token-0001';

interface Sample {
  readonly rssMb: number;
  readonly eventLoopP99Ms: number;
}

async function sample(url: string): Promise<Sample | null> {
  const text = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => (r.ok ? r.text() : ''), () => '');
  const value = (name: string): number | null => {
    const match = new RegExp(`^${name} ([0-9.e+-]+)$`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  };
  const rss = value('process_resident_memory_bytes');
  const lag = value('nodejs_eventloop_lag_p99_seconds');
  return rss === null || lag === null ? null : { rssMb: rss / 1e6, eventLoopP99Ms: lag * 1000 };
}

const average = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const round = (n: number): number => Math.round(n * 10) / 10;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '30' }, rate: { type: 'string', default: '300' } } });
  const minutes = Number(values.minutes);
  const rate = Number(values.rate);
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-soak-'));
  const server = await startBenchServer(join(dir, 'events.db'), BENCH_CASES, { BENCH_SEED_ASSIGNED: '1', SHUANGSUI_METRICS_TOKEN: TOKEN });
  try {
    const url = `http://127.0.0.1:${server.commandPort}`;
    let next = 0;
    const samples: Sample[] = [];
    const sampler = setInterval(() => void sample(url).then((s) => s && samples.push(s)), 10_000);
    const load = await new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url,
          connections: 40,
          overallRate: rate,
          duration: minutes * 60,
          requests: [...readRequests(), resultRequest(() => next++, 'soak')],
        },
        (error, result) => (error ? reject(error) : resolve(result)),
      );
    });
    clearInterval(sampler);
    const fifth = Math.max(1, Math.floor(samples.length / 5));
    const first = samples.slice(0, fifth);
    const last = samples.slice(-fifth);
    const rssFirstMb = average(first.map((s) => s.rssMb));
    const rssLastMb = average(last.map((s) => s.rssMb));
    const lagFirst = average(first.map((s) => s.eventLoopP99Ms));
    const lagLast = average(last.map((s) => s.eventLoopP99Ms));
    const errors = load.errors + load.timeouts + load.non2xx;
    const flat = rssLastMb <= rssFirstMb * 1.25 && lagLast <= lagFirst + 50;
    console.log(`${load.requests.total} requests in ${minutes} min (${load.requests.average}/s), ${errors} failed; ${samples.length} samples`);
    console.log(
      JSON.stringify({
        minutes,
        rate,
        requests: load.requests.total,
        errors,
        rssFirstMb: round(rssFirstMb),
        rssLastMb: round(rssLastMb),
        rssGrowthPct: round(((rssLastMb - rssFirstMb) / rssFirstMb) * 100),
        eventLoopP99FirstMs: round(lagFirst),
        eventLoopP99LastMs: round(lagLast),
        eventLoopP99MaxMs: round(Math.max(...samples.map((s) => s.eventLoopP99Ms))),
        flat,
      }),
    );
    if (!flat || errors > 0) process.exitCode = 1;
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
