import { canonicalJson } from '@shuangsui/domain/shared/canonical-json';
import { StreamChainChecker } from '@shuangsui/application';
import type { ChainBreak, EventStore, RecordedEvent } from '@shuangsui/event-store';

/**
 * Checks a finished copy by walking both stores once, side by side, in global order:
 *  - the n-th event of the target must be the n-th of the source: same id, stream, revision, type,
 *    data and metadata (so the order, the counts and every per-stream hash are the same);
 *  - every stream's hash chain must hold in the target (verify-chain's checker), and in the source,
 *    so a copy of an already-tampered history is not reported as a clean migration.
 * Memory stays bounded by the number of streams (the checkers' heads) plus two pages.
 */

export type CopyMismatch =
  | { readonly kind: 'count'; readonly sourceEvents: number; readonly targetEvents: number }
  | { readonly kind: 'event'; readonly index: number; readonly field: string; readonly sourceEventId: string; readonly targetEventId: string }
  | { readonly kind: 'chain'; readonly store: 'source' | 'target'; readonly break: ChainBreak };

export interface CopyVerification {
  readonly sourceEvents: number;
  readonly targetEvents: number;
  readonly streams: number;
  /** The first mismatch found, or null when the target is a faithful, intact copy. */
  readonly mismatch: CopyMismatch | null;
}

export interface VerifyCopyOptions {
  readonly pageSize?: number;
  /** Called once per page with the events compared so far and the source position reached. */
  readonly onProgress?: (progress: { readonly events: number; readonly sourcePosition: number }) => void;
}

export async function verifyCopy(source: EventStore, target: EventStore, options: VerifyCopyOptions = {}): Promise<CopyVerification> {
  const pageSize = options.pageSize ?? 1_000;
  const sourceEvents = pages(source, pageSize)[Symbol.asyncIterator]();
  const targetEvents = pages(target, pageSize)[Symbol.asyncIterator]();
  const sourceChain = new StreamChainChecker();
  const targetChain = new StreamChainChecker();
  let index = 0;
  const result = (mismatch: CopyMismatch | null, sourceCount = index, targetCount = index): CopyVerification => ({
    sourceEvents: sourceCount,
    targetEvents: targetCount,
    streams: targetChain.streamsSeen,
    mismatch,
  });

  for (;;) {
    const [s, t] = await Promise.all([sourceEvents.next(), targetEvents.next()]);
    if (s.done && t.done) return result(null);
    if (s.done || t.done) {
      // One side ran out: count the rest of the other for the report.
      const rest = await countRest(s.done ? targetEvents : sourceEvents);
      const sourceCount = s.done ? index : index + 1 + rest;
      const targetCount = t.done ? index : index + 1 + rest;
      return result({ kind: 'count', sourceEvents: sourceCount, targetEvents: targetCount }, sourceCount, targetCount);
    }
    const field = firstDifference(s.value, t.value);
    if (field) return result({ kind: 'event', index, field, sourceEventId: s.value.id, targetEventId: t.value.id });
    const sourceBreak = sourceChain.check(s.value);
    if (sourceBreak) return result({ kind: 'chain', store: 'source', break: sourceBreak });
    const targetBreak = targetChain.check(t.value);
    if (targetBreak) return result({ kind: 'chain', store: 'target', break: targetBreak });
    index += 1;
    if (index % pageSize === 0) options.onProgress?.({ events: index, sourcePosition: s.value.position });
  }
}

/** The name of the first field that differs between a source event and its copy, or null. */
function firstDifference(source: RecordedEvent, copy: RecordedEvent): string | null {
  if (source.id !== copy.id) return 'id';
  if (source.streamId !== copy.streamId) return 'streamId';
  if (source.revision !== copy.revision) return 'revision';
  if (source.type !== copy.type) return 'type';
  if (canonicalJson(source.data) !== canonicalJson(copy.data)) return 'data';
  if (canonicalJson(source.metadata) !== canonicalJson(copy.metadata)) return 'metadata';
  return null;
}

async function* pages(store: EventStore, pageSize: number): AsyncGenerator<RecordedEvent> {
  let after = 0;
  for (;;) {
    const page = await store.readAll({ after, maxCount: pageSize });
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.position;
  }
}

async function countRest(events: AsyncIterator<RecordedEvent>): Promise<number> {
  let count = 0;
  while (!(await events.next()).done) count += 1;
  return count;
}
