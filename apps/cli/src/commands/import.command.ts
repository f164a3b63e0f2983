import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import {
  DirectoryImporter,
  DirectoryImportRejectedError,
  formatFromFileName,
  InspectionCommandHandler,
  UnitClosureFollowUp,
  type DirectoryKind,
  type ImportReport,
  type RowError,
  withLocalProjector,
} from '@shuangsui/application';
import { createReadStore } from '@shuangsui/projections';
import { createEventStore } from '@shuangsui/event-store';
import { cliSettings } from './global-options';

const MAX_ROWS_SHOWN = 50;

function printErrors(errors: readonly RowError[]): void {
  for (const error of errors.slice(0, MAX_ROWS_SHOWN)) console.error(`  第${error.row}行${error.column ? `【${error.column}】` : ''}：${error.reason}`);
  if (errors.length > MAX_ROWS_SHOWN) console.error(`  ……另有${errors.length - MAX_ROWS_SHOWN}处问题未列出`);
}

function printReport(report: ImportReport, seconds: number): void {
  console.log(
    `导入完成（${seconds.toFixed(1)} 秒）：共${report.totalRows}行，合规${report.validRows}行，新登记${report.registered}条，更新${report.updated}条，状态变更${report.statusChanged}条，无变化${report.unchanged}条${report.casesCancelled > 0 ? `，因单位停业关闭或注销取消检查${report.casesCancelled}件` : ''}`,
  );
  if (report.errors.length > 0) {
    console.error(`以下${report.invalidRows}行不合规，未导入：`);
    printErrors(report.errors);
  }
}

/** `import units|inspectors <file> [--accept-valid-rows]`: validate every row, then import, with progress. */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('从 CSV/XLSX 导入检查对象名录或执法检查人员名录 (import a directory)')
    .argument('<kind>', 'units | inspectors')
    .argument('<file>', '.csv or .xlsx file with Chinese column headers')
    .option('--accept-valid-rows', '文件有不合规行时仍导入其余合规行 (import the valid rows of a file with errors)', false)
    .option('--actor <id>', 'who imports (recorded in every event)', 'cli')
    .action(async (kind: string, file: string, options: { acceptValidRows: boolean; actor: string }, command: Command) => {
      if (kind !== 'units' && kind !== 'inspectors') throw new Error(`名录类型必须是 units 或 inspectors，实际为“${kind}”`);
      const settings = cliSettings(command);
      const store = await createEventStore(settings.eventStoreUrl);
      const readStore = await createReadStore(settings.readStoreUrl);
      const bar = new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, Presets.shades_classic);
      let phase = '';
      const started = process.hrtime.bigint();
      try {
        const commandId = randomUUID();
        // A unit closed by this file gets its open cases cancelled here too, not only once a server runs.
        const report = await withLocalProjector(store, readStore, (facts) =>
          new DirectoryImporter(store, undefined, new UnitClosureFollowUp(store, new InspectionCommandHandler(store), facts)).importFile(
          kind as DirectoryKind,
          readFileSync(file),
          formatFromFileName(file),
          { actor: { id: options.actor, role: 'planner' }, commandId, correlationId: commandId, causationId: null },
          {
            acceptValidRows: options.acceptValidRows,
            onProgress: (progress) => {
              const label = progress.phase === 'validate' ? '校验' : '写入';
              if (label !== phase) {
                if (phase !== '') bar.stop();
                phase = label;
                bar.start(Math.max(progress.total, 1), 0, { phase: label });
              }
              bar.update(progress.done, { phase: label });
            },
          },
          ),
        );
        bar.stop();
        printReport(report, Number(process.hrtime.bigint() - started) / 1e9);
      } catch (error) {
        bar.stop();
        if (!(error instanceof DirectoryImportRejectedError)) throw error;
        console.error(error.message);
        printErrors(error.report.errors);
        process.exitCode = 2;
      } finally {
        await readStore.close();
        await store.close();
      }
    });
}
