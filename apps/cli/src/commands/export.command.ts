import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DirectoryExporter, formatFromFileName, withLocalProjector, type DirectoryKind } from '@shuangsui/application';
import { createReadStore } from '@shuangsui/projections';
import { cliSettings } from './global-options';
import { openExistingEventStore } from './open-stores';

/** `export units|inspectors <file>`: the directory in the import layout; the extension picks CSV or XLSX. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('导出检查对象名录或执法检查人员名录 (export a directory, same layout as import)')
    .argument('<kind>', 'units | inspectors')
    .argument('<file>', '.csv or .xlsx')
    .action(async (kind: string, file: string, _options: unknown, command: Command) => {
      if (kind !== 'units' && kind !== 'inspectors') throw new Error(`名录类型必须是 units 或 inspectors，实际为“${kind}”`);
      const settings = cliSettings(command);
      const store = await openExistingEventStore(settings.eventStoreUrl);
      const readStore = await createReadStore(settings.readStoreUrl);
      try {
        const { content, rows } = await withLocalProjector(store, readStore, (facts) => new DirectoryExporter(facts).export(kind as DirectoryKind, formatFromFileName(file)));
        writeFileSync(file, content);
        console.log(`已导出${rows}条记录到 ${file}`);
      } finally {
        await readStore.close();
        await store.close();
      }
    });
}
