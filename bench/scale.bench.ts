/**
 * npm run bench:scale [-- --small 10000 --large 1000000 --reps 5]
 *
 * Does an operation get slower as the event log grows? Four operations through the real HTTP API, on
 * a real SQLite file, on a store of --small events and on one of --large: GET /plans/:id,
 * setting a month's quota (POST /plans/:id/quotas), importing a 100-row directory change (POST
 * /directories/units/import) and recording one inspection result (POST /inspections/:id/results).
 * The target: each at --large takes at most 1.5 × its time at --small.
 *
 * Each store holds the same fixture (bench/scale-fixture.ts: directory, cases, and a plan adopted over
 * HTTP before the first round) and is filled up
 * to its size with the replay benchmark's generated history (bench/replay-history.ts). A child
 * process generates it, rebuilds the read models over it (as `replay --swap` would) and flushes both
 * files to disk, so each server starts on a store at rest with its read side caught up. Each store
 * gets a server in a child process of its own (bench/http/bench-server.ts), both up at once; requests
 * go one at a time, alternating between the two (an operation on the small store, then on the large
 * one), each sent once that server's read side has applied everything before it. Every round works on
 * its own quota month, 100 rows and case; round 0 is a warm-up and not counted; each operation's
 * figure is the median of the --reps rounds after it.
 *
 * Prints every timing, and as its LAST line one JSON object:
 * {"smallEvents":…,"largeEvents":…,"operations":{"getPlan":{"smallMs":…,"largeMs":…},…},"worstRatio":…}
 * BENCH_SERVER_NODE_OPTIONS="--cpu-prof" profiles both servers (one profile each).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, fsyncSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { REFERRAL_MANAGER_CHECKPOINT } from '@shuangsui/application';
import { chinaDate } from '@shuangsui/domain';
import { SqliteEventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, findHeadPosition, READ_STORE_SETTING, ReadModelRebuild, SqliteReadStore } from '@shuangsui/projections';
import { requestHeaders } from './http/request-headers';
import { startBenchServer, type RunningBenchServer } from './http/start-bench-server';
import { generateHistory } from './replay-history';
import { adoptPlanBody, inspectorOfCase, MAX_ROUNDS, QUOTA, ROWS_PER_IMPORT, scaleFixture, unitChangeFile, writeFixture, type ScaleFixture } from './scale-fixture';

const OPERATIONS = ['getPlan', 'setQuota', 'importUnits', 'recordResult'] as const;
type Operation = (typeof OPERATIONS)[number];

/** What the generating child leaves beside the store for the measuring parent. */
interface StoreSummary {
  readonly events: number;
  readonly fixture: ScaleFixture;
}

/** A live counter on a terminal; nothing in a log, where carriage returns would pile up. */
const progress = (text: string): void => {
  if (process.stdout.isTTY) process.stdout.write(`\r${text}`);
};

