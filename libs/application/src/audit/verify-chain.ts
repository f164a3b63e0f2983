import { eventHash, GENESIS_HASH, type ChainBreak, type EventStore, type Json, type RecordedEvent } from '@shuangsui/event-store';

/**
 * Verifies every stream's hash chain (ADR 004) while walking the whole store once in global order.
 *
 * Memory stays bounded by the number of streams, not events: per stream only the last revision
 * and hash seen are kept, and the events are read one page at a time. The per-event check is a
 * separate class so that a store-migration tool can run it over the events it copies.
 */

/** What is remembered of a stream between two of its events. */
interface StreamHead {
  readonly revision: number;
  readonly hash: string;
}

/**
 * Checks events handed to it in global order, each against its stream's previous event.
 * It accepts the first event of a stream only at revision 0, so a stream whose first events
 * were removed or reordered is caught too.
 */
export class StreamChainChecker {
  private readonly heads = new Map<string, StreamHead>();
  private checked = 0;

  /** The first broken link this event shows, or null; on null the event becomes its stream's head. */
  check(event: RecordedEvent): ChainBreak | null {
    const at = { streamId: event.streamId, revision: event.revision, position: event.position, eventId: event.id };
    const head = this.heads.get(event.streamId);
    const expectedRevision = head ? head.revision + 1 : 0;
    if (event.revision !== expectedRevision) return { ...at, reason: 'revision_gap' };

    const metadata = isObject(event.metadata) ? event.metadata : {};
    if ((metadata['prevHash'] ?? null) !== (head?.hash ?? GENESIS_HASH)) return { ...at, reason: 'prev_hash_mismatch' };
    const hash = metadata['hash'];
    if (typeof hash !== 'string' || hash !== eventHash(event.streamId, event.revision, event)) return { ...at, reason: 'hash_mismatch' };

    this.heads.set(event.streamId, { revision: event.revision, hash });
    this.checked += 1;
    return null;
  }

  get eventsChecked(): number {
    return this.checked;
  }

  get streamsSeen(): number {
    return this.heads.size;
  }
}

export type ChainVerification =
  | { readonly intact: true; readonly events: number; readonly streams: number; readonly lastPosition: number }
  | { readonly intact: false; readonly break: ChainBreak; readonly eventsCheckedBefore: number; readonly streams: number };

export interface VerifyChainOptions {
  /** Events per readAll page. Default 1000. */
  readonly pageSize?: number;
  /** Called after each page with the number of events checked and the last position read. */
  readonly onProgress?: (progress: { readonly events: number; readonly position: number }) => void;
}

/** Walks the whole store from position 0 and reports the first broken link, or that all chains hold. */
export async function verifyChain(store: Pick<EventStore, 'readAll'>, options: VerifyChainOptions = {}): Promise<ChainVerification> {
  const checker = new StreamChainChecker();
  const pageSize = options.pageSize ?? 1_000;
  let position = 0;
  for (;;) {
    const page = await store.readAll({ after: position, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      const broken = checker.check(event);
      if (broken) return { intact: false, break: broken, eventsCheckedBefore: checker.eventsChecked, streams: checker.streamsSeen };
      position = event.position;
    }
    options.onProgress?.({ events: checker.eventsChecked, position });
  }
  return { intact: true, events: checker.eventsChecked, streams: checker.streamsSeen, lastPosition: position };
}

function isObject(value: Json): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
