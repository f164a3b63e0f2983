import type { Command } from 'commander';
import { verifyChain, type ChainVerification } from '@shuangsui/application';
import type { ChainBreak } from '@shuangsui/event-store';
import { openExistingEventStore } from './open-stores';
import { cliSettings } from './global-options';

/** Why a link is broken, in words for the operator. */
const REASONS: Record<ChainBreak['reason'], string> = {
  revision_gap: '修订号不连续（事件被删除、插入或顺序被改动）',
  prev_hash_mismatch: 'prevHash 与前一事件的哈希不一致（前一事件或本事件的链接被改动）',
  hash_mismatch: '事件内容与其哈希不符（数据或元数据被改动）',
};

export interface VerifyChainCommandOptions {
  readonly json?: boolean;
  readonly pageSize: string;
}

/** The report a person reads; `--json` prints the verification object instead, for scripts. */
export function describeVerification(result: ChainVerification): string {
  if (result.intact) return `哈希链完整（chain intact）：已校验 ${result.events} 个事件，${result.streams} 个流，最后位置 ${result.lastPosition}`;
  const b = result.break;
  return [
    '哈希链断裂（chain broken）：',
    `  流 stream:        ${b.streamId}`,
    `  修订号 revision:  ${b.revision}`,
    `  全局位置 position: ${b.position}`,
    `  事件 event id:    ${b.eventId}`,
    `  原因 reason:      ${b.reason} — ${REASONS[b.reason]}`,
    `  此前已校验 ${result.eventsCheckedBefore} 个事件`,
  ].join('\n');
}

/** `verify-chain`: walks the whole store; exit code 1 when a link is broken. */
export function registerVerifyChain(program: Command): void {
  program
    .command('verify-chain')
    .description('校验事件库中每个流的哈希链，报告第一个断裂处 (verify every stream hash chain)')
    .option('--json', 'print the result as one JSON object')
    .option('--page-size <n>', 'events per read', '1000')
    .action(async (options: VerifyChainCommandOptions, command: Command) => {
      const pageSize = Number(options.pageSize);
      if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size 必须是正整数，收到 "${options.pageSize}"`);
      const store = await openExistingEventStore(cliSettings(command).eventStoreUrl);
      try {
        const result = await verifyChain(store, { pageSize });
        console.log(options.json ? JSON.stringify(result) : describeVerification(result));
        // exitCode, not exit(): the store closes cleanly and tests can run the command in-process.
        if (!result.intact) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
