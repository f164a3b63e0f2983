import type { KeyObject } from 'node:crypto';
import type { EventStore } from '@shuangsui/event-store';
import { verifyChain, type ChainVerification } from './verify-chain';
import { verifyTree, type TreeVerification } from './verify-tree';

export interface LogVerification {
  readonly checkedAt: string;
  readonly seconds: number;
  /** Every stream's hash chain (as `verify-chain`). */
  readonly chain: ChainVerification;
  /** The transparency tree rebuilt from the events, and every signed head against it. */
  readonly tree: TreeVerification;
}

/**
 * What `npm run cli -- verify-chain` checks, for the auditors' page: the whole log, read page by page.
 * One run at a time: an auditor pressing the button twice, or two auditors at once, share the run.
 */
export class LogVerifier {
  private running: Promise<LogVerification> | null = null;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly publicKey: KeyObject | undefined,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  verify(): Promise<LogVerification> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<LogVerification> {
    const started = Date.now();
    const chain = await verifyChain(this.store);
    const tree = await verifyTree(this.store, this.publicKey ? { publicKey: this.publicKey } : {});
    return { checkedAt: this.clock().toISOString(), seconds: (Date.now() - started) / 1000, chain, tree };
  }
}
