import { Client } from 'pg';
import { TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { createLeaderElection } from './create-leader-election';
import { SingleProcessLeadership } from './leader-election';
import { PostgresAdvisoryLeadership } from './postgres-advisory-leadership';

async function waitFor(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error('not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return Date.now() - started;
}

describe('PostgreSQL advisory-lock leader election', () => {
  it('elects exactly one of two candidates and moves leadership within about a retry interval when the leader session dies', async () => {
    const lockName = uniqueTestSchema('leader');
    const events: string[] = [];
    const candidate = (name: string) => {
      const election = new PostgresAdvisoryLeadership({ connectionString: TEST_DATABASE_URL, lockName, retryMs: 200 });
      const started = election.start({ onElected: async () => void events.push(`${name}+`), onDemoted: async () => void events.push(`${name}-`) });
      return { election, started };
    };
    const a = candidate('a');
    await a.started;
    const b = candidate('b');
    await b.started;
    expect(a.election.status()).toMatchObject({ mode: 'postgres-advisory-lock', active: true });
    expect(b.election.status().active).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(b.election.status().active).toBe(false);

    // Cut the leader's session from outside, as a dropped network would: it must stop leading at once,
    // and the lock is free again (the still-running process may win it back, as may the other one).
    const admin = new Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 1818584434 AND objid = hashtext($1)::oid AND granted`,
      [lockName],
    );
    await admin.end();
    await waitFor(() => events.includes('a-'), 2_000);
    await waitFor(() => a.election.status().active !== b.election.status().active, 2_000);

    // The leader goes away for good: the other one takes over within about one retry interval.
    const [leader, follower] = a.election.status().active ? [a, b] : [b, a];
    await leader.election.stop();
    const tookOver = await waitFor(() => follower.election.status().active, 5_000);
    expect(tookOver).toBeLessThan(2_000);
    expect(events[0]).toBe('a+');
    expect(events).toContain('b+');

    await follower.election.stop();
  });

  it('SQLite read stores make the single process the leader', () => {
    expect(createLeaderElection('sqlite:./data/read-models.db')).toBeInstanceOf(SingleProcessLeadership);
    expect(createLeaderElection('postgres://u@h/db?schema=x')).toBeInstanceOf(PostgresAdvisoryLeadership);
  });
});
