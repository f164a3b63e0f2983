import type { INestApplication } from '@nestjs/common';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../apps/server/src/app.factory';
import { loadSettings, SETTING, type EvidenceSettings, type HttpSettings } from '@shuangsui/application';
import { appendGivenCase } from '@shuangsui/application/testing/given-case';
import { EVENT_STORE } from '../../apps/server/src/common/tokens';
import type { EventStore } from '@shuangsui/event-store';
import type { StoredInspectionEvent } from '@shuangsui/domain';
import { createTestAccounts, signInAll, TEST_AUTH_ENV, TEST_AUTH_OPTIONS, type AuthHeaders } from './test-accounts';

/** A real server on a real SQLite file, listening on an ephemeral port. */
export interface TestServer {
  readonly baseUrl: string;
  readonly app: INestApplication;
  readonly store: EventStore;
  readonly dataDir: string;
  /** Bearer headers of this server's test accounts (test-accounts.ts), one per role. */
  readonly as: AuthHeaders;
  close(): Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'shuangsui-e2e-'));
}

/**
 * `automatedReferral` is off unless asked for, so tests that open referrals by hand do not race the
 * process manager. `http` overrides limits and timeouts; logs are silent.
 */
export async function startServer(
  dataDir: string = tempDataDir(),
  clock?: () => Date,
  automatedReferral = false,
  http: Partial<HttpSettings> = {},
  evidence: Partial<EvidenceSettings> = {},
  env: Record<string, string> = {},
): Promise<TestServer> {
  // Settings from this data dir alone, not the developer's environment: the read store and the draw
  // secrets land beside the event store, as they do for a server started on that file.
  const loaded = loadSettings({ [SETTING.eventStore]: `sqlite:${join(dataDir, 'events.db')}`, [SETTING.logLevel]: 'silent', ...TEST_AUTH_ENV, ...env });
  const settings = { ...loaded, http: { ...loaded.http, ...http }, evidence: { ...loaded.evidence, ...evidence } };
  const app = await createApp({ settings, automatedReferral, clock, auth: TEST_AUTH_OPTIONS });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  await createTestAccounts(app);
  const headers = await signInAll(baseUrl);
  Object.assign(as, headers);
  return { baseUrl, app, store: app.get<EventStore>(EVENT_STORE), dataDir, as: headers, close: () => app.close() };
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes "given" events of a case straight into the store, sealed like the server seals them. */
export async function givenCase(store: EventStore, caseId: string, events: readonly StoredInspectionEvent[]): Promise<void> {
  await appendGivenCase(store, caseId, events);
}

/**
 * Bearer headers per role of the most recently started test server (its `as`), for specs that run
 * one server at a time. Servers on one data directory share accounts, key and sessions.
 */
export const as: AuthHeaders = {} as AuthHeaders;

export interface HttpResult<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export async function post<T = any>(server: TestServer, path: string, body: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T, headers: response.headers };
}

/** A GET, by default as a supervisor (who reads everything); pass `{}` to ask without signing in. */
export async function get<T = any>(server: TestServer, path: string, headers: Record<string, string> = server.as.supervisor): Promise<HttpResult<T>> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
}

/** After the test moves the server's clock past the sessions' lifetime: every test account signs in again. */
export async function signInAgain(server: TestServer): Promise<void> {
  const headers = await signInAll(server.baseUrl);
  Object.assign(as, headers);
  Object.assign(server.as, headers);
}

/**
 * Read models are eventually consistent: waits until every projection has applied every event the
 * store holds now (lag 0 on GET /admin/projections), failing loudly after `timeoutMs`.
 */
export async function waitForProjections(server: TestServer, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    const { body } = await get<{ projections: { name: string; lag: number; state: string }[] }>(server, '/admin/projections');
    last = body;
    if (body.projections.some((p) => p.state === 'failed')) throw new Error(`a projection failed: ${JSON.stringify(body)}`);
    if (body.projections.every((p) => p.lag === 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`projections did not catch up within ${timeoutMs} ms: ${JSON.stringify(last)}`);
}