const positiveInteger = (name: string, value: string | undefined): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
};

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      small: { type: 'string', default: '10000' },
      large: { type: 'string', default: '1000000' },
      reps: { type: 'string', default: '5' },
      'generate-into': { type: 'string' },
      events: { type: 'string' },
      year: { type: 'string' },
    },
  });
  const reps = positiveInteger('reps', values.reps);
  if (reps + 1 > MAX_ROUNDS) throw new Error(`--reps must be at most ${MAX_ROUNDS - 1} (one plan year's months, a warm-up round included)`);
  const into = values['generate-into'];
  if (into !== undefined) return generate(into, positiveInteger('events', values.events), scaleFixture(reps + 1, positiveInteger('year', values.year)));

  const small = positiveInteger('small', values.small);
  const large = positiveInteger('large', values.large);
  // The year after next: every month of the plan is ahead, every quota on time (see scale-fixture.ts).
  const year = Number(chinaDate(new Date()).slice(0, 4)) + 2;
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-scale-bench-'));
  const servers: RunningBenchServer[] = [];
  try {
    const stores = [prepareStore(join(dir, 'small'), small, reps, year), prepareStore(join(dir, 'large'), large, reps, year)];
    for (const store of stores) servers.push(await startBenchServer(store.path, 0, store.env));
    const clients = stores.map((store, i) => new ScaleClient(`http://127.0.0.1:${servers[i]!.commandPort}`, store.summary.fixture));
    for (const client of clients) await client.adoptPlan();
    // The generated events and the plan just adopted.
    const events = stores.map((store) => store.summary.events + 1);
    const ms = stores.map(() => ({ getPlan: [], setQuota: [], importUnits: [], recordResult: [] }) as Record<Operation, number[]>);
    for (let round = 0; round <= reps; round += 1) {
      // Small, large, small, large: the shared machine's load drifts over minutes, and both sizes
      // then see the same drift instead of one size seeing a quiet minute and the other a busy one.
      const times = stores.map(() => ({}) as Record<Operation, number>);
      for (const op of OPERATIONS) for (const [i, client] of clients.entries()) times[i]![op] = await client.run(op, round);
      for (const [i, count] of events.entries()) {
        const label = round === 0 ? 'warm-up' : `round ${round}`;
        console.log(`${String(count).padStart(8)} events, ${label.padEnd(8)} ${OPERATIONS.map((op) => `${op} ${times[i]![op].toFixed(1)} ms`).join(', ')}`);
        if (round > 0) for (const op of OPERATIONS) ms[i]![op].push(times[i]![op]);
      }
    }

    const operations = Object.fromEntries(OPERATIONS.map((op) => [op, { smallMs: roundTo(median(ms[0]![op]), 1), largeMs: roundTo(median(ms[1]![op]), 1) }])) as Record<
      Operation,
      { smallMs: number; largeMs: number }
    >;
    const ratios = OPERATIONS.map((op) => operations[op].largeMs / operations[op].smallMs);
    for (const [i, op] of OPERATIONS.entries()) {
      console.log(`${op.padEnd(12)} median ${operations[op].smallMs} ms → ${operations[op].largeMs} ms  (× ${ratios[i]!.toFixed(2)})`);
    }
    console.log(JSON.stringify({ smallEvents: events[0], largeEvents: events[1], operations, worstRatio: roundTo(Math.max(...ratios), 2) }));
  } finally {
    for (const server of servers) await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface PreparedStore {
  readonly path: string;
  /** The server's environment: this store's calendar, secrets and read models. */
  readonly env: NodeJS.ProcessEnv;
  readonly summary: StoreSummary;
}

/** Generates a store of `events` events in `dir` in a child process (see generate). */
function prepareStore(dir: string, events: number, reps: number, year: number): PreparedStore {
  const path = join(dir, 'events.db');
  // The packaged holiday calendar ends with the announced years; the plan's year gets a made-up
  // one (weekends only), the way an operator adds data/calendar/<year>.json.
  const calendarDir = join(dir, 'calendar');
  mkdirSync(calendarDir, { recursive: true });
  writeFileSync(join(calendarDir, `${year}.json`), JSON.stringify({ year, holidays: [], adjustedWorkingDays: [] }));
  const env = { ...process.env, SHUANGSUI_CALENDAR_DIR: calendarDir, SHUANGSUI_SECRETS_DIR: join(dir, 'secrets'), [READ_STORE_SETTING]: `sqlite:${join(dir, 'read-models.db')}` };
  const runner = join(__dirname, '..', '..', 'scripts', 'run.js');
  const args = [runner, __filename, '--generate-into', path, '--events', String(events), '--reps', String(reps), '--year', String(year)];
  const child = spawnSync(process.execPath, args, { stdio: 'inherit', env });
  if (child.status !== 0) throw new Error(`generating the store failed (exit ${child.status ?? child.signal})`);
  return { path, env, summary: JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as StoreSummary };
}

/** The four operations over HTTP, each timed from sending the request to the last byte of the answer. */
class ScaleClient {
  constructor(
    private readonly base: string,
    private readonly fixture: ScaleFixture,
  ) {}

  /** The plan every round's operations work on, adopted through the API before the warm-up (not timed). */
  async adoptPlan(): Promise<void> {
    const { planId } = this.fixture;
    const body = JSON.stringify(adoptPlanBody(this.fixture));
    const headers = { ...requestHeaders('planner'), 'content-type': 'application/json' };
    await this.timed('/plans', { method: 'POST', headers, body }, (answer: { plan?: { planId?: string } }) => answer.plan?.planId === planId);
  }

  run(op: Operation, round: number): Promise<number> {
    const { planId } = this.fixture;
    switch (op) {
      case 'getPlan':
        return this.timed(`/plans/${planId}`, { headers: requestHeaders('planner') }, (body: { plan?: { planId?: string } }) => body.plan?.planId === planId);
      case 'setQuota': {
        const month = this.fixture.quotaMonths[round]!;
        return this.timed(
          `/plans/${planId}/quotas`,
          { method: 'POST', headers: { ...requestHeaders('planner'), 'content-type': 'application/json' }, body: JSON.stringify({ month, quota: QUOTA }) },
          (body: { month?: string; eligibleUnits?: number }) => body.month === month && (body.eligibleUnits ?? 0) >= QUOTA,
        );
      }
      case 'importUnits':
        return unitChangeFile(round).then((file) =>
          this.timed(
            '/directories/units/import',
            () => {
              const form = new FormData();
              form.append('file', new Blob([file], { type: 'text/csv' }), `units-change-${round}.csv`);
              return { method: 'POST', headers: requestHeaders('planner'), body: form };
            },
            (body: { updated?: number }) => body.updated === ROWS_PER_IMPORT,
          ),
        );
      case 'recordResult':
        return this.timed(
          `/inspections/${this.fixture.caseIds[round]!}/results`,
          { method: 'POST', headers: { ...requestHeaders('inspector', inspectorOfCase(round)), 'content-type': 'application/json' }, body: JSON.stringify(noProblemResult()) },
          (body: { events?: readonly { type: string }[] }) => body.events?.some((event) => event.type.startsWith('InspectionResultRecorded')) === true,
        );
    }
  }

  /**
   * One request, timed; refused (the benchmark stops) unless it succeeded and its answer shows the
   * work was done. Sent once the read side is idle, so no projection of the previous write competes.
   */
  private async timed<B>(path: string, init: RequestInit | (() => RequestInit), done: (body: B) => boolean): Promise<number> {
    await this.readSideIdle();
    const request = typeof init === 'function' ? init() : init;
    const started = performance.now();
    const response = await fetch(`${this.base}${path}`, request);
    const text = await response.text();
    const ms = performance.now() - started;
    if (!response.ok || !done(JSON.parse(text) as B)) throw new Error(`${request.method ?? 'GET'} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return ms;
  }

  private async readSideIdle(timeoutMs = 600_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await fetch(`${this.base}/admin/projections`, { headers: requestHeaders('supervisor') });
      const status = (await response.json()) as { projections: { lag: number; head: number; state: string }[]; processManagers: { position: number; state: string }[] };
      // A failed or stopped read side would be quiet but broken: stop rather than time a server in that state.
      const broken = [...status.projections, ...status.processManagers].filter((p) => p.state !== 'running');
      if (broken.length > 0) throw new Error(`the read side is not running: ${JSON.stringify(broken)}`);
      const head = Math.max(0, ...status.projections.map((p) => p.head));
      if (status.projections.every((p) => p.lag <= 0) && status.processManagers.every((m) => m.position >= head)) return;
      if (Date.now() > deadline) throw new Error(`the read side did not catch up within ${timeoutMs} ms: ${JSON.stringify(status)}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

/** A visit today (its case is this month's) with all seven checklist items compliant and no hazard. */
function noProblemResult(): unknown {
  return {
    visitDate: chinaDate(new Date()),
    category: 'no_problem',
    items: [1, 2, 3, 4, 5, 6, 7].map((item) => ({ item, outcome: 'compliant' })),
    hazards: [],
  };
}

/**
 * The process managers' checkpoints (`process:<name>`), set at the head as on a server that has been
 * running: none of them re-reads the history at start-up while the rounds are timed. A name no
 * manager uses is a harmless row.
 */
const PROCESS_MANAGER_CHECKPOINTS = [REFERRAL_MANAGER_CHECKPOINT, 'process:draw-follow-up', 'process:unit-closure'];

/**
 * The child's part: the fixture, then generated history up to `target` events, then every read model
 * rebuilt over it and the process managers' checkpoints at the head, all closed and on disk.
 */
async function generate(path: string, target: number, fixture: ScaleFixture): Promise<void> {
  const dir = join(path, '..');
  const started = performance.now();
  const store = await SqliteEventStore.open({ path, synchronous: 'NORMAL' });
  const fixtureEvents = await writeFixture(store, fixture);
  const history = await generateHistory(store, { events: Math.max(0, target - fixtureEvents), onProgress: (n) => progress(`generating: ${fixtureEvents + n} events`) });
  const events = fixtureEvents + history;
  const generated = performance.now();

  const readModelsPath = join(dir, 'read-models.db');
  const readStore = SqliteReadStore.open({ path: readModelsPath });
  const rebuild = await ReadModelRebuild.begin(store, readStore, ALL_PROJECTIONS);
  await rebuild.advance(undefined, (_position, applied) => progress(`read models: ${applied} events`));
  await rebuild.finish();
  await rebuild.activate();
  const head = await findHeadPosition(store);
  for (const checkpoint of PROCESS_MANAGER_CHECKPOINTS) await readStore.saveCheckpoint(checkpoint, head);
  await readStore.close();
  await store.close();
  for (const file of [path, readModelsPath]) {
    const fd = openSync(file, 'r+');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }
  writeFileSync(join(dir, 'summary.json'), JSON.stringify({ events, fixture } satisfies StoreSummary));
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(`\rstore of ${events} events (${fixtureEvents} fixture) generated in ${seconds(generated - started)} s, read models rebuilt in ${seconds(performance.now() - generated)} s`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const roundTo = (n: number, digits: number): number => Math.round(n * 10 ** digits) / 10 ** digits;

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
