import { join } from 'node:path';
import type { EventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, createReadStore, ProjectionRunner, type ReadStore } from '@shuangsui/projections';
import type { DirectoryFacts } from '../facts';
import { ReadModelFacts } from '../facts';

export interface LocalReadModels {
  readonly readStore: ReadStore;
  readonly facts: DirectoryFacts;
  close(): Promise<void>;
}

/** A real SQLite read store in `dir` with every projection running, as the server has it. */
export async function startLocalReadModels(events: EventStore, dir: string): Promise<LocalReadModels> {
  const readStore = await createReadStore(`sqlite:${join(dir, 'read-models.db')}`);
  const runner = new ProjectionRunner(events, readStore, ALL_PROJECTIONS);
  await runner.start();
  return {
    readStore,
    facts: new ReadModelFacts(events, readStore),
    close: async () => {
      await runner.stop();
      await readStore.close();
    },
  };
}
