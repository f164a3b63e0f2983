import { TokenSigner, type TokenClaims } from '@shuangsui/application';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { givenCase, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';
import { signIn, TEST_ACCOUNTS, type TestRole } from './support/test-accounts';

/**
 * Every endpoint × every role, from the OpenAPI document (whose `x-roles` the route decorators
 * write from COMMAND_ROLES and QUERY_ROLES): a role the route admits never gets 401/403 (it may get
 * 400/404/409 for the placeholder input), any other role gets 403; without a token, with an expired
 * token, a token signed with another key, or a disabled account's token, every non-public route is 401.
 */
jest.setTimeout(120_000);

const ROLES: readonly TestRole[] = ['admin', 'planner', 'inspector', 'reviewer', 'supervisor', 'auditor'];
const PARAMS: Record<string, string> = { id: 'matrix-1', planId: 'matrix-plan', kind: 'units', username: 'nobody', role: 'planner' };

interface Route {
  readonly method: string;
  readonly path: string;
  readonly roles: readonly string[];
}

async function call(server: TestServer, route: Route, headers: Record<string, string>): Promise<number> {
  const abort = new AbortController();
  const response = await fetch(`${server.baseUrl}${route.path}`, {
    method: route.method,
    headers: { 'content-type': 'application/json', ...headers },
    body: route.method === 'GET' || route.method === 'DELETE' ? undefined : '{}',
    signal: abort.signal,
  });
  abort.abort(); // the live feed never ends; the status is all the matrix needs
  return response.status;
}

function payloadOf(token: string): TokenClaims {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as TokenClaims;
}

describe('access matrix: every endpoint × every role, and bad tokens', () => {
  let dataDir: string;
  let server: TestServer;
  let routes: Route[];
  let documented: string[];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    await givenCase(server.store, 'matrix-1', history.assigned('matrix-1'));
    const document = (await (await fetch(`${server.baseUrl}/api/docs/openapi.json`)).json()) as { paths: Record<string, Record<string, { 'x-roles'?: string[] }>> };
    documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => `| ${method.toUpperCase()} | \`${path}\` | ${(operation['x-roles'] ?? []).join(', ')} |`),
    );
    routes = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({
        method: method.toUpperCase(),
        path: path.replace(/\{(\w+)\}/g, (_, name: string) => PARAMS[name] ?? 'x'),
        roles: operation['x-roles'] ?? [],
      })),
    );
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('every operation in the document states its roles', () => {
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((route) => route.roles.length === 0)).toEqual([]);
  });

  it('docs/security.md states the same matrix as the running server', () => {
    const text = readFileSync(join(__dirname, '..', 'docs', 'security.md'), 'utf8');
    const rows = text.split('\n').filter((line) => /^\| (GET|POST|PUT|PATCH|DELETE) \|/.test(line));
    expect(rows.sort()).toEqual([...documented].sort());
  });

  it('admits exactly the roles each route names', async () => {
    const unexpected: string[] = [];
    for (const route of routes) {
      for (const role of ROLES) {
        // Signing out would end the session the rest of the matrix uses: sign in afresh for it.
        const headers = route.path === '/auth/logout' ? await signIn(server.baseUrl, TEST_ACCOUNTS[role].username) : server.as[role];
        const status = await call(server, route, headers);
        const admitted = route.roles.includes('public') || route.roles.includes('signed-in') || route.roles.includes(role);
        const ok = admitted ? status !== 401 && status !== 403 : status === 403;
        if (!ok) unexpected.push(`${route.method} ${route.path} as ${role}: ${status} (roles ${route.roles.join(',')})`);
      }
    }
    expect(unexpected).toEqual([]);
  });

  it('401 for every non-public route without a token, with an expired one, one signed with another key, and a disabled account', async () => {
    const planner = server.as.planner['Authorization']!.slice('Bearer '.length);
    const claims = payloadOf(planner);
    const now = Math.floor(Date.now() / 1000);
    const expired = server.app.get(TokenSigner).sign({ ...claims, iat: now - 3600, exp: now - 60 });
    const otherKey = new TokenSigner(randomBytes(32)).sign({ ...claims, exp: now + 600 });

    const admin = { 'content-type': 'application/json', ...server.as.admin };
    await fetch(`${server.baseUrl}/accounts`, { method: 'POST', headers: admin, body: JSON.stringify({ username: 'matrix-disabled', roles: ['planner', 'supervisor', 'auditor'], password: 'matrix-password-01' }) });
    const disabled = await signIn(server.baseUrl, 'matrix-disabled', 'matrix-password-01');
    expect((await fetch(`${server.baseUrl}/accounts/matrix-disabled/disable`, { method: 'POST', headers: admin, body: JSON.stringify({ reason: '矩阵测试' }) })).status).toBe(200);

    const callers: Record<string, Record<string, string>> = {
      'no token': {},
      'expired token': { Authorization: `Bearer ${expired}` },
      'other key': { Authorization: `Bearer ${otherKey}` },
      'disabled account': disabled,
      'made-up actor headers': { 'X-Actor-Id': 'planner-1', 'X-Actor-Role': 'planner' },
    };
    const unexpected: string[] = [];
    for (const route of routes.filter((r) => !r.roles.includes('public'))) {
      for (const [caller, headers] of Object.entries(callers)) {
        const status = await call(server, route, headers);
        if (status !== 401) unexpected.push(`${route.method} ${route.path} with ${caller}: ${status}`);
      }
    }
    expect(unexpected).toEqual([]);
  });
});
