/**
 * npm run bench:load [-- --seconds 60]   (issue 15)
 *
 * The server in a child process on a durable SQLite file (bench/http/bench-server.ts), sign-in on
 * (Bearer tokens of bench accounts), 20,000 assigned cases seeded. Three phases in one run:
 *   1. latency: `--seconds` (default 60) over 200 connections at a fixed offered 1,000 requests/s in all —
 *      140 connections of reads (progress, disclosure, one case, the case list, 200/s each), 40 of
 *      commands (inspectors' results 150/s, a reviewer's approvals 50/s), 20 server-sent-event
 *      subscribers (one per 10 clients) — with a burst of 100 new connections in the middle;
 *   2. throughput: the four reads as fast as they go over 200 connections, then results over 64;
 *   3. baseline: the bare NestJS endpoint beside the server, over 200 connections.
 * Last line: {"connections":200,"offeredRate":1000,"readP50Ms","readP99Ms","newConnP99Ms","sseClients",
 * "sseDropped","errors","readsPerSec","commandsPerSec","bareNestPerSec"}. readP50Ms and readP99Ms are
 * the worst of the four read endpoints' (each measured by its own autocannon instance).
 * Targets (issue 15): errors 0, read p99 ≤ 100 ms, new-connection p99 ≤ 200 ms, no SSE client dropped,
 * reads ≥ 0.6 × bare, commands ≥ 0.7 × bare.
 */
import autocannon from 'autocannon';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { requestHeaders } from './http/request-headers';
import { BENCH_CASES as CASES, readRequests, resultRequest as nextResult, SUPERVISOR } from './http/mixed-requests';
import { startBenchServer } from './http/start-bench-server';

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const failures = (r: autocannon.Result): number => r.errors + r.timeouts + r.non2xx;

/** Every command takes the next seeded case: results in order, reviews trailing the results sent. */
class CaseCursor {
  private nextResult = 0;
  private nextReview = 0;
  result(): number {
    return this.nextResult++ % CASES;
  }
  /** A case whose result went out at least 500 results ago (long answered at these rates), or null. */
  review(): number | null {
    return this.nextReview + 500 < this.nextResult ? this.nextReview++ : null;
  }
}

const resultRequest = (cursor: CaseCursor): autocannon.Request => nextResult(() => cursor.result(), 'load-result');

/** Opens `count` live feeds; each counts as dropped if it ends before `stop()`. */
function sseSubscribers(baseUrl: string, count: number) {
  const controller = new AbortController();
  let dropped = 0;
  let open = 0;
  const one = async (): Promise<void> => {
    try {
      const response = await fetch(`${baseUrl}/inspections/stream`, { headers: SUPERVISOR, signal: controller.signal });
      if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
      open += 1;
      const reader = response.body.getReader();
      for (;;) if ((await reader.read()).done) break;
      if (!controller.signal.aborted) dropped += 1;
    } catch {
      if (!controller.signal.aborted) dropped += 1;
    }
  };
  const all = Array.from({ length: count }, one);
  return {
    stop: async () => {
      controller.abort();
      await Promise.allSettled(all);
      return { open, dropped };
    },
  };
}

/** `count` requests at once, each on a brand-new TCP connection; milliseconds to each first response. */
function newConnectionBurst(port: number, count: number): Promise<{ times: number[]; failed: number }> {
  const one = () =>
    new Promise<number | null>((resolve) => {
      const started = process.hrtime.bigint();
      const req = httpRequest({ host: '127.0.0.1', port, path: '/progress', headers: SUPERVISOR, agent: false }, (res) => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        res.resume();
        res.once('end', () => resolve(res.statusCode === 200 ? ms : null));
      });
      req.setTimeout(20_000, () => req.destroy());
      req.once('error', () => resolve(null));
      req.end();
    });
  return Promise.all(Array.from({ length: count }, one)).then((results) => ({ times: results.filter((t): t is number => t !== null), failed: results.filter((t) => t === null).length }));
}

