import type { INestApplication } from '@nestjs/common';
import { AccountExistsError, AccountService, AUTH_SETTING, TEST_ARGON2 } from '@shuangsui/application';
import type { Role } from '@shuangsui/domain';
import type { AuthOptions } from '../../apps/server/src/auth/auth.module';

/** Every test account has this password (12+ characters, as the server requires). */
export const TEST_PASSWORD = 'test-password-0001';

/** The accounts every test server has, named as the old X-Actor-Id headers named them. */
export const TEST_ACCOUNTS = {
  admin: { username: 'admin', roles: ['admin'] },
  planner: { username: 'planner-1', roles: ['planner'] },
  inspector: { username: 'insp-a', roles: ['inspector'] },
  inspectorB: { username: 'insp-b', roles: ['inspector'] },
  inspectorC: { username: 'insp-c', roles: ['inspector'] },
  reviewer: { username: 'rev-1', roles: ['reviewer'] },
  supervisor: { username: 'supervisor-1', roles: ['supervisor'] },
  auditor: { username: 'auditor-1', roles: ['auditor'] },
} as const satisfies Record<string, { username: string; roles: readonly Role[] }>;

export type TestRole = keyof typeof TEST_ACCOUNTS;
export type AuthHeaders = Record<TestRole, Record<string, string>>;

/** The environment a test server reads: the first admin's password, a plain-http cookie. */
export const TEST_AUTH_ENV = { [AUTH_SETTING.adminPassword]: TEST_PASSWORD, [AUTH_SETTING.cookieSecure]: 'false' };

/** Cheap hashing (many accounts per test server) and no console output. */
export const TEST_AUTH_OPTIONS: Partial<AuthOptions> = { hashing: TEST_ARGON2, announce: () => undefined };

/** Creates the test accounts (once per data directory) through the AccountService, as an admin would. */
export async function createTestAccounts(app: INestApplication): Promise<void> {
  const accounts = app.get(AccountService);
  const admin = { actor: { id: 'admin', role: 'admin' as const }, correlationId: 'test-setup', causationId: null };
  for (const [key, { username, roles }] of Object.entries(TEST_ACCOUNTS)) {
    if (key === 'admin') continue;
    try {
      await accounts.create({ username, roles, password: TEST_PASSWORD }, { ...admin, commandId: `test-account:${username}` });
    } catch (error) {
      if (!(error instanceof AccountExistsError)) throw error;
    }
  }
}

/** Signs in as `username` over HTTP and answers the Bearer header. */
export async function signIn(baseUrl: string, username: string, password = TEST_PASSWORD): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const body = (await response.json()) as { accessToken?: string };
  if (response.status !== 200 || !body.accessToken) throw new Error(`sign-in as ${username} failed: ${response.status} ${JSON.stringify(body)}`);
  return { Authorization: `Bearer ${body.accessToken}` };
}

/** Bearer headers for every test account. */
export async function signInAll(baseUrl: string): Promise<AuthHeaders> {
  const entries = await Promise.all(Object.entries(TEST_ACCOUNTS).map(async ([key, { username }]) => [key, await signIn(baseUrl, username)] as const));
  return Object.fromEntries(entries) as AuthHeaders;
}
