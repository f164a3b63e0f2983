import { chinaDate } from '@shuangsui/domain';
import { treeHeadDecider, treeHeadsStreamId, type SignTreeHead, type TreeHeadEvent, type TreeHeadRejection, type TreeHeadState } from '@shuangsui/domain/transparency';
import type { EventStore } from '@shuangsui/event-store';
import type { TransparencyTreeReader } from '@shuangsui/projections';
import { CommandHandler, type StreamKind } from '../commands';
import { COMMAND_ROLES } from '../permissions';
import type { LeaderServiceStatus } from '../process-managers/leader-tasks';
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
export class TreeHeadSigner {
  readonly name = 'transparency-heads';
  private timer: NodeJS.Timeout | null = null;
  private signing: Promise<void> = Promise.resolve();
  private state: LeaderServiceStatus['state'] = 'stopped';
  private error: string | null = null;
  private lastSize = 0;
  private readonly commands: CommandHandler;

  constructor(
    events: EventStore,
    private readonly tree: TransparencyTreeReader,
    private readonly key: LogSigningKey,
    private readonly intervalMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.commands = new CommandHandler(events, clock);
  }

  async start(): Promise<void> {
    this.state = 'running';
    this.error = null;
    this.timer = setInterval(() => void this.signNow(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.signing;
    if (this.state === 'running') this.state = 'stopped';
  }

  status(): LeaderServiceStatus {
    return { name: this.name, state: this.state, position: this.lastSize, error: this.error };
  }

  /** Signs the current tree if it grew by more than the last head's own event; one signing at a time. */
  signNow(): Promise<void> {
    this.signing = this.signing.then(() => this.signOnce()).catch((error: unknown) => {
      this.error = error instanceof Error ? error.message : String(error);
    });
    return this.signing;
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
    this.error = null;
  }
}
