import type { EventStore } from '@shuangsui/event-store';

/**
 * The store's last position, found with O(log n) one-event reads ("is there an event after x?" is
 * monotone in x), since the port has no head query. Used for progress bars, not for correctness.
 */
export async function findHeadPosition(events: EventStore): Promise<number> {
  const after = async (position: number) => (await events.readAll({ after: position, maxCount: 1 }))[0]?.position ?? null;
  let low = 0; // an event exists after `low`, or low is the answer
  const first = await after(0);
  if (first === null) return 0;
  low = first;
  let high = Math.max(2 * low, 1024);
  while ((await after(high)) !== null) {
    low = high;
    high *= 2;
  }
  // Invariant: an event at or below `high` is the last; `low` is a position with an event or ≤ it.
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const next = await after(middle);
    if (next === null) high = middle;
    else low = next;
  }
  const last = await after(low);
  return last ?? low;
}
