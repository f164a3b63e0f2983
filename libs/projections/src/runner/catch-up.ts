import type { EventStore } from '@shuangsui/event-store';
import type { ReadStore } from '../read-store.port';

/**
 * A read model still behind the log as it stood when the request came in. The message is for the
 * person who sent the request (the API shows it as it is); the fields are for logs and retries.
 */
export class ReadModelLagError extends Error {
  override readonly name = 'ReadModelLagError';
  constructor(
    /** The projection furthest behind. */
    readonly projection: string,
    /** Its checkpoint when the wait gave up. */
    readonly position: number,
    /** The log's last position when the request came in. */
    readonly head: number,
  ) {
    super(`读模型尚未追上事件日志（${projection} 已处理至位置 ${position}，日志已至位置 ${head}），请稍后重试`);
  }
}

export interface WaitForProjectionsOptions {
  /** Default 10 s: long enough for a catch-up after a burst of imports, short enough for a request. */
  readonly timeoutMs?: number;
  /** Default 15 ms: a live projection commits within a tick or two of an append. */
  readonly pollMs?: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until every named projection has applied the whole log as it stands now, so a command that
 * decides on facts from other streams never decides on a read model older than its request. The
 * head is read once, at the call: events appended while waiting do not move the goal (they came
 * after the request). Returns the lowest checkpoint reached (≥ that head); rejects with
 * ReadModelLagError when the time is up (a stopped or failed projection never catches up).
 */
export async function waitForProjections(
  events: EventStore,
  readStore: ReadStore,
  projections: readonly string[],
  options: WaitForProjectionsOptions = {},
): Promise<number> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const pollMs = options.pollMs ?? 15;
  const head = await events.headPosition();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = await furthestBehind(readStore, projections);
    if (behind === null) return head;
    if (behind.position >= head) return behind.position;
    if (Date.now() >= deadline) throw new ReadModelLagError(behind.name, behind.position, head);
    await sleep(pollMs);
  }
}

/** The projection with the lowest checkpoint (0 for one never registered), or null for no projections. */
async function furthestBehind(readStore: ReadStore, projections: readonly string[]): Promise<{ name: string; position: number } | null> {
  const checkpoints = await Promise.all(projections.map(async (name) => ({ name, position: (await readStore.checkpoint(name))?.position ?? 0 })));
  let lowest: { name: string; position: number } | null = null;
  for (const checkpoint of checkpoints) if (lowest === null || checkpoint.position < lowest.position) lowest = checkpoint;
  return lowest;
}
