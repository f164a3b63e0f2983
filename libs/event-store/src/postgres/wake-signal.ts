/**
 * A level-triggered "something may have been committed" signal for live subscriptions. Readers note
 * `version` before they query; if it moved while they were querying, they query again instead of
 * sleeping, so a wake-up that lands mid-query is never lost.
 */
export class WakeSignal {
  private version = 0;
  private readonly waiters = new Set<() => void>();

  get current(): number {
    return this.version;
  }

  notify(): void {
    this.version += 1;
    const waiters = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiters) wake();
  }

  /** Resolves when the version differs from `seen`, after `timeoutMs`, or when `abort` fires. */
  wait(seen: number, timeoutMs: number, abort: AbortSignal): Promise<void> {
    if (this.version !== seen || abort.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        abort.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      abort.addEventListener('abort', done, { once: true });
    });
  }
}

/** A plain delay that `abort` cuts short. */
export function sleep(ms: number, abort: AbortSignal): Promise<void> {
  if (abort.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      abort.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    abort.addEventListener('abort', done, { once: true });
  });
}
