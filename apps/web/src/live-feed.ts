import { onBeforeUnmount } from 'vue';
import type { Inbox } from './api/types';

/**
 * Calls `onChange` (at most once a second) whenever the server's live feed reports a case change, and
 * `onReminders` with the viewer's inbox whenever the server sends it (at once, and when a deadline turns
 * near or overdue with no event), for as long as the component lives. EventSource reconnects by itself,
 * resuming with Last-Event-ID.
 */
export function useLiveFeed(onChange: () => void, onReminders?: (inbox: Inbox) => void): { readonly connected: () => boolean } {
  const source = new EventSource('/inspections/stream', { withCredentials: true });
  if (onReminders) source.addEventListener('reminders', (event) => onReminders(JSON.parse((event as MessageEvent<string>).data) as Inbox));
  let timer: ReturnType<typeof setTimeout> | undefined;
  source.onmessage = () => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      onChange();
    }, 1000);
  };
  onBeforeUnmount(() => {
    source.close();
    if (timer) clearTimeout(timer);
  });
  return { connected: () => source.readyState === EventSource.OPEN };
}
