import type { Inspector, Unit } from '@shuangsui/domain/directory';
import type { EventStore } from '@shuangsui/event-store';
import { DirectoryReadModel, UnitHistoryReader, waitForProjections, type ReadStore } from '@shuangsui/projections';
import type { DirectoryFacts, InspectedCase } from './directory-facts';

/** The read models write commands take their facts from. */
export const FACT_PROJECTIONS = ['directory', 'unit-history'] as const;

/** DirectoryFacts from the directory and unit-history read models, caught up with the log on demand. */
export class ReadModelFacts implements DirectoryFacts {
  private readonly directory: DirectoryReadModel;
  private readonly history: UnitHistoryReader;

  constructor(
    private readonly events: EventStore,
    private readonly readStore: ReadStore,
    private readonly options: { readonly timeoutMs?: number } = {},
  ) {
    this.directory = new DirectoryReadModel(readStore);
    this.history = new UnitHistoryReader(readStore);
  }

  caughtUp(): Promise<number> {
    return waitForProjections(this.events, this.readStore, FACT_PROJECTIONS, this.options);
  }

  units(): Promise<Unit[]> {
    return this.directory.units();
  }

  inspectors(): Promise<Inspector[]> {
    return this.directory.inspectors();
  }

  inspectedCasesOf(unitIds: readonly string[]): Promise<InspectedCase[]> {
    return this.history.inspectedCasesOf(unitIds);
  }

  openCasesOfUnits(unitIds: readonly string[]): Promise<Map<string, string[]>> {
    return this.history.openCasesOfUnits(unitIds);
  }
}
