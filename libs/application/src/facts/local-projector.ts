import type { EventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, ProjectionRunner, type ReadStore } from '@shuangsui/projections';
import type { DirectoryFacts } from './directory-facts';
import { ReadModelFacts } from './read-model-facts';

/**
 * For work done outside the server (CLI imports and exports, the demo): keeps the read models up to
 * date in this process while `work` runs, so commands that need facts find them caught up. A server
 * running on the same read store at the same time is safe: each commit checks its checkpoint, and the
 * loser of a race reloads and carries on.
 */
export async function withLocalProjector<T>(events: EventStore, readStore: ReadStore, work: (facts: DirectoryFacts) => Promise<T>): Promise<T> {
  const runner = new ProjectionRunner(events, readStore, ALL_PROJECTIONS);
  await runner.start();
  try {
    return await work(new ReadModelFacts(events, readStore));
  } finally {
    await runner.stop();
  }
}
