import type { EventStore } from '@shuangsui/event-store';

/**
 * The store's last position (0 when empty). Kept as a function for its callers (progress bars, the
 * store migration's resume check); every adapter now answers it with one query (`headPosition`).
 */
export function findHeadPosition(events: EventStore): Promise<number> {
  return events.headPosition();
}
