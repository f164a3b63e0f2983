/**
 * Client-side group commit for appends. An append that arrives while `maxInFlight` statements are
 * already running waits in a queue; when a statement returns, everything queued goes to the server
 * together as one batch: one statement, one transaction, one WAL flush, one position allocation.
 * Each append still gets its own expectation check and its own outcome. A lone append (the
 * sequential case) goes out at once, alone, so batching never adds latency.
 *
 * If a batch statement fails as a whole (a duplicate event id, a bad UUID, a lost connection), its
 * appends are retried one by one, so only the faulty append reports the error.
 */
export interface BatchExecutor<Request, Outcome> {
  one(request: Request): Promise<Outcome>;
  many(requests: readonly Request[]): Promise<Outcome[]>;
}

interface Pending<Request, Outcome> {
  readonly request: Request;
  readonly resolve: (outcome: Outcome) => void;
  readonly reject: (error: unknown) => void;
}

export class AppendBatcher<Request, Outcome> {
  private readonly queue: Pending<Request, Outcome>[] = [];
  private inFlight = 0;

  constructor(
    private readonly execute: BatchExecutor<Request, Outcome>,
    private readonly maxInFlight: number,
    private readonly maxBatchSize = 256,
  ) {}

  submit(request: Request): Promise<Outcome> {
    return new Promise<Outcome>((resolve, reject) => {
      this.queue.push({ request, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatchSize);
      this.inFlight += 1;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async flush(batch: readonly Pending<Request, Outcome>[]): Promise<void> {
    if (batch.length > 1) {
      try {
        const outcomes = await this.execute.many(batch.map((p) => p.request));
        batch.forEach((pending, i) => pending.resolve(outcomes[i] as Outcome));
        return;
      } catch {
        // Fall through: one by one, so each append gets its own result or its own error.
      }
    }
    await Promise.all(
      batch.map((pending) => this.execute.one(pending.request).then(pending.resolve, pending.reject)),
    );
  }
}
