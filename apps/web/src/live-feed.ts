import { onBeforeUnmount } from 'vue';

/**
 * Calls `onChange` (at most once a second) whenever the server's live feed reports a case change, for
 * as long as the component lives. EventSource reconnects by itself, resuming with Last-Event-ID.
 */
export function useLiveFeed(onChange: () => void): { readonly connected: () => boolean } {
  const source = new EventSource('/inspections/stream', { withCredentials: true });
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
