import { chinaDate } from '@shuangsui/domain';
import { treeHeadDecider, treeHeadsStreamId, type SignTreeHead, type TreeHeadEvent, type TreeHeadRejection, type TreeHeadState } from '@shuangsui/domain/transparency';
import type { EventStore } from '@shuangsui/event-store';
import type { TransparencyTreeReader } from '@shuangsui/projections';
import { CommandHandler, type StreamKind } from '../commands';
import { COMMAND_ROLES } from '../permissions';
import type { LeaderService, LeaderServiceStatus } from '../process-managers/leader-tasks';
import { PeriodicTask } from '../process-managers/periodic-task';
import type { LogSigningKey } from './log-signing-key';

export const TREE_HEAD_STREAM: StreamKind<SignTreeHead, TreeHeadEvent, TreeHeadState, TreeHeadRejection> = {
  decider: treeHeadDecider,
  commandRoles: { signTreeHead: COMMAND_ROLES.signTreeHead },
  rejectionError: (rejection) => new Error(`transparency log: a head of size ${rejection.treeSize} is smaller than the signed ${rejection.latestSize}; the tree lost leaves`),
};

const SIGNER = { id: 'transparency-log', role: 'system' } as const;

/**
 * Signs a tree head at least every `intervalMs` while events arrive, and appends it to the log as a
 * TreeHeadSigned event (so heads are replicated, migrated and hash-chained like everything else). A
 * head whose only new leaf would be the previous head's own event is not signed: otherwise every head
 * would call for the next. Runs only on the leader, next to the tree follower.
 */
export class TreeHeadSigner implements LeaderService {
  private lastSize = 0;
  private readonly commands: CommandHandler;
  private readonly task: PeriodicTask;

  constructor(
    events: EventStore,
    private readonly tree: TransparencyTreeReader,
    private readonly key: LogSigningKey,
    intervalMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.commands = new CommandHandler(events, clock);
    this.task = new PeriodicTask('transparency-heads', intervalMs, () => this.signOnce(), () => this.lastSize);
  }

  get name(): string {
    return this.task.name;
  }

  start(): Promise<void> {
    return this.task.start();
  }

  stop(): Promise<void> {
    return this.task.stop();
  }

  status(): LeaderServiceStatus {
    return this.task.status();
  }

  /** Signs the current tree if it grew by more than the last head's own event; one signing at a time. */
  signNow(): Promise<void> {
    return this.task.runNow();
  }

  private async signOnce(): Promise<void> {
    const size = await this.tree.size();
    const latest = await this.tree.latestHead();
    if (size === 0 || (latest && size <= latest.treeSize)) return;
    if (latest && size === latest.treeSize + 1 && (await this.tree.leaf(latest.eventId))?.leafIndex === latest.treeSize) return;
    const now = this.clock();
    const head = this.key.sign({ treeSize: size, rootHash: (await this.tree.root(size)).toString('hex'), timestamp: now.getTime() });
    const commandId = `tree-head:${size}`;
    await this.commands.handle(TREE_HEAD_STREAM, treeHeadsStreamId(chinaDate(now)), { type: 'signTreeHead', head, latestSize: latest?.treeSize ?? 0 }, {
      actor: SIGNER,
      commandId,
      correlationId: commandId,
      causationId: null,
    });
    this.lastSize = size;
  }
}
