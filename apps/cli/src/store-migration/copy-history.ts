import { StreamNotFoundError, type EventStore, type ExpectedRevision, type NewEvent, type RecordedEvent } from '@shuangsui/event-store';
import { findHeadPosition } from '@shuangsui/projections';

/**
 * Copies every event of one store into another in global order, keeping each event's id, type,
 * data and metadata (the hash chain lives in the metadata, so it stays valid in the target).
 *
 * Consecutive events of one stream in the source's global order go into one append, so the target's
 * global order is exactly the source's. Every append states the revision the target stream must be
 * at (the source revision minus one), so a target that already holds something else for that stream
 * makes the copy stop with WrongExpectedRevisionError instead of silently interleaving histories.
 * Positions and recording times are the target's own: positions are not portable between stores.
 */

export interface CopyProgress {
  /** Events copied by this run so far. */
  readonly copied: number;
  /** Source position of the last event copied. */
  readonly sourcePosition: number;
}

export interface CopyHistoryOptions {
  /** Source events per readAll page. Default 1000. */
  readonly pageSize?: number;
  /** Continue after the target's last event instead of refusing a non-empty target. */
  readonly resume?: boolean;
  readonly onProgress?: (progress: CopyProgress) => void;
}

export interface CopyReport {
  /** Source position this run continued after (0 for a fresh copy). */
  readonly resumedAfter: number;
  readonly copied: number;
}

/** Why a copy cannot start; the message is for the operator. */
export class CopyRefusedError extends Error {
  override readonly name = 'CopyRefusedError';
}

export async function copyHistory(source: EventStore, target: EventStore, options: CopyHistoryOptions = {}): Promise<CopyReport> {
  const pageSize = options.pageSize ?? 1_000;
  const resumedAfter = await startingPoint(source, target, options.resume ?? false);
  let after = resumedAfter;
  let copied = 0;
  for (;;) {
    const page = await source.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const run of sameStreamRuns(page)) {
      const first = run[0]!;
      const expectedRevision: ExpectedRevision = first.revision === 0 ? 'no_stream' : first.revision - 1;
      await target.appendToStream(first.streamId, run.map(asNewEvent), { expectedRevision });
      copied += run.length;
    }
    after = page[page.length - 1]!.position;
    options.onProgress?.({ copied, sourcePosition: after });
  }
  return { resumedAfter, copied };
}

/**
 * 0 for an empty target. For a non-empty one (only with resume): the source position of the
 * target's last event, after checking that the source holds that very event (same id, stream and
 * revision). Appends are atomic, so the target always ends on a complete append.
 */
async function startingPoint(source: EventStore, target: EventStore, resume: boolean): Promise<number> {
  const head = await findHeadPosition(target);
  if (head === 0) return 0;
  if (!resume) {
    throw new CopyRefusedError('目标事件库不是空的：拒绝覆盖。若是上次中断的迁移，请加 --resume 从最后一个已复制的事件继续');
  }
  const last = (await target.readAll({ after: head - 1, maxCount: 1 }))[0];
  if (!last) throw new CopyRefusedError(`无法读取目标事件库的最后一个事件（位置 ${head}）`);
  const inSource = await readOne(source, last.streamId, last.revision);
  if (!inSource || inSource.id !== last.id) {
    throw new CopyRefusedError(
      `目标事件库的最后一个事件（流 ${last.streamId}，修订号 ${last.revision}，id ${last.id}）在源事件库中不存在或 id 不同：` +
        '目标不是源的前缀，不能续传',
    );
  }
  return inSource.position;
}

async function readOne(store: EventStore, streamId: string, revision: number): Promise<RecordedEvent | undefined> {
  try {
    return (await store.readStream(streamId, { fromRevision: revision, maxCount: 1 }))[0];
  } catch (error) {
    if (error instanceof StreamNotFoundError) return undefined;
    throw error;
  }
}

/** Splits a page into maximal runs of consecutive events of one stream, keeping the order. */
export function sameStreamRuns(page: readonly RecordedEvent[]): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of page) {
    const current = runs[runs.length - 1];
    const previous = current?.[current.length - 1];
    if (current && previous && previous.streamId === event.streamId && previous.revision + 1 === event.revision) current.push(event);
    else runs.push([event]);
  }
  return runs;
}

function asNewEvent(event: RecordedEvent): NewEvent {
  return { id: event.id, type: event.type, data: event.data, metadata: event.metadata };
}
