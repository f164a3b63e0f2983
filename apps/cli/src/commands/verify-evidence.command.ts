import type { Command } from 'commander';
import { openEvidenceStore, verifyEvidence } from '@shuangsui/application';
import { cliSettings } from './global-options';
import { openExistingEventStore } from './open-stores';

const REASONS = { missing: '文件不存在', altered: '文件内容已被改动（哈希不符）' } as const;

/** `verify-evidence`: every evidence file a recorded result references exists and still hashes to its name; exit 1 naming each that does not. */
export function registerVerifyEvidenceCommand(program: Command): void {
  program
    .command('verify-evidence')
    .description('校验检查记录引用的每个证据文件都存在且未被改动 (verify every referenced evidence file)')
    .option('--json', 'print the result as one JSON object')
    .action(async (options: { json?: boolean }, command: Command) => {
      const settings = cliSettings(command);
      const events = await openExistingEventStore(settings.eventStoreUrl);
      const evidence = await openEvidenceStore(settings);
      try {
        const result = await verifyEvidence(events, evidence);
        if (options.json) console.log(JSON.stringify(result));
        else if (result.intact) console.log(`证据文件完整：${result.files} 个文件（${result.references} 处引用）均存在且与其哈希一致`);
        else {
          console.log(`证据文件有问题：${result.problems.length} 处`);
          for (const p of result.problems.slice(0, 20)) console.log(`  ${p.fileName}（${p.sha256.slice(0, 16)}…），${p.streamId} 事件 ${p.eventId}：${REASONS[p.reason]}`);
        }
        if (!result.intact) process.exitCode = 1;
      } finally {
        await evidence.close();
        await events.close();
      }
    });
}
