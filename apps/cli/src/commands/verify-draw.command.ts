import type { Command } from 'commander';
import { DrawVerifier } from '@shuangsui/application';
import { openExistingEventStore } from './open-stores';
import { cliSettings } from './global-options';

const mark = (ok: boolean): string => (ok ? '✓ 一致' : '✗ 不一致');

/** `verify-draw <drawId>`: re-runs the draw from the recorded inputs; exit code 0 on match, 3 on mismatch. */
export function registerVerifyDrawCommand(program: Command): void {
  program
    .command('verify-draw')
    .description('按记录的输入重新抽取并核对结果 (re-run a recorded draw and compare)')
    .argument('<drawId>', 'e.g. yx-2026.2026-03')
    .option('--json', 'print the report as JSON', false)
    .action(async (drawId: string, options: { json: boolean }, command: Command) => {
      const store = await openExistingEventStore(cliSettings(command).eventStoreUrl);
      try {
        const report = await new DrawVerifier(store).verify(drawId);
        if (options.json) console.log(JSON.stringify(report, null, 2));
        else {
          console.log(`抽取 ${report.drawId}（算法 ${report.algorithmVersion}）`);
          console.log(`  种子承诺：${mark(report.checks.commitment)}`);
          console.log(`  冻结名录哈希：${mark(report.checks.populationHash)}`);
          console.log(`  重新抽取结果：${mark(report.checks.result)}`);
          console.log(`  生成的案件：${mark(report.checks.cases)}`);
          console.log(`  事件哈希链：${mark(report.checks.hashChain)}`);
          for (const difference of report.differences) console.log(`  - ${difference}`);
          console.log(report.match ? '结论：一致（MATCH）' : '结论：不一致（MISMATCH）');
        }
        if (!report.match) process.exitCode = 3;
      } finally {
        await store.close();
      }
    });
}
