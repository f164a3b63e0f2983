import type { Command } from 'commander';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { verifyChain, verifyTree, type ChainVerification, type TreeVerification } from '@shuangsui/application';
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

const HEAD_REASONS: Record<TreeVerification['badHeads'][number]['reason'], string> = {
  'root-mismatch': '日志中的事件重算出的根哈希与该签名树头不符（事件被改动、删除或重排，即使哈希链已重新封装）',
  'beyond-log': '树头声称的叶子数多于其之前的事件数（之前的事件被删除）',
  'bad-signature': '签名与给定的日志公钥不符',
};

/** The transparency-log part of the report. */
export function describeTree(result: TreeVerification): string {
  if (result.intact) return `透明日志树一致（tree intact）：${result.leaves} 个叶子，根哈希 ${result.rootHash}，${result.heads} 个签名树头均与日志相符`;
  return [
    `透明日志树不一致（tree broken）：${result.badHeads.length} 个签名树头与日志不符`,
    ...result.badHeads.slice(0, 10).map((h) => `  树头大小 ${h.treeSize}（事件 ${h.eventId}，位置 ${h.position}）：${h.reason} — ${HEAD_REASONS[h.reason]}`),
  ].join('\n');
}

/** The log's public key, from the signing key file the settings name, when it is on this machine. */
function logPublicKey(file: string): KeyObject | undefined {
  return existsSync(file) ? createPublicKey(readFileSync(file)) : undefined;
}

/** `verify-chain`: walks the whole store; exit code 1 when a link is broken or a signed head does not match. */
export function registerVerifyChain(program: Command): void {
  program
    .command('verify-chain')
    .description('校验事件库中每个流的哈希链与透明日志树，报告第一个断裂处和不符的签名树头 (verify every stream hash chain and the transparency tree)')
    .option('--json', 'print the result as one JSON object')
    .option('--page-size <n>', 'events per read', '1000')
    .action(async (options: VerifyChainCommandOptions, command: Command) => {
      const pageSize = Number(options.pageSize);
      if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size 必须是正整数，收到 "${options.pageSize}"`);
      const settings = cliSettings(command);
      const store = await openExistingEventStore(settings.eventStoreUrl);
      try {
        const result = await verifyChain(store, { pageSize });
        const publicKey = logPublicKey(settings.transparency.keyFile);
        const tree = await verifyTree(store, { pageSize, ...(publicKey ? { publicKey } : {}) });
        console.log(options.json ? JSON.stringify({ ...result, tree }) : `${describeVerification(result)}\n${describeTree(tree)}`);
        // exitCode, not exit(): the store closes cleanly and tests can run the command in-process.
        if (!result.intact || !tree.intact) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });
}
