/** A minimal server-sent-events reader over fetch, for end-to-end tests of SSE endpoints. */
export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

export interface SseConnection {
  readonly status: number;
  readonly contentType: string | null;
  /** Resolves with the next message that matches, waiting up to timeoutMs. */
  next(match?: (message: SseMessage) => boolean, timeoutMs?: number): Promise<SseMessage>;
  close(): void;
}

export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseConnection> {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const queue: SseMessage[] = [];
  const waiters: (() => void)[] = [];
  let ended = false;

  const pump = async (): Promise<void> => {
    if (!response.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          queue.push(parseFrame(frame));
          waiters.splice(0).forEach((wake) => wake());
        }
      }
    } catch {
      // aborted by close()
    } finally {
      ended = true;
      waiters.splice(0).forEach((wake) => wake());
    }
  };
  void pump();

  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    async next(match = () => true, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const index = queue.findIndex(match);
        if (index >= 0) return queue.splice(index, 1)[0]!;
        if (ended) throw new Error('SSE stream ended before a matching message arrived');
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`no matching SSE message within ${timeoutMs} ms; received ${JSON.stringify(queue)}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
    close: () => abort.abort(),
  };
}

function parseFrame(frame: string): SseMessage {
  const message: { id?: string; event?: string; data?: string; comment?: string } = {};
  for (const line of frame.split('\n')) {
    if (line.startsWith(':')) message.comment = line.slice(1).trim();
    else {
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'data') message.data = message.data === undefined ? value : `${message.data}\n${value}`;
      else if (field === 'id' || field === 'event') message[field] = value;
    }
  }
  return message;
}
