import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { maskPassword, sqliteFileOf } from '@shuangsui/application';
import { ALL_PROJECTIONS, createReadStore, findHeadPosition, replayReadModels, type ReadStore, type ReplayReport } from '@shuangsui/projections';
import { cliSettings } from './global-options';
import { CommandRefused, openExistingEventStore, refusalsToExitCode } from './open-stores';

export interface ReplayCommandOptions {
  readonly swap?: boolean;
  readonly fromScratch?: boolean;
  readonly json?: boolean;
}

/** The report a person reads. */
export function describeReplay(report: ReplayReport): string {
  const lines = [
    `重建完成（rebuilt）：${report.events} 个事件，位置 ${report.position}，用时 ${report.seconds.toFixed(1)} 秒` +
      (report.seconds > 0 ? `（${Math.round(report.events / report.seconds)} 个/秒）` : ''),
  ];
  for (const projection of report.projections) {
    if (projection.comparedAt === null) lines.push(`  ${projection.name}: 未比较 — ${projection.note ?? ''}`);
    else if (projection.differences.length === 0) lines.push(`  ${projection.name}: 与在用读模型一致（位置 ${projection.comparedAt}）`);
    else {
      lines.push(`  ${projection.name}: 与在用读模型不一致（位置 ${projection.comparedAt}）`);
      for (const d of projection.differences) {
        lines.push(`    表 ${d.table}: 仅在用 ${d.onlyLive} 行，仅重建 ${d.onlyRebuilt} 行，内容不同 ${d.different} 行；例：${d.samples.map((s) => `${s.key}(${s.kind})`).join('、')}`);
      }
    }
  }
  lines.push(report.swapped ? '已切换：读者现在使用重建的读模型（原读模型保留至下次重建）' : '未切换（加 --swap 以替换在用读模型）；重建结果已丢弃');
  return lines.join('\n');
}

/**
 * The live read models replay compares with. None, or some missing, means the read store is not the
 * server's (a wrong --read-store, a wrong working directory) or was never built; comparing against
 * nothing would report success, so that needs --from-scratch.
 */
async function requireLiveModels(readStoreUrl: string, readStore: ReadStore): Promise<void> {
  const missing: string[] = [];
  for (const projection of ALL_PROJECTIONS) if (!(await readStore.checkpoint(projection.name))) missing.push(projection.name);
  if (missing.length > 0) throw noLiveModel(readStoreUrl, `缺少读模型 ${missing.join('、')}`);
}

function noLiveModel(readStoreUrl: string, detail: string): CommandRefused {
  return new CommandRefused(
    `没有可比较的在用读模型（no live read model to compare with）：读模型库 ${maskPassword(readStoreUrl)} ${detail}。` +
      '服务器启动时会在 SQLite 事件库旁建立读模型库；确认 --store / --read-store 无误后，如确需从零重建，请加 --from-scratch。',
  );
}

/**
 * `replay`: rebuild every read model from event zero, compare with the live ones, optionally swap.
 * Exit 1 on differences, and when there is no live read model unless --from-scratch. The read store
 * is always Settings.readStoreUrl, resolved as the server resolves it (never the event store's file),
 * and must already hold live models: --swap switches the generations inside that store and nowhere
 * else, and a mistyped path fails instead of becoming a new, silently swapped-in file.
 */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('从第一个事件起重建全部读模型，与在用读模型比较，可用 --swap 无停机切换 (rebuild read models, compare, swap)')
    .option('--swap', 'make the rebuilt read models live (blue-green switch)')
    .option('--from-scratch', 'build even where there is no live read model to compare with (a new or lost read store)')
    .option('--json', 'print the report as one JSON object')
    .action((options: ReplayCommandOptions, command: Command) =>
      refusalsToExitCode(async () => {
        const settings = cliSettings(command);
        const readStoreFile = sqliteFileOf(settings.readStoreUrl);
        // Checked before opening: opening a SQLite path would create the very file that is missing.
        if (!options.fromScratch && readStoreFile !== null && !existsSync(readStoreFile)) throw noLiveModel(settings.readStoreUrl, '不存在');
        const events = await openExistingEventStore(settings.eventStoreUrl);
        let readStore: ReadStore | null = null;
        const bar = options.json ? null : new SingleBar({ format: '重建读模型 [{bar}] {percentage}% | {value}/{total} | {eta}s', hideCursor: true }, Presets.shades_classic);
        try {
          readStore = await createReadStore(settings.readStoreUrl);
          if (!options.fromScratch) await requireLiveModels(settings.readStoreUrl, readStore);
          bar?.start(Math.max(1, await findHeadPosition(events)), 0);
          const report = await replayReadModels(events, readStore, ALL_PROJECTIONS, {
            swap: options.swap ?? false,
            onProgress: (position) => bar?.update(Math.min(position, bar.getTotal()), {}),
          });
          bar?.update(bar.getTotal());
          bar?.stop();
          console.log(options.json ? JSON.stringify(report) : describeReplay(report));
          if (report.projections.some((projection) => projection.differences.length > 0)) process.exitCode = 1;
        } finally {
          bar?.stop();
          await readStore?.close();
          await events.close();
        }
      }),
    );
}
