import type { EventStore } from '@shuangsui/event-store';
import type { DirectoryKind } from './directory-import';
import { DirectoryReader } from './directory-reader';
import { INSPECTOR_HEADERS, inspectorToRow } from './inspector-rows';
import { writeTable, type TableFormat } from './tabular-file';
import { UNIT_HEADERS, unitToRow } from './unit-rows';

/** Writes a directory in the import layout (same headers, same cell forms), sorted by id. */
export class DirectoryExporter {
  private readonly reader: DirectoryReader;
  constructor(store: EventStore) {
    this.reader = new DirectoryReader(store);
  }

  async export(kind: DirectoryKind, format: TableFormat): Promise<{ readonly content: Buffer; readonly rows: number }> {
    const snapshot = await this.reader.snapshot();
    const byId = <T>(map: ReadonlyMap<string, { record: T }>): T[] => [...map.keys()].sort().map((id) => (map.get(id) as { record: T }).record);
    const rows = kind === 'units' ? byId(snapshot.units).map(unitToRow) : byId(snapshot.inspectors).map(inspectorToRow);
    const headers = kind === 'units' ? UNIT_HEADERS : INSPECTOR_HEADERS;
    return { content: await writeTable(headers, rows, format), rows: rows.length };
  }
}
