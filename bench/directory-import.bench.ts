/**
 * Import speed of issue 3 ("a 100,000-row file imports in well under a minute"): a synthetic
 * 100,000-unit directory written as CSV and as XLSX, each imported into a fresh SQLite file, timed per
 * phase (read the file, validate and plan, write). A second import of the same file (nothing changes) is
 * timed too. Run: npm run build && node scripts/run.js dist/bench/directory-import.bench.js [rows].
 * Last line: one JSON object.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DirectoryImporter, syntheticUnits, unitTable, writeTable, type ImportProgress, type TableFormat } from '@shuangsui/application';
import { createEventStore } from '@shuangsui/event-store';

const ROWS = Number(process.argv[2] ?? 100_000);
const context = { actor: { id: 'bench', role: 'planner' as const }, commandId: 'bench-import', correlationId: 'bench-import', causationId: null };

async function importOnce(format: TableFormat, content: Buffer): Promise<{ seconds: number; secondsAgain: number; phases: Record<string, number> }> {
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-import-bench-'));
  const store = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
  try {
    const importer = new DirectoryImporter(store);
    const phases: Record<string, number> = {};
    const started = performance.now();
    let mark = started;
    let phase = 'read';
    const onProgress = (progress: ImportProgress): void => {
      if (progress.phase !== phase) {
        const now = performance.now();
        phases[phase] = (now - mark) / 1000;
        mark = now;
        phase = progress.phase;
      }
    };
    const report = await importer.importFile('units', content, format, context, { onProgress });
    const seconds = (performance.now() - started) / 1000;
    phases[phase] = (performance.now() - mark) / 1000;
    if (report.registered !== ROWS) throw new Error(`expected ${ROWS} registered, got ${report.registered}`);
    const again = performance.now();
    const second = await importer.importFile('units', content, format, { ...context, commandId: 'bench-import-2' });
    if (second.unchanged !== ROWS) throw new Error(`expected ${ROWS} unchanged, got ${second.unchanged}`);
    return { seconds, secondsAgain: (performance.now() - again) / 1000, phases };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const { headers, rows } = unitTable(syntheticUnits(ROWS));
  const csv = await writeTable(headers, rows, 'csv');
  const xlsx = await writeTable(headers, rows, 'xlsx');
  const csvRun = await importOnce('csv', csv);
  console.log(`csv:  ${csvRun.seconds.toFixed(2)} s (again ${csvRun.secondsAgain.toFixed(2)} s) phases ${JSON.stringify(csvRun.phases)}`);
  const xlsxRun = await importOnce('xlsx', xlsx);
  console.log(`xlsx: ${xlsxRun.seconds.toFixed(2)} s (again ${xlsxRun.secondsAgain.toFixed(2)} s) phases ${JSON.stringify(xlsxRun.phases)}`);
  const round = (n: number) => Math.round(n * 100) / 100;
  console.log(
    JSON.stringify({
      rows: ROWS,
      csvSeconds: round(csvRun.seconds),
      xlsxSeconds: round(xlsxRun.seconds),
      csvReimportSeconds: round(csvRun.secondsAgain),
      xlsxReimportSeconds: round(xlsxRun.secondsAgain),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
