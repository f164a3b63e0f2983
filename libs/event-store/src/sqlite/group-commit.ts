/**
 * Group commit: requests submitted while the event loop is busy are queued and handed to
 * `commitBatch` together, so N concurrent appends cost one transaction and one fsync instead of N.
 *
 * The flush runs on setImmediate, not on a timer: a lone sequential append waits only for the
 * current tick to finish, while every request submitted in that tick (including those from
 * promise continuations of the previous batch) joins the same batch.
 */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: unknown };

/** One flush, for operators' metrics: how many appends shared it, its commit time, each append's wait. */
export interface GroupCommitStats {
  readonly appends: number;
  /** The transaction and its fsync. */
  readonly commitSeconds: number;
  /** For each append of the batch: from submit to its outcome (queueing + commit). */
  readonly appendSeconds: readonly number[];
}

interface Pending<Req, Res> {
  readonly request: Req;
  readonly submittedAt: bigint;
  readonly resolve: (value: Res) => void;
  readonly reject: (error: unknown) => void;
}

export class GroupCommit<Req, Res> {
  private queue: Pending<Req, Res>[] = [];
  private scheduled: NodeJS.Immediate | null = null;
  /** Set by whoever watches (the server's metrics); nothing is measured while unset. */
  onFlush: ((stats: GroupCommitStats) => void) | null = null;

  /**
   * @param commitBatch commits all requests in one transaction and returns one outcome per
   *   request, in order. Throwing means the whole batch failed (nothing committed).
   * @param maxBatchSize bounds how long one flush blocks the event loop.
   */
  constructor(
    private readonly commitBatch: (requests: readonly Req[]) => Outcome<Res>[],
    private readonly maxBatchSize = 2_000,
  ) {}

  submit(request: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.queue.push({ request, resolve, reject, submittedAt: process.hrtime.bigint() });
      this.schedule();
    });
  }

  /** Commits everything queued right now (used by close()). */
  drain(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    while (this.queue.length > 0) this.flushOne();
  }

  private schedule(): void {
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.flushOne();
      if (this.queue.length > 0) this.schedule();
    });
  }

  private flushOne(): void {
    const batch = this.queue.splice(0, this.maxBatchSize);
    if (batch.length === 0) return;
    let outcomes: Outcome<Res>[];
    const started = process.hrtime.bigint();
    try {
      outcomes = this.commitBatch(batch.map((pending) => pending.request));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    if (this.onFlush) {
      const ended = process.hrtime.bigint();
      const seconds = (from: bigint): number => Number(ended - from) / 1e9;
      this.onFlush({ appends: batch.length, commitSeconds: seconds(started), appendSeconds: batch.map((pending) => seconds(pending.submittedAt)) });
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (!outcome) pending.reject(new Error('group commit: no outcome for request'));
      else if (outcome.ok) pending.resolve(outcome.value);
      else pending.reject(outcome.error);
    });
  }
}
