import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AccountCache, AccountService, Authenticator, PasswordHasher, TEST_ARGON2, TokenSigner } from '@shuangsui/application';
import { createEventStore } from '@shuangsui/event-store';

/**
 * What the per-request auth check costs: verify the HS256 signature, then the account's fold from
 * the cache (hit) or from its stream (miss, after any change to the account).
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-auth-bench-'));
  const store = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
  try {
    const cache = new AccountCache(store);
    await cache.start();
    const accounts = new AccountService(store, cache, new PasswordHasher(TEST_ARGON2));
    const authenticator = new Authenticator(new TokenSigner(randomBytes(32)), cache);
    const context = { actor: { id: 'admin', role: 'admin' as const }, commandId: 'bench', correlationId: 'bench', causationId: null };
    await accounts.create({ username: 'bench-user', roles: ['planner'], password: 'bench-password-0001' }, context);
    const { accessToken } = authenticator.issue(await accounts.signIn('bench-user', 'bench-password-0001'));
    const time = async (label: string, runs: number, before: () => void) => {
      const started = process.hrtime.bigint();
      for (let i = 0; i < runs; i += 1) {
        before();
        if (!(await authenticator.authenticate(accessToken, 'bearer'))) throw new Error('not authenticated');
      }
      const micros = Number(process.hrtime.bigint() - started) / 1000 / runs;
      console.log(`${label}: ${micros.toFixed(1)} µs per request (${runs} runs)`);
    };
    await time('cache hit', 50_000, () => undefined);
    await time('cache miss (fold the account stream)', 2_000, () => cache.invalidate('bench-user'));
    cache.stop();
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
