import type { Command } from 'commander';
import { Presets, SingleBar } from 'cli-progress';
import { createEventStore, type EventStore } from '@shuangsui/event-store';
import { findHeadPosition } from '@shuangsui/projections';
import { copyHistory, type CopyReport } from '../store-migration/copy-history';
import { verifyCopy, type CopyMismatch, type CopyVerification } from '../store-migration/verify-copy';

export interface MigrateStoreCommandOptions {
  readonly from: string;
  readonly to: string;
  readonly resume?: boolean;
  readonly json?: boolean;
  readonly pageSize: string;
}

export interface MigrationOutcome {
  readonly copy: CopyReport;
  readonly verification: CopyVerification;
}

/** The verification's verdict in words for the operator. */
export function describeMismatch(mismatch: CopyMismatch): string {
  switch (mismatch.kind) {
    case 'count':
      return `事件数不一致：源 ${mismatch.sourceEvents} 个，目标 ${mismatch.targetEvents} 个`;
    case 'event':
      return `第 ${mismatch.index + 1} 个事件不一致（字段 ${mismatch.field}）：源 ${mismatch.sourceEventId}，目标 ${mismatch.targetEventId}`;
    case 'chain': {
      const b = mismatch.break;
      const where = mismatch.store === 'source' ? '源事件库' : '目标事件库';
      return `${where}哈希链断裂：流 ${b.streamId}，修订号 ${b.revision}，事件 ${b.eventId}（${b.reason}）`;
    }
  }
}

export function describeMigration(outcome: MigrationOutcome): string {
  const { copy, verification } = outcome;
  const lines = [
    copy.resumedAfter > 0
      ? `续传完成：从源位置 ${copy.resumedAfter} 之后复制了 ${copy.copied} 个事件`
      : `复制完成：共复制 ${copy.copied} 个事件`,
  ];
  if (verification.mismatch === null) {
    lines.push(`校验通过（verified）：两边各 ${verification.targetEvents} 个事件，${verification.streams} 个流，顺序、id、元数据与哈希链一致`);
  } else {
    lines.push(`校验失败（verification failed）：${describeMismatch(verification.mismatch)}`);
  }
  return lines.join('\n');
}

/**
 * `migrate-store --from <url> --to <url> [--resume]`: copies the whole history, then verifies it.
 * Exit 1 when the target is refused, the copy fails, or the verification finds any difference.
 */
export function registerMigrateStoreCommand(program: Command): void {
  program
    .command('migrate-store')
    .description('把全部事件历史从一个事件库复制到另一个并校验（如 SQLite → PostgreSQL / EventStoreDB）(copy the full history between stores)')
    .requiredOption('--from <url>', 'source event store URL (sqlite:…, postgres://…, esdb://…)')
    .requiredOption('--to <url>', 'target event store URL; must be empty unless --resume')
    .option('--resume', 'continue an interrupted copy after the last event already in the target')
    .option('--json', 'print the outcome as one JSON object')
    .option('--page-size <n>', 'events per read', '1000')
    .action(async (options: MigrateStoreCommandOptions) => {
      const pageSize = Number(options.pageSize);
      if (!Number.isInteger(pageSize) || pageSize < 1) throw new Error(`--page-size 必须是正整数，收到 "${options.pageSize}"`);
      const source = await createEventStore(options.from);
      let target: EventStore | undefined;
      const bar = options.json ? null : new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total}', hideCursor: true }, Presets.shades_classic);
      try {
        target = await createEventStore(options.to);
        // The bar counts source positions: positions are not dense in every store, but they are monotone.
        const head = Math.max(1, await findHeadPosition(source));
        bar?.start(head, 0, { phase: '复制事件' });
        const copy = await copyHistory(source, target, {
          pageSize,
          resume: options.resume ?? false,
          onProgress: ({ sourcePosition }) => bar?.update(Math.min(sourcePosition, bar.getTotal())),
        });
        bar?.update(bar.getTotal());
        bar?.stop();
        bar?.start(head, 0, { phase: '校验副本' });
        const verification = await verifyCopy(source, target, {
          pageSize,
          onProgress: ({ sourcePosition }) => bar?.update(Math.min(sourcePosition, bar.getTotal())),
        });
        bar?.update(bar.getTotal());
        bar?.stop();
        const outcome: MigrationOutcome = { copy, verification };
        console.log(options.json ? JSON.stringify(outcome) : describeMigration(outcome));
        // exitCode, not exit(): both stores close cleanly and tests can run the command in-process.
        if (verification.mismatch !== null) process.exitCode = 1;
      } finally {
        bar?.stop();
        await target?.close();
        await source.close();
      }
    });
}