const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? Number.NaN : (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number);
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { seconds: { type: 'string', default: '60' } } });
  const seconds = Number(values.seconds);
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-bench-load-'));
  const server = await startBenchServer(join(dir, 'events.db'), CASES, { BENCH_SEED_ASSIGNED: '1' });
  try {
    const url = `http://127.0.0.1:${server.commandPort}`;
    const cursor = new CaseCursor();

    console.log(`phase 1: ${seconds} s, 200 connections, 1,000 requests/s offered`);
    const sse = sseSubscribers(url, 20);
    const reads = readRequests().map((req) => run({ url, connections: 35, overallRate: 200, duration: seconds, requests: [req] }));
    const results = run({ url, connections: 30, overallRate: 150, duration: seconds, requests: [resultRequest(cursor)] });
    const reviews = run({
      url,
      connections: 10,
      overallRate: 50,
      duration: seconds,
      requests: [
        {
          method: 'POST',
          setupRequest: (req) => {
            const index = cursor.review();
            // Nothing to review yet: read the progress instead, so the offered rate holds.
            if (index === null) return { ...req, method: 'GET', path: '/progress', headers: SUPERVISOR, body: undefined };
            return { ...req, path: `/inspections/bench-${index}/reviews`, body: JSON.stringify({ decision: 'approve' }), headers: { 'content-type': 'application/json', ...requestHeaders('reviewer'), 'idempotency-key': `load-review-${index}-${process.pid}` } };
          },
        },
      ],
    });
    await new Promise((resolve) => setTimeout(resolve, (seconds * 1000) / 2));
    const burst = await newConnectionBurst(server.commandPort, 100);
    const phase1 = await Promise.all([...reads, results, reviews]);
    const feeds = await sse.stop();
    const readResults = phase1.slice(0, 4);
    const errors = phase1.reduce((n, r) => n + failures(r), 0) + burst.failed;
    const readP50Ms = Math.max(...readResults.map((r) => r.latency.p50));
    const readP99Ms = Math.max(...readResults.map((r) => r.latency.p99));
    const newConnP99Ms = Math.round(percentile(burst.times, 99));
    for (const [i, r] of readResults.entries()) console.log(`  ${readRequests()[i]!.path ?? '/inspections/:id'}: ${r.requests.average}/s, p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, ${failures(r)} failed`);
    console.log(`  results ${phase1[4]!.requests.average}/s (p99 ${phase1[4]!.latency.p99} ms), reviews ${phase1[5]!.requests.average}/s; errors ${errors}`);
    console.log(`  100 new connections mid-run: p50 ${Math.round(percentile(burst.times, 50))} ms, p99 ${newConnP99Ms} ms, ${burst.failed} failed; SSE ${feeds.open} open, ${feeds.dropped} dropped`);

    console.log('phase 2: throughput');
    const readsMax = await run({ url, connections: 200, duration: Math.max(5, Math.round(seconds / 4)), requests: readRequests() });
    const commandsMax = await run({ url, connections: 64, duration: Math.max(5, Math.round(seconds / 6)), requests: [resultRequest(cursor)] });
    console.log(`  reads ${readsMax.requests.average}/s (${failures(readsMax)} failed), results ${commandsMax.requests.average}/s (${failures(commandsMax)} failed)`);

    console.log('phase 3: bare NestJS endpoint');
    const bare = await run({ url: `http://127.0.0.1:${server.barePort}/bare`, method: 'POST', headers: { 'content-type': 'application/json', ...SUPERVISOR }, body: JSON.stringify({ inspectorIds: ['a', 'b'] }), connections: 200, duration: Math.max(5, Math.round(seconds / 6)) });
    console.log(`  bare ${bare.requests.average}/s; reads ${(readsMax.requests.average / bare.requests.average).toFixed(2)} × bare (target ≥ 0.6), commands ${(commandsMax.requests.average / bare.requests.average).toFixed(2)} × bare (target ≥ 0.7)`);

    console.log(
      JSON.stringify({
        connections: 200,
        offeredRate: 1000,
        readP50Ms,
        readP99Ms,
        newConnP99Ms,
        sseClients: feeds.open,
        sseDropped: feeds.dropped,
        errors,
        readsPerSec: readsMax.requests.average,
        commandsPerSec: commandsMax.requests.average,
        bareNestPerSec: bare.requests.average,
      }),
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
