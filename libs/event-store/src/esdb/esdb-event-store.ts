/**
 * The EventStore port on EventStoreDB / KurrentDB, through @eventstore/db-client (gRPC).
 *
 * - Expected revisions and WrongExpectedVersionError map one to one onto the port's types.
 * - Event ids are the writer's NewEvent ids, so a retried append is idempotent on the server.
 * - Positions are commit positions (see esdb-mapping.ts for why one number suffices).
 * - $all is read and subscribed without system events ($-prefixed types). The subscription uses
 *   the server-side filter (excludeSystemEvents). Client 6.x cannot send a filter with a $all
 *   read, so readAll filters on this side and keeps reading until a page is full or $all ends:
 *   a page of system events never looks like "caught up".
 * - EventStoreDB reads $all only from a record boundary; an `after` that is not one (e.g. a
 *   position minus one) is resolved to the last record at or before it by a backwards read.
 */
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  excludeSystemEvents,
  type AllStreamResolvedEvent,
  type Direction,
  type ReadPosition,
  type AllStreamSubscription,
} from '@eventstore/db-client';
import { Observable, type Subscriber } from 'rxjs';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../event-store.port';
import { toLeanEvent, type LeanEvent } from '../lean-event';
import {
  isSystemEvent,
  toEsdbExpectedRevision,
  toEsdbPosition,
  toEventData,
  toPortError,
  toPortPosition,
  toRecordedEvent,
} from './esdb-mapping';

const DEFAULT_PAGE_SIZE = 1000;
const CONNECT_TIMEOUT_MS = 10_000;
const BOUNDARY_SEARCH_PAGE = 256;

export class EsdbEventStore implements EventStore {
  private closed = false;

  private constructor(private readonly client: EventStoreDBClient) {}

