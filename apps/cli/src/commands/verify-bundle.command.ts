import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { firstFailure, verifyBundle, type DrawBundle } from '@shuangsui/domain';
import { checkBundleLog, publicKeyFromPem } from '@shuangsui/domain/transparency';

/**
 * `verify-bundle <file>`: checks a downloaded public draw bundle (GET /public/draws/:drawId/bundle)
 * with no access to any store, by the same pure function the browser page runs. Exit 0 only if every
 * check holds; otherwise 3, naming the first failed check. A bundle that carries the transparency log's
 * proofs has them checked too (with `--log-key`, the head's signature as well).
 */
export function registerVerifyBundleCommand(program: Command): void {
  program
    .command('verify-bundle')
    .description('仅凭公开的验证包重新抽取并逐项核对 (verify a public draw bundle, no store access)')
    .argument('<file>', 'bundle JSON file')
    .option('--json', 'print the checks as JSON', false)
    .option('--log-key <pem>', "the log's public key (PEM file from GET /public/log/key) to check the head's signature")
    .action((file: string, options: { json: boolean; logKey?: string }) => {
      let bundle: DrawBundle;
      try {
        bundle = JSON.parse(readFileSync(file, 'utf8')) as DrawBundle;
      } catch (error) {
        console.log(`无法读取验证包“${file}”：${(error as Error).message}`);
        process.exitCode = 2;
        return;
      }
      const checks = verifyBundle(bundle);
      const publicKey = options.logKey ? publicKeyFromPem(readFileSync(options.logKey, 'utf8')) : undefined;
      const log = bundle.log && bundle.commitmentEvent ? checkBundleLog(bundle.log, { commitmentEventId: bundle.commitmentEvent.eventId, ...(bundle.drawEvent ? { drawEventId: bundle.drawEvent.eventId } : {}) }, publicKey) : null;
      const failed = firstFailure(checks);
      const firstFailed = failed?.name ?? (log && !log.ok ? 'log' : null);
      if (options.json) console.log(JSON.stringify({ ok: firstFailed === null, firstFailure: firstFailed, checks, log }, null, 2));
      else {
        console.log(`验证包 ${bundle.drawId ?? '（未知）'}（算法 ${bundle.algorithmVersion ?? '（未知）'}）`);
        for (const check of checks) console.log(`  ${check.ok ? '✓' : '✗'} ${check.name} ${check.label}：${check.detail}`);
        if (log) console.log(`  ${log.ok ? '✓' : '✗'} log 透明日志中的位置：${log.detail}`);
        console.log(firstFailed === null ? '结论：全部核对一致（MATCH）' : `结论：不一致，第一项失败：${firstFailed}（${failed?.label ?? '透明日志中的位置'}）`);
      }
      if (firstFailed !== null) process.exitCode = 3;
    });
}
