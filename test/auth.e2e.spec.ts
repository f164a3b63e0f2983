import { loadSettings, SETTING, TEST_ARGON2 } from '@shuangsui/application';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { join } from 'node:path';
import { createApp } from '../apps/server/src/app.factory';
import { get, givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';
import { signIn, TEST_PASSWORD } from './support/test-accounts';

/** Sign-in, sessions, cookie + CSRF, throttling, the first administrator, and case-level rules. */
jest.setTimeout(120_000);

const login = (server: TestServer, username: string, password: string) => post(server, '/auth/login', { username, password });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('identity and access over HTTP', () => {
  let dataDir: string;
  let server: TestServer;
  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('POST /auth/login answers a short-lived token and sets an httpOnly SameSite=Strict cookie', async () => {
    const response = await login(server, 'planner-1', TEST_PASSWORD);
    expect(response).toMatchObject({ status: 200, body: { accessToken: expect.any(String), expiresAt: expect.any(String), csrfToken: expect.any(String), roles: ['planner'] } });
    const minutes = (Date.parse(response.body.expiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const cookies = response.headers.getSetCookie();
    expect(cookies.find((c) => c.startsWith('shuangsui_session='))).toMatch(/HttpOnly/);
    expect(cookies.find((c) => c.startsWith('shuangsui_session='))).toMatch(/SameSite=Strict/);
    expect((await get(server, '/auth/me', bearer(response.body.accessToken))).body).toMatchObject({ username: 'planner-1', roles: ['planner'] });
  });

  it('a wrong password and an unknown user read alike; repeated failures are throttled per account', async () => {
    const wrong = await login(server, 'auditor-1', 'not-the-password');
    const unknown = await login(server, 'nobody-at-all', 'not-the-password');
    expect(wrong).toMatchObject({ status: 401, body: { error: 'InvalidCredentials' } });
    expect(unknown.body).toEqual(wrong.body);
    for (let i = 0; i < 4; i += 1) await login(server, 'auditor-1', 'not-the-password');
    const throttled = await login(server, 'auditor-1', TEST_PASSWORD);
    expect(throttled).toMatchObject({ status: 429, body: { error: 'TooManyLoginAttempts' } });
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('logout ends the session at once, for its token and its cookie', async () => {
    const response = await login(server, 'supervisor-1', TEST_PASSWORD);
    const token = response.body.accessToken as string;
    expect((await get(server, '/progress', bearer(token))).status).toBe(200);
    expect((await post(server, '/auth/logout', {}, bearer(token))).status).toBe(200);
    expect((await get(server, '/progress', bearer(token))).status).toBe(401);
  });

  it('the session cookie reads; an unsafe request with it needs the CSRF token; a Bearer request does not', async () => {
    const response = await login(server, 'planner-1', TEST_PASSWORD);
    const cookie = response.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    expect((await get(server, '/plans/nope', { cookie })).status).toBe(404);
    const body = { planId: 'csrf-2026', year: 2026, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' };
    expect(await post(server, '/plans', body, { cookie })).toMatchObject({ status: 403, body: { error: 'CsrfTokenInvalid' } });
    expect((await post(server, '/plans', body, { cookie, 'X-CSRF-Token': response.body.csrfToken })).status).toBe(201);
    // A cookie is not a Bearer token, and a Bearer token is not a cookie.
    expect((await get(server, '/plans/csrf-2026', bearer(cookie.split('=')[1]!.split(';')[0]!))).status).toBe(401);
  });

  it('disabling an account and revoking a role take effect on the next request', async () => {
    const admin = server.as.admin;
    await post(server, '/accounts', { username: 'temp-planner', roles: ['planner', 'supervisor'], password: 'initial-password-01' }, admin);
    const first = await login(server, 'temp-planner', 'initial-password-01');
    expect(first.body.mustChangePassword).toBe(true);
    expect(await get(server, '/progress', bearer(first.body.accessToken))).toMatchObject({ status: 403, body: { error: 'PasswordChangeRequired' } });
    expect((await post(server, '/auth/password', { currentPassword: 'initial-password-01', newPassword: 'my-own-password-01' }, bearer(first.body.accessToken))).status).toBe(200);
    const token = first.body.accessToken as string;
    expect((await get(server, '/progress', bearer(token))).status).toBe(200);
    await fetch(`${server.baseUrl}/accounts/temp-planner/roles/supervisor`, { method: 'DELETE', headers: admin });
    await fetch(`${server.baseUrl}/accounts/temp-planner/roles/planner`, { method: 'DELETE', headers: admin });
    expect((await get(server, '/progress', bearer(token))).status).toBe(403);
    await post(server, '/accounts/temp-planner/disable', { reason: '调离' }, admin);
    expect((await get(server, '/auth/me', bearer(token))).status).toBe(401);
    expect((await login(server, 'temp-planner', 'my-own-password-01')).status).toBe(401);
  });

  it('GET /accounts lists the accounts for admins: roles and status now, never a hash or a session', async () => {
    const admin = server.as.admin;
    await post(server, '/accounts', { username: 'list-inspector', displayName: '列表检查员', roles: ['inspector'], password: 'initial-password-02' }, admin);
    await login(server, 'list-inspector', 'initial-password-02');
    await post(server, '/accounts/list-inspector/roles', { role: 'reviewer' }, admin);
    // No wait here: the list itself waits for the events already written (read-your-writes).
    const page = await get(server, '/accounts?q=列表', admin);
    expect(page).toMatchObject({ status: 200, body: { total: 1 } });
    expect(page.body.accounts).toEqual([
      { username: 'list-inspector', displayName: '列表检查员', roles: ['inspector', 'reviewer'], disabled: false, mustChangePassword: true, createdAt: expect.any(String), lastSignInAt: expect.any(String) },
    ]);
    expect(JSON.stringify((await get(server, '/accounts?limit=1000', admin)).body)).not.toMatch(/argon2|session/i);
    const all = await get(server, '/accounts?limit=2&offset=1', admin);
    expect(all.body.accounts.map((a: { username: string }) => a.username)).toEqual([...all.body.accounts.map((a: { username: string }) => a.username)].sort());
    expect(all.body.accounts).toHaveLength(2);
    expect(await get(server, '/accounts?limit=0', admin)).toMatchObject({ status: 400, body: { violations: [{ field: 'limit' }] } });
    expect((await get(server, '/accounts', server.as.auditor)).status).toBe(403);
  });

  it('an administrator cannot disable their own account or drop their own admin role (409), and nothing is written', async () => {
    const admin = server.as.admin;
    const before = (await get(server, '/accounts/admin', admin)).body.revision;
    expect(await post(server, '/accounts/admin/disable', { reason: '误操作' }, admin)).toMatchObject({ status: 409, body: { error: 'OwnAdminAccess', username: 'admin' } });
    const revoke = await fetch(`${server.baseUrl}/accounts/admin/roles/admin`, { method: 'DELETE', headers: admin });
    expect(revoke.status).toBe(409);
    expect(await get(server, '/accounts/admin', admin)).toMatchObject({ status: 200, body: { disabled: false, roles: ['admin'], revision: before } });
  });

  it('a reviewer cannot review a case they inspected; the reviewer in the event is the signed-in one', async () => {
    await givenCase(server.store, 'own-1', history.inspected(undefined, 'own-1'));
    await post(server, '/accounts/insp-a/roles', { role: 'reviewer' }, server.as.admin);
    const both = await signIn(server.baseUrl, 'insp-a');
    const own = await post(server, '/inspections/own-1/reviews', { decision: 'approve' }, both);
    expect(own).toMatchObject({ status: 400, body: { violations: [{ rule: 'notOwnInspector' }] } });
    expect((await post(server, '/inspections/own-1/reviews', { decision: 'approve', reviewerId: 'rev-1' }, server.as.reviewer)).status).toBe(400);
    const approved = await post(server, '/inspections/own-1/reviews', { decision: 'approve' }, server.as.reviewer);
    expect(approved.status).toBe(200);
    const historyEntries = (await get(server, '/inspections/own-1/history')).body as { type: string; data: { reviewerId?: string }; metadata: { actor: unknown } }[];
    expect(historyEntries.at(-1)).toMatchObject({ data: { reviewerId: 'rev-1' }, metadata: { actor: { id: 'rev-1', role: 'reviewer' } } });
  });

  it('personal data (directory exports) is for planners, supervisors and auditors only', async () => {
    for (const role of ['inspector', 'reviewer', 'admin'] as const) expect((await get(server, '/directories/units/export?format=csv', server.as[role])).status).toBe(403);
    expect((await fetch(`${server.baseUrl}/directories/units/export?format=csv`, { headers: server.as.auditor })).status).toBe(200);
  });

  it('GET /audit lists commands by actor, time, case and outcome, for auditors', async () => {
    const page = await get(server, '/audit?actorId=rev-1', server.as.auditor);
    expect(page.status).toBe(200);
    expect(page.body.entries).toEqual(expect.arrayContaining([expect.objectContaining({ actor: { id: 'rev-1', role: 'reviewer' }, command: 'review', caseId: 'own-1', outcome: ['InspectionResultApproved.v1'] })]));
    expect((await get(server, '/audit', server.as.supervisor)).status).toBe(403);
  });
});

describe('the first administrator', () => {
  it('without SHUANGSUI_ADMIN_PASSWORD gets a one-time password, shown once, that must be changed', async () => {
    const dataDir = tempDataDir();
    const shown: string[] = [];
    // No SHUANGSUI_ADMIN_PASSWORD in this environment.
    const settings = loadSettings({ [SETTING.eventStore]: `sqlite:${join(dataDir, 'events.db')}`, [SETTING.logLevel]: 'silent' });
    const start = async () => {
      const app = await createApp({ settings, auth: { hashing: TEST_ARGON2, announce: (m) => shown.push(m) } });
      await app.listen(0, '127.0.0.1');
      return app;
    };
    const app = await start();
    try {
      expect(shown).toHaveLength(1);
      const password = /一次性口令：(\S+?)（/.exec(shown[0]!)![1]!;
      const server = { baseUrl: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` } as TestServer;
      const signedIn = await login(server, 'admin', password);
      expect(signedIn.body.mustChangePassword).toBe(true);
      expect((await post(server, '/accounts', { username: 'x', roles: ['planner'], password: 'initial-password-01' }, bearer(signedIn.body.accessToken))).status).toBe(403);
      expect((await post(server, '/auth/password', { currentPassword: password, newPassword: 'admin-chosen-password' }, bearer(signedIn.body.accessToken))).status).toBe(200);
      expect((await post(server, '/accounts', { username: 'x', roles: ['planner'], password: 'initial-password-01' }, bearer(signedIn.body.accessToken))).status).toBe(201);
    } finally {
      await app.close();
    }
    await (await start()).close();
    expect(shown).toHaveLength(1);
    removeDir(dataDir);
  });
});
