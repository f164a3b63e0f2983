/**
 * `npm run test:crash [-- --crashes 20 --cases 5000 --store sqlite|postgres --power-loss]` (issue 15): the real
 * server in a child process on a durable store, signed-in inspectors and reviewers sending commands with
 * Idempotency-Keys over 16 connections, and `kill -9` at random moments, restarting each time and
 * retrying half the requests the crash cut off with their keys. Then, with the server stopped: every
 * acknowledged command is in the store exactly once, every hash chain and every signed tree head holds,
 * a `replay` — after one that is itself killed half-way — equals the live read models, and every
 * approval with hazards has exactly one referral; and a draw killed the moment it is acknowledged (its
 * cases still being created) ends with every case it listed, once. Last line: {"store","crashes","acknowledged","lost",
 * "duplicated","chainValid","readModelsMatch",…}. Exit 1 if any of it fails.
 *
 * What `kill -9` covers and what it does not: docs/operations.md, "Crash safety".
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AUTH_SETTING, verifyChain, verifyTree } from '@shuangsui/application';
import { CHECKLIST_ITEM_NUMBERS, INSPECTION_EVENT_TYPES as T, inspectionStreamId } from '@shuangsui/domain';
import { drawnData } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { createEventStore, sealEvents, type EventStore, type Json, type RecordedEvent } from '@shuangsui/event-store';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { BENCH_AUTH_SECRET, benchToken, ensureBenchAccounts } from '../bench/http/bench-accounts';
import { casesOfDraw, drawCaseProblems, drawThenCrash } from './crash-draw';
import { PowerLoss } from './power-loss/power-loss';

const ROOT = join(__dirname, '..', '..');
const RUN = join(ROOT, 'scripts', 'run.js');
const INSPECTORS = Array.from({ length: 8 }, (_, i) => `insp-${String(i + 1).padStart(2, '0')}`);
const CONNECTIONS = 16;

interface Task {
  readonly caseId: string;
  readonly step: 'result' | 'review';
  readonly key: string;
}

const pairOf = (index: number): [string, string] => [INSPECTORS[index % 8] as string, INSPECTORS[(index + 1) % 8] as string];
const withHazard = (caseId: string): boolean => Number(caseId.split('-')[1]) % 3 === 0;

function bodyOf(task: Task): unknown {
  if (task.step === 'review') return { decision: 'approve' };
  if (!withHazard(task.caseId)) return { visitDate: '2026-03-10', category: 'no_problem', items: CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: 'compliant' })), hazards: [] };
  return {
    visitDate: '2026-03-10',
    category: 'pending_follow_up',
    items: CHECKLIST_ITEM_NUMBERS.map((item) => (item === 5 ? { item, outcome: 'non_compliant', note: '安全出口被货物堵塞' } : { item, outcome: 'compliant' })),
    hazards: [{ id: 'h1', item: 5, description: '二层东侧安全出口被货物堵塞', severity: 'ordinary', correctedOnSite: false }],
  };
}

/** Drawn and assigned cases, written as the draw follow-up would, so the load has work from the first second. */
async function seed(store: EventStore, cases: number): Promise<void> {
  await ensureBenchAccounts(store);
  for (let i = 0; i < cases; i += 1) {
    const caseId = `crash-${i}`;
    const streamId = inspectionStreamId(caseId);
    const metadata = { occurredAt: new Date().toISOString(), actor: { id: 'draw-follow-up', role: 'system' }, correlationId: 'crash-seed', causationId: null };
    const events = sealEvents(streamId, null, [
      { id: randomUUID(), type: T.InspectionDrawn, data: drawnData(caseId) as unknown as Json, metadata },
      { id: randomUUID(), type: T.InspectorsAssigned, data: { inspectorIds: pairOf(i), drawId: 'draw-2026-03' }, metadata },
    ]);
    await store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

class ServerProcess {
  private child: ChildProcess | null = null;
  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly baseUrl: string,
    private readonly beforeStart: () => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    this.beforeStart();
    this.child = spawn(process.execPath, [RUN, join(ROOT, 'dist', 'apps', 'server', 'src', 'main.js')], { env: { ...process.env, ...this.env }, stdio: ['ignore', 'ignore', 'inherit'] });
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`the server exited with ${this.child.exitCode} at start`);
      const ok = await fetch(`${this.baseUrl}/health`).then((r) => r.ok).catch(() => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error('the server did not answer /health within 60 s');
  }

  async kill(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function send(baseUrl: string, task: Task): Promise<number> {
  const actor = task.step === 'result' ? pairOf(Number(task.caseId.split('-')[1]))[0] : 'bench-reviewer';
  const path = `/inspections/${task.caseId}/${task.step === 'result' ? 'results' : 'reviews'}`;
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${benchToken(actor)}`, 'idempotency-key': task.key },
    body: JSON.stringify(bodyOf(task)),
  });
  await response.arrayBuffer();
  return response.status;
}

/** Runs the CLI as an operator would; resolves with its exit code (or the signal that ended it). */
function cli(storeUrl: string, args: readonly string[], killAfterMs?: number): Promise<number | string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [RUN, join(ROOT, 'dist', 'apps', 'cli', 'src', 'main.js'), '--store', storeUrl, ...args], { stdio: 'ignore' });
    if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { crashes: { type: 'string', default: '20' }, cases: { type: 'string' }, store: { type: 'string', default: 'sqlite' }, 'power-loss': { type: 'boolean', default: false } } });
  const crashes = Number(values.crashes);
  // Enough work that every crash lands under load (about 300 commands a second here): 250 cases a crash.
  const cases = Number(values.cases ?? crashes * 250);
  if (values.store !== 'sqlite' && values.store !== 'postgres') throw new Error('--store sqlite|postgres');
  // PostgreSQL's files are the database server's, outside this process: the shim cannot reach them.
  if (values['power-loss'] && values.store !== 'sqlite') throw new Error('--power-loss needs --store sqlite');
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-crash-'));
  const schema = values.store === 'postgres' ? uniqueTestSchema('crash') : null;
  const storeUrl = schema ? `${TEST_DATABASE_URL}?schema=${schema}` : `sqlite:${join(dir, 'events.db')}`;
  const readStoreUrl = `sqlite:${join(dir, 'read-models.db')}`;
  let started: ServerProcess | null = null;
  try {
    const store = await createEventStore(storeUrl);
    await seed(store, cases);
    await store.close();
    const powerLoss = values['power-loss'] ? new PowerLoss(dir, join(ROOT, 'scripts', 'power-loss', 'keep-synced.c')) : null;
    let unsyncedBytesDropped = 0;
    const crashNow = async (): Promise<void> => {
      await server.kill('SIGKILL');
      if (powerLoss) unsyncedBytesDropped += powerLoss.losePower();
    };

    const port = await freePort();
    const server = new ServerProcess(
      {
        SHUANGSUI_EVENT_STORE: storeUrl,
        SHUANGSUI_READ_STORE: readStoreUrl,
        SHUANGSUI_SECRETS_DIR: join(dir, 'secrets'),
        SHUANGSUI_LOG_KEY_FILE: join(dir, 'transparency-key.pem'),
        SHUANGSUI_LOG_HEAD_INTERVAL_SECONDS: '1',
        SHUANGSUI_LOG_LEVEL: 'silent',
        [AUTH_SETTING.authSecret]: BENCH_AUTH_SECRET,
        [AUTH_SETTING.adminPassword]: 'crash-admin-password-0001',
        PORT: String(port),
        HOST: '127.0.0.1',
        ...powerLoss?.env,
      },
      `http://127.0.0.1:${port}`,
      () => powerLoss?.markAllSynced(),
    );
    started = server;
    await server.start();

    const queue: Task[] = Array.from({ length: cases }, (_, i) => ({ caseId: `crash-${i}`, step: 'result', key: `crash-${i}-result` }));
    const acknowledged = new Map<string, Task>();
    let cutOff: Task[] = [];
    const unexpected: string[] = [];
    let running = true;
    const next = (task: Task): void => {
      acknowledged.set(task.key, task);
      if (task.step === 'result') queue.push({ caseId: task.caseId, step: 'review', key: `${task.caseId}-review` });
    };
    const worker = async (): Promise<void> => {
      while (running) {
        const task = queue.shift();
        if (!task) return;
        try {
          const status = await send(server.baseUrl, task);
          if (status >= 200 && status < 300) next(task);
          else unexpected.push(`${task.key}: HTTP ${status}`);
        } catch {
          cutOff.push(task);
        }
      }
    };

    for (let crash = 1; crash <= crashes; crash += 1) {
      running = true;
      const workers = Array.from({ length: CONNECTIONS }, worker);
      await sleep(200 + Math.random() * 800);
      await crashNow();
      running = false;
      await Promise.all(workers);
      await server.start();
      // Half the cut-off requests are sent again with their keys; the other half are given up (their cases stop there).
      const retried = cutOff.filter((_, i) => i % 2 === 0);
      cutOff = [];
      for (const task of retried) {
        const status = await send(server.baseUrl, task).catch(() => 0);
        if (status >= 200 && status < 300) next(task);
        else unexpected.push(`${task.key} (retried): HTTP ${status}`);
      }
      process.stdout.write(`crash ${crash}/${crashes}: ${acknowledged.size} acknowledged, ${queue.length} commands still to send\n`);
    }
    // A crash in the middle of a draw's case creation: the follow-up finishes the month after the restart.
    const drawId = await drawThenCrash(server.baseUrl, crashNow);
    const atCrash = await createEventStore(storeUrl);
    const eventsAtCrash = await readEverything(atCrash);
    await atCrash.close();
    await server.start();
    const drawCases = await casesOfDraw(server.baseUrl, drawId);
    const drawCasesAtCrash = drawCases.length - drawCaseProblems(eventsAtCrash, drawCases).missing;
    process.stdout.write(`draw ${drawId}: ${drawCases.length} cases on record, ${drawCasesAtCrash} of them created when the server was killed\n`);
    running = true;
    await Promise.all(Array.from({ length: CONNECTIONS }, worker));
    // The power-loss shim copies a whole file at each fsync, which slows the server several times over.
    await caughtUp(server.baseUrl, powerLoss ? 300_000 : 60_000);
    await server.kill('SIGTERM');

    // A full rebuild killed half-way leaves the live read models as they were; the next replay compares equal.
    const killedReplay = await cli(storeUrl, ['--read-store', readStoreUrl, 'replay', '--swap'], 1200);
    const replay = await cli(storeUrl, ['--read-store', readStoreUrl, 'replay']);

    const check = await createEventStore(storeUrl);
    const events = await readEverything(check);
    const chain = await verifyChain(check);
    const tree = await verifyTree(check);
    await check.close();
    const { lost, duplicated } = countAcknowledged(events, acknowledged);
    const referralProblems = referralsOf(events, acknowledged);
    const draw = drawCaseProblems(events, drawCases);
    const figures = {
      store: values.store,
      crashes,
      powerLoss: powerLoss !== null,
      unsyncedBytesDropped,
      acknowledged: acknowledged.size,
      lost,
      duplicated,
      chainValid: chain.intact && tree.intact,
      readModelsMatch: replay === 0,
      killedReplay,
      referralProblems,
      drawCases: drawCases.length,
      drawCasesAtCrash,
      drawCasesMissing: draw.missing,
      drawCasesDuplicated: draw.duplicated,
      unexpectedResponses: unexpected.length,
      events: events.length,
    };
    for (const line of unexpected.slice(0, 5)) console.log(line);
    console.log(JSON.stringify(figures));
    const drawBroken = drawCases.length === 0 || draw.missing > 0 || draw.duplicated > 0;
    if (lost > 0 || duplicated > 0 || !figures.chainValid || !figures.readModelsMatch || referralProblems > 0 || drawBroken || unexpected.length > 0) process.exitCode = 1;
  } finally {
    // A failure part-way must not leave the server running.
    await started?.kill('SIGKILL').catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    if (schema) await dropSchema(schema);
  }
}

/** Waits until the projections and the process managers (referrals, tree) have applied the whole log. */
async function caughtUp(baseUrl: string, withinMs: number): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/admin/projections`, { headers: { authorization: `Bearer ${benchToken('bench-supervisor')}` } });
    const body = (await response.json()) as { projections: { lag: number }[]; processManagers: { position: number; state: string }[] };
    if (body.projections.every((p) => p.lag === 0)) {
      await sleep(1500); // the referral manager and the tree follow the same log; give them its last events, and the signer a head
      return;
    }
    await sleep(200);
  }
  throw new Error(`the read side did not catch up within ${withinMs / 1000} s`);
}

async function readEverything(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events[events.length - 1]?.position ?? 0, maxCount: 5_000 });
    if (page.length === 0) return events;
    events.push(...page);
  }
}

/** Per acknowledged key, the events its command wrote: exactly one result or approval each. */
function countAcknowledged(events: readonly RecordedEvent[], acknowledged: ReadonlyMap<string, Task>): { lost: number; duplicated: number } {
  const byKey = new Map<string, number>();
  for (const event of events) {
    if (event.type !== T.InspectionResultRecorded && event.type !== T.InspectionResultApproved) continue;
    const key = (event.metadata as { commandId?: string }).commandId;
    if (key) byKey.set(key, (byKey.get(key) ?? 0) + 1);
  }
  let lost = 0;
  let duplicated = 0;
  for (const key of acknowledged.keys()) {
    const count = byKey.get(key) ?? 0;
    if (count === 0) lost += 1;
    if (count > 1) duplicated += 1;
  }
  return { lost, duplicated };
}

/** Cases approved with a hazard that do not have exactly one referral. */
function referralsOf(events: readonly RecordedEvent[], acknowledged: ReadonlyMap<string, Task>): number {
  const opened = new Map<string, number>();
  for (const event of events) if (event.type === T.HazardReferralOpened) opened.set(event.streamId, (opened.get(event.streamId) ?? 0) + 1);
  let problems = 0;
  for (const task of acknowledged.values()) {
    if (task.step === 'review' && withHazard(task.caseId) && opened.get(inspectionStreamId(task.caseId)) !== 1) problems += 1;
  }
  return problems;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exit(1);
});