  /**
   * Connects and checks the server answers (one $all read), so a wrong or unreachable URL fails
   * here rather than on the first command. Accepts `esdb://host:2113?tls=false`,
   * `esdb://a:2113,b:2113,c:2113` (gossip seeds) and `esdb+discover://cluster.dns:2113`.
   */
  static async connect(connectionString: string): Promise<EsdbEventStore> {
    const store = new EsdbEventStore(EventStoreDBClient.connectionString(connectionString));
    try {
      await withTimeout(store.readAllRaw(START, 1), CONNECT_TIMEOUT_MS, 'EventStoreDB did not answer');
    } catch (error) {
      await store.close();
      throw error;
    }
    return store;
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedRevision: ExpectedRevision },
  ): Promise<AppendResult> {
    const expected = options.expectedRevision;
    try {
      const result = await this.client.appendToStream(streamId, events.map(toEventData), {
        expectedRevision: toEsdbExpectedRevision(expected),
      });
      const nextExpectedRevision = Number(result.nextExpectedRevision);
      const position = toPortPosition(result.position) ?? (await this.positionOf(streamId, nextExpectedRevision));
      return { nextExpectedRevision, position };
    } catch (error) {
      throw toPortError(error, streamId, expected);
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    try {
      const read = this.client.readStream(streamId, {
        fromRevision: BigInt(options.fromRevision ?? 0),
        maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of read) {
        if (resolved.event !== undefined) events.push(toRecordedEvent(resolved.event));
      }
    } catch (error) {
      throw toPortError(error, streamId);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.after ?? 0;
    const maxCount = options.maxCount ?? DEFAULT_PAGE_SIZE;
    const page: RecordedEvent[] = [];
    let cursor = after;
    let from: ReadPosition = after > 0 ? toEsdbPosition(after) : START;
    for (;;) {
      // Reading from a position includes the event at it, hence one more than needed.
      const wanted = maxCount - page.length + 1;
      const raw =
        cursor === after ? await this.readAllFromCheckpoint(from, wanted) : await this.readAllRaw(from, wanted);
      for (const resolved of raw) {
        const event = resolved.event;
        if (event === undefined) continue;
        const recorded = toRecordedEvent(event);
        if (recorded.position <= cursor) continue;
        cursor = recorded.position;
        if (!isSystemEvent(recorded) && page.length < maxCount) page.push(recorded);
      }
      if (page.length >= maxCount || raw.length < wanted) return page;
      from = toEsdbPosition(cursor);
    }
  }

  /** The server sends whole events whatever is asked for: nothing to save by reading less. */
  async readAllLean(options: ReadAllOptions = {}): Promise<LeanEvent[]> {
    return (await this.readAll(options)).map(toLeanEvent);
  }

  /**
   * $all read backwards from its end: the first event that is not a system event (which readAll and
   * the subscription never deliver, so a checkpoint could never reach one). Usually the first record.
   */
  async headPosition(): Promise<number> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllRaw(from, BOUNDARY_SEARCH_PAGE, BACKWARDS);
      for (const resolved of page) {
        const event = resolved.event;
        if (event === undefined) continue;
        const position = toPortPosition(event.position);
        if (!isSystemEvent(event) && position !== undefined) return position;
        if (event.position !== undefined) from = event.position;
      }
      if (page.length < BOUNDARY_SEARCH_PAGE) return 0;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<RecordedEvent> {
    const after = options.after ?? 0;
    return new Observable<RecordedEvent>((subscriber) => {
      let subscription: AllStreamSubscription | undefined;
      let unsubscribed = false;
      this.subscriptionStart(after).then(
        (fromPosition) => {
          if (unsubscribed) return;
          subscription = this.client.subscribeToAll({ fromPosition, filter: excludeSystemEvents() });
          this.forward(subscription, after, subscriber);
        },
        (error: unknown) => subscriber.error(error),
      );
      return () => {
        unsubscribed = true;
        void subscription?.unsubscribe();
      };
    });
  }

  /**
   * The server starts a $all subscription after the given position (exclusive); the check below
   * also drops anything at or before the last delivered position, whatever happens.
   */
  private forward(
    subscription: AllStreamSubscription,
    after: number,
    subscriber: Subscriber<RecordedEvent>,
  ): void {
    let last = after;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => {
      if (resolved.event === undefined || isSystemEvent(resolved.event)) return;
      let recorded: RecordedEvent;
      try {
        recorded = toRecordedEvent(resolved.event);
      } catch (error) {
        subscriber.error(error);
        return;
      }
      if (recorded.position <= last) return;
      last = recorded.position;
      subscriber.next(recorded);
    });
    subscription.on('error', (error: unknown) => subscriber.error(toPortError(error, '$all')));
    subscription.on('end', () => subscriber.complete());
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.dispose();
  }

  /**
   * EventStoreDB reads $all only from a record boundary. Checkpoints this adapter handed out are
   * boundaries; any other number (a position minus one, a checkpoint from another database) is
   * answered with an error or, past the end, with nothing. Then start from the last event at or
   * before it instead: the caller's `after` filter makes the result the same.
   */
  private async readAllFromCheckpoint(from: ReadPosition, maxCount: number): Promise<AllStreamResolvedEvent[]> {
    if (from === START || from === END) return this.readAllRaw(from, maxCount);
    try {
      return await this.readAllRaw(from, maxCount);
    } catch (error) {
      const boundary = await this.boundaryAtOrBefore(Number(from.commit)).catch(() => {
        throw error;
      });
      return this.readAllRaw(boundary, maxCount);
    }
  }

  private async subscriptionStart(after: number): Promise<ReadPosition> {
    if (after <= 0) return START;
    const direct = toEsdbPosition(after);
    try {
      await this.readAllRaw(direct, 1);
      return direct;
    } catch {
      return this.boundaryAtOrBefore(after);
    }
  }

  /** The position of the last record at or before `position` (system events included), or START. */
  private async boundaryAtOrBefore(position: number): Promise<ReadPosition> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.readAllRaw(from, BOUNDARY_SEARCH_PAGE, BACKWARDS);
      for (const resolved of page) {
        const found = resolved.event?.position;
        if (found !== undefined && Number(found.commit) <= position) return found;
        if (found !== undefined) from = found;
      }
      if (page.length < BOUNDARY_SEARCH_PAGE) return START;
    }
  }

  private async readAllRaw(
    fromPosition: ReadPosition,
    maxCount: number,
    direction: Direction = FORWARDS,
  ): Promise<AllStreamResolvedEvent[]> {
    const resolved: AllStreamResolvedEvent[] = [];
    for await (const event of this.client.readAll({ fromPosition, maxCount, direction })) resolved.push(event);
    return resolved;
  }

  /** Servers that answer an append without a position (some idempotent replies): read it back. */
  private async positionOf(streamId: string, revision: number): Promise<number> {
    const [event] = await this.readStream(streamId, { fromRevision: revision, maxCount: 1 });
    if (event === undefined) throw new Error(`EventStoreDB: ${streamId}@${revision} not found after append`);
    return event.position;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
