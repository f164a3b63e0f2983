import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { firstFailure, verifyBundle, type DrawBundle } from '@shuangsui/domain';

/**
 * `verify-bundle <file>`: checks a downloaded public draw bundle (GET /public/draws/:drawId/bundle)
 * with no access to any store, by the same pure function the browser page runs. Exit 0 only if every
 * check holds; otherwise 3, naming the first failed check.
 */
export function registerVerifyBundleCommand(program: Command): void {
  program
    .command('verify-bundle')
    .description('仅凭公开的验证包重新抽取并逐项核对 (verify a public draw bundle, no store access)')
    .argument('<file>', 'bundle JSON file')
    .option('--json', 'print the checks as JSON', false)
    .action((file: string, options: { json: boolean }) => {
      let bundle: DrawBundle;
      try {
        bundle = JSON.parse(readFileSync(file, 'utf8')) as DrawBundle;
      } catch (error) {
        console.log(`无法读取验证包“${file}”：${(error as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const checks = verifyBundle(bundle);
      const failed = firstFailure(checks);
      if (options.json) console.log(JSON.stringify({ ok: failed === null, firstFailure: failed?.name ?? null, checks }, null, 2));
      else {
        console.log(`验证包 ${bundle.drawId ?? '（未知）'}（算法 ${bundle.algorithmVersion ?? '（未知）'}）`);
        for (const check of checks) console.log(`  ${check.ok ? '✓' : '✗'} ${check.name} ${check.label}：${check.detail}`);
        console.log(failed === null ? '结论：全部核对一致（MATCH）' : `结论：不一致，第一项失败：${failed.name}（${failed.label}）`);
      }
      if (failed !== null) process.exitCode = 3;
    });
}
