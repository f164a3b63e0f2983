import { Observable } from 'rxjs';
import type { RecordedEvent } from '../event-store.port';

/** What a subscription needs from the store it reads. */
export interface SubscriptionSource {
  /** Events with position > after, in position order, at most maxCount. Synchronous. */
  readPage(after: number, maxCount: number): RecordedEvent[];
  /** Registers a callback run after every local commit; returns its removal. */
  onCommit(listener: () => void): () => void;
  isClosed(): boolean;
}

export interface SubscriptionOptions {
  readonly after: number;
  readonly pageSize: number;
  /** Polling catches commits made by another process on the same file. */
  readonly pollIntervalMs: number;
}

/**
 * Catch-up and live delivery are one loop: read the next page after the cursor, emit it, advance
 * the cursor. "Live" just means the loop is woken by a commit notification (or the poll timer)
 * instead of running back-to-back. Because every read starts from the last position emitted and
 * SQLite assigns positions in commit order under its write lock, the hand-over can neither skip
 * nor repeat an event. One page per macrotask, so a long catch-up does not starve the writers.
 */
export function subscribeToAll(source: SubscriptionSource, options: SubscriptionOptions): Observable<RecordedEvent> {
  return new Observable<RecordedEvent>((subscriber) => {
    let cursor = options.after;
    let scheduled: NodeJS.Immediate | null = null;

    const readNextPage = (): void => {
      scheduled = null;
      if (subscriber.closed) return;
      if (source.isClosed()) {
        subscriber.complete();
        return;
      }
      let page: RecordedEvent[];
      try {
        page = source.readPage(cursor, options.pageSize);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      for (const event of page) {
        if (subscriber.closed) return;
        cursor = event.position;
        subscriber.next(event);
      }
      if (page.length === options.pageSize) wake();
    };

    const wake = (): void => {
      if (scheduled === null && !subscriber.closed) scheduled = setImmediate(readNextPage);
    };

    const removeListener = source.onCommit(wake);
    const poll = setInterval(wake, options.pollIntervalMs);
    // A live subscription alone should not keep the process running.
    poll.unref();
    wake();

    return () => {
      removeListener();
      clearInterval(poll);
      if (scheduled !== null) clearImmediate(scheduled);
    };
  });
}
