export * from './leader-election';
export { PostgresAdvisoryLeadership, type PostgresLeadershipOptions } from './postgres-advisory-leadership';
export { createLeaderElection } from './create-leader-election';

