import { DEFAULT_READ_SCHEMA } from '../postgres/postgres-read-store';
import { SingleProcessLeadership, type LeaderElection } from './leader-election';
import { PostgresAdvisoryLeadership } from './postgres-advisory-leadership';

/**
 * The leader election that fits a read store: a PostgreSQL read store is shared by every server
 * pointing at it, so they compete for an advisory lock named after its schema; any other read store
 * (a SQLite file) belongs to one process, which is always the leader.
 */
export function createLeaderElection(readStoreUrl: string, log?: (message: string) => void, retryMs?: number): LeaderElection {
  if (!readStoreUrl.startsWith('postgres:') && !readStoreUrl.startsWith('postgresql:')) return new SingleProcessLeadership();
  const parsed = new URL(readStoreUrl);
  const schema = parsed.searchParams.get('schema') ?? DEFAULT_READ_SCHEMA;
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('poolSize');
  return new PostgresAdvisoryLeadership({ connectionString: parsed.toString(), lockName: `projector:${schema}`, log, retryMs });
}
