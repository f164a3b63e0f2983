import type { DirectoryFacts } from '../facts';
import type { DirectoryKind } from './directory-import';
import { INSPECTOR_HEADERS, inspectorToRow } from './inspector-rows';
import { writeTable, type TableFormat } from './tabular-file';
import { UNIT_HEADERS, unitToRow } from './unit-rows';

/**
 * Writes a directory in the import layout (same headers, same cell forms), sorted by id, from the
 * directory read model once it holds every event written before the request (an export right after
 * an import shows the import).
 */
export class DirectoryExporter {
  constructor(private readonly facts: DirectoryFacts) {}

  async export(kind: DirectoryKind, format: TableFormat): Promise<{ readonly content: Buffer; readonly rows: number }> {
    await this.facts.caughtUp();
    const byId = <T extends { readonly id: string }>(records: readonly T[]): T[] => [...records].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const rows = kind === 'units' ? byId(await this.facts.units()).map(unitToRow) : byId(await this.facts.inspectors()).map(inspectorToRow);
    const headers = kind === 'units' ? UNIT_HEADERS : INSPECTOR_HEADERS;
    return { content: await writeTable(headers, rows, format), rows: rows.length };
  }
}
