import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, type EventStore } from '@shuangsui/event-store';
import { DirectoryExporter } from './directory-export';
import { DirectoryImporter } from './directory-import';
import { DirectoryImportRejectedError } from './directory.errors';
import { syntheticInspectors, syntheticUnits, unitTable, inspectorTable } from './synthetic-district';
import { readTable, writeTable } from './tabular-file';
import { UNIT_COLUMNS } from './unit-rows';
import { startLocalReadModels } from '../testing/local-read-models';

/** Each import is its own command (the same id again is a retry of the same file, answered from the streams). */
const context = () => {
  const commandId = randomUUID();
  return { actor: { id: 'planner-1', role: 'planner' as const }, commandId, correlationId: commandId, causationId: null };
};

describe('directory import on a real SQLite file', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-import-'));
    store = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const countEvents = async () => (await store.readAll({ maxCount: 1_000_000 })).length;

  it('imports a CSV, and importing the same file again appends nothing', async () => {
    const { headers, rows } = unitTable(syntheticUnits(300));
    const csv = await writeTable(headers, rows, 'csv');
    const importer = new DirectoryImporter(store);
    const first = await importer.importFile('units', csv, 'csv', context());
    expect(first).toMatchObject({ imported: true, totalRows: 300, validRows: 300, registered: 300, updated: 0, unchanged: 0, errors: [] });
    const events = await countEvents();

    const again = await importer.importFile('units', csv, 'csv', context());
    expect(again).toMatchObject({ imported: true, registered: 0, updated: 0, statusChanged: 0, unchanged: 300 });
    expect(await countEvents()).toBe(events);
  });

  it('reports every bad row with row number, Chinese column and reason, and writes nothing', async () => {
    const { headers, rows } = unitTable(syntheticUnits(5));
    const bad = rows.map((row) => [...row]);
    const code = bad[1]![1]!;
    bad[1]![1] = code.slice(0, 17) + (code.endsWith('0') ? '1' : '0'); // wrong check digit
    bad[3]![5] = 'E'; // risk grade
    bad[3]![6] = '也许'; // key unit flag
    bad[4]![1] = bad[0]![1]!; // duplicate credit code
    const csv = await writeTable(headers, bad, 'csv');
    const importer = new DirectoryImporter(store);
    const rejected = await importer.importFile('units', csv, 'csv', context()).catch((error: unknown) => error);
    expect(rejected).toBeInstanceOf(DirectoryImportRejectedError);
    const report = (rejected as DirectoryImportRejectedError).report;
    expect(report).toMatchObject({ imported: false, totalRows: 5, validRows: 2, invalidRows: 3 });
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: UNIT_COLUMNS.creditCode, reason: expect.stringContaining('校验位错误') }),
        expect.objectContaining({ row: 5, column: UNIT_COLUMNS.riskGrade }),
        expect.objectContaining({ row: 5, column: UNIT_COLUMNS.isKeyUnit }),
        expect.objectContaining({ row: 6, column: UNIT_COLUMNS.creditCode, reason: '与第2行的统一社会信用代码重复' }),
      ]),
    );
    expect(await countEvents()).toBe(0);

    const partial = await importer.importFile('units', csv, 'csv', context(), { acceptValidRows: true });
    expect(partial).toMatchObject({ imported: true, registered: 2, invalidRows: 3 });
    expect(partial.errors).toHaveLength(report.errors.length);
  });

  it('records only what changed: an update and a status change, each as its own event', async () => {
    const units = syntheticUnits(3);
    const importer = new DirectoryImporter(store);
    await importer.importTable('units', toTable(unitTable(units)), context());
    const changed = unitTable(units).rows;
    changed[0]![2] = '示例市云溪区新地址1号';
    changed[1]![11] = '停业关闭';
    changed[1]![12] = '2026-02-01';
    const report = await importer.importTable('units', toTable({ headers: unitTable(units).headers, rows: changed }), context());
    expect(report).toMatchObject({ updated: 1, statusChanged: 1, unchanged: 1 });
    const stream = await store.readStream(`unit-${units[0]!.id}`);
    expect(stream.map((e) => e.type)).toEqual(['UnitRegistered.v1', 'UnitUpdated.v1']);
    expect(stream[1]!.data).toEqual({ unitId: units[0]!.id, changes: { address: '示例市云溪区新地址1号' } });

    // Deregistered is final: reactivating is a row error naming the status column.
    changed[1]![11] = '已注销';
    await importer.importTable('units', toTable({ headers: unitTable(units).headers, rows: changed }), context());
    changed[1]![11] = '在营';
    const refused = await importer.importTable('units', toTable({ headers: unitTable(units).headers, rows: changed }), context()).catch((e: unknown) => e);
    expect((refused as DirectoryImportRejectedError).report.errors).toEqual([expect.objectContaining({ row: 3, column: '状态', reason: '单位已注销，不能再变更状态' })]);
  });

  it('round-trips XLSX: export, then import of the export changes nothing', async () => {
    const importer = new DirectoryImporter(store);
    await importer.importTable('inspectors', toTable(inspectorTable(syntheticInspectors(8, 2026))), context());
    await importer.importTable('units', toTable(unitTable(syntheticUnits(50))), context());
    const readModels = await startLocalReadModels(store, dir);
    const exporter = new DirectoryExporter(readModels.facts);
    for (const kind of ['units', 'inspectors'] as const) {
      const { content, rows } = await exporter.export(kind, 'xlsx');
      expect(rows).toBe(kind === 'units' ? 50 : 8);
      const table = await readTable(content);
      expect(table.rows).toHaveLength(rows);
      const report = await importer.importFile(kind, content, 'xlsx', context());
      expect(report).toMatchObject({ registered: 0, updated: 0, statusChanged: 0, unchanged: rows });
    }
    await readModels.close();
  });

  it('refuses a file without the required columns', async () => {
    const csv = Buffer.from('单位名称,地址\n甲,乙\n');
    const error = await new DirectoryImporter(store).importFile('units', csv, 'csv', context()).catch((e: unknown) => e);
    expect((error as DirectoryImportRejectedError).report.errors).toEqual(
      expect.arrayContaining([{ row: 1, column: '统一社会信用代码', reason: '缺少必需的列“统一社会信用代码”' }]),
    );
  });
});

function toTable({ headers, rows }: { headers: readonly string[]; rows: string[][] }) {
  return { headers, rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })) };
}

describe('a directory import sent again with the same command id', () => {
  it('is answered from the streams, and the same id with a changed file is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shuangsui-import-retry-'));
    const store = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
    try {
      const importer = new DirectoryImporter(store);
      const units = syntheticUnits(5);
      const retry = context();
      await importer.importTable('units', toTable(unitTable(units)), retry);
      await expect(importer.importTable('units', toTable(unitTable(units)), retry)).resolves.toMatchObject({ registered: 0, unchanged: 5 });
      const changed = unitTable([{ ...units[0]!, address: '另一地址8号' }, ...units.slice(1)]);
      const refused = await importer.importTable('units', toTable(changed), retry).catch((e: unknown) => e);
      expect(refused).toMatchObject({ name: 'IdempotencyKeyReusedError' });
      expect(await store.readAll({ maxCount: 100 })).toHaveLength(5);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
