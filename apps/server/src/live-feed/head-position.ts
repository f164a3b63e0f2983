import type { EventStore } from '@shuangsui/event-store';

/**
 * The global position of the newest event, or 0 for an empty store, found with about 2·log2(head)
 * one-row reads instead of a scan: the port has no "head" call, and positions may have gaps
 * (PostgreSQL sequences), so it gallops up to a position with nothing after it and then bisects.
 */
export async function headPosition(store: Pick<EventStore, 'readAll'>): Promise<number> {
  const firstAfter = async (position: number): Promise<number | null> => (await store.readAll({ after: position, maxCount: 1 }))[0]?.position ?? null;

  const first = await firstAfter(0);
  if (first === null) return 0;
  // Invariant: an event exists at `low`; none exists after `high`.
  let low = first;
  let high = low * 2;
  for (;;) {
    const next = await firstAfter(high);
    if (next === null) break;
    low = next;
    high = next * 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const next = await firstAfter(middle);
    if (next === null) high = middle;
    else low = next;
  }
  // Nothing after `high`; the only position that can hold an event in (low, high] is high itself.
  return (await firstAfter(low)) ?? low;
}
