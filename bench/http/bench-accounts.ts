import { ACCOUNT_STREAM, AccountCache, AccountExistsError, AccountService, CommandHandler, PasswordHasher, TEST_ARGON2, TokenSigner } from '@shuangsui/application';
import { accountStreamId, LOGIN_ROLES, type Role } from '@shuangsui/domain';
import type { EventStore } from '@shuangsui/event-store';

/**
 * Benchmark identities: every bench server shares this signing secret and gives each bench account
 * the same session id, so a client can sign its own tokens for any bench server (request-headers.ts)
 * and the measured requests pay the real per-request check. Never used outside benchmarks.
 */
export const BENCH_AUTH_SECRET = 'bench-only-signing-secret-never-in-production-0001';
export const BENCH_SESSION = 'bench-session';
const PASSWORD = 'bench-password-0001';
/** The synthetic inspectors (synthetic-district.ts) that benchmark fixtures assign to cases. */
const INSPECTOR_IDS = Array.from({ length: 24 }, (_, i) => `insp-${String(i + 1).padStart(2, '0')}`);

/** The inspector pair seeded case number `index` is assigned to (bench-server.ts with BENCH_SEED_ASSIGNED=1). */
export const benchPairOf = (index: number): [string, string] => [INSPECTOR_IDS[index % 24] as string, INSPECTOR_IDS[(index + 1) % 24] as string];

export function benchActorId(role: Role): string {
  return `bench-${role}`;
}

/** Creates the bench accounts (once per store) and starts their fixed session for a day. */
export async function ensureBenchAccounts(store: EventStore): Promise<void> {
  const accounts = new AccountService(store, new AccountCache(store), new PasswordHasher(TEST_ARGON2));
  const handler = new CommandHandler(store);
  const system = (commandId: string) => ({ actor: { id: 'bench-setup', role: 'system' as const }, commandId, correlationId: 'bench', causationId: null });
  const wanted: [string, Role][] = [...LOGIN_ROLES.map((role): [string, Role] => [benchActorId(role), role]), ...INSPECTOR_IDS.map((id): [string, Role] => [id, 'inspector'])];
  for (const [username, role] of wanted) {
    await accounts.create({ username, roles: [role], password: PASSWORD }, system(`bench-account:${username}`)).catch((error: unknown) => {
      if (!(error instanceof AccountExistsError)) throw error;
    });
    const expiresAt = new Date(Date.now() + 24 * 3600 * 1000).toISOString();
    await handler.handle(ACCOUNT_STREAM, accountStreamId(username), { type: 'startSession', sessionId: BENCH_SESSION, expiresAt, method: 'password' }, { ...system(`bench-session:${username}:${expiresAt}`), actor: { id: username, role } });
  }
}

/** An access token of a bench account, valid for an hour on any bench server. */
export function benchToken(actorId: string): string {
  const now = Math.floor(Date.now() / 1000);
  return new TokenSigner(Buffer.from(BENCH_AUTH_SECRET, 'utf8')).sign({ sub: actorId, sid: BENCH_SESSION, typ: 'access', iat: now, exp: now + 3600 });
}
