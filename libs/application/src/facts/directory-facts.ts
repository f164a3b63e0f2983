import type { Inspector, Unit } from '@shuangsui/domain/directory';
import type { InspectedCase } from '@shuangsui/projections';

export type { InspectedCase };

/**
 * What write commands need to know beyond their own stream, from read models: the directory and the
 * units' inspection history. `caughtUp` first waits until the read models hold every event written
 * before the call, so a command never decides on facts older than the log it was sent against.
 */
export interface DirectoryFacts {
  /** Resolves with the log position the read models reached (at least the head at the call). */
  caughtUp(): Promise<number>;
  units(): Promise<Unit[]>;
  inspectors(): Promise<Inspector[]>;
  /** The inspected cases of these units (the freeze asks for the directory's units only). */
  inspectedCasesOf(unitIds: readonly string[]): Promise<InspectedCase[]>;
  /** Unit id → its cases still drawn or assigned, sorted. */
  openCasesOfUnits(unitIds: readonly string[]): Promise<Map<string, string[]>>;
}
