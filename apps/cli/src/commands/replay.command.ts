import type { Command } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { createEventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, createReadStore, findHeadPosition, replayReadModels, type ReplayReport } from '@shuangsui/projections';
import { globalOptions } from './global-options';

export interface ReplayCommandOptions {
  readonly swap?: boolean;
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

/** `replay`: rebuild every read model from event zero, compare with the live ones, optionally swap. Exit 1 on differences. */
export function registerReplayCommand(program: Command): void {
  program
    .command('replay')
    .description('从第一个事件起重建全部读模型，与在用读模型比较，可用 --swap 无停机切换 (rebuild read models, compare, swap)')
    .option('--swap', 'make the rebuilt read models live (blue-green switch)')
    .option('--json', 'print the report as one JSON object')
    .action(async (options: ReplayCommandOptions, command: Command) => {
      const global = globalOptions(command);
      const events = await createEventStore(global.store);
      const readStore = await createReadStore(global.readStore);
      const bar = options.json ? null : new SingleBar({ format: '重建读模型 [{bar}] {percentage}% | {value}/{total} | {eta}s', hideCursor: true }, Presets.shades_classic);
      try {
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
        await readStore.close();
        await events.close();
      }
    });
}
