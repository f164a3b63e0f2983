import { Worker } from 'node:worker_threads';

/**
 * Builds, on the thread, the function that answers each message. It is started from its source text
 * (so it runs the same from dist/ and under ts-jest): it must be self-contained, requiring what it
 * uses itself. `sqlite` in its data is better-sqlite3's resolved path: an eval'd thread resolves
 * modules from the working directory, not from this package.
 */
export type ThreadHandlerFactory<Data, Message, Result> = (data: Data & { readonly sqlite: string }) => (message: Message) => Result;

type Reply = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

/**
 * A second thread with its own SQLite connection, answering one message at a time in order. Used
 * where a bulk job would otherwise wait for SQLite on the event loop: a replay reads events on one
 * (sqlite-lean-reader) and writes read models on another (the read store's bulk writer).
 */
export class SqliteThread<Message, Result> {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (result: Result) => void; reject: (error: Error) => void }>();
  private nextId = 1;
  private last: Promise<unknown> = Promise.resolve();
  private failure: Error | null = null;

  constructor(factory: ThreadHandlerFactory<never, Message, Result>, data: object) {
    const workerData = { ...data, sqlite: require.resolve('better-sqlite3') };
    this.worker = new Worker(`(${threadMain.toString()})(${factory.toString()})`, { eval: true, workerData });
    this.worker.on('message', (reply: Reply) => this.settle(reply));
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => this.failAll(new Error(`SQLite thread exited (${code})`)));
    this.worker.unref(); // an idle thread must not keep the process alive; a busy one does (see call)
  }

  call(message: Message): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    const answer = new Promise<Result>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) this.worker.ref();
    this.worker.postMessage({ id, message });
    this.last = answer.catch(() => undefined);
    return answer;
  }

  /** Resolves when every message sent so far has been answered (or failed). */
  async idle(): Promise<void> {
    await this.last;
  }

  async close(): Promise<void> {
    await this.idle();
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private settle(reply: Reply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if ('error' in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve(reply.result as Result);
  }

  private failAll(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/** The thread's loop (runs on the thread, from its source text). */
function threadMain(factory: (data: unknown) => (message: unknown) => unknown): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const handle = factory(workerData);
  parentPort!.on('message', ({ id, message }: { id: number; message: unknown }) => {
    try {
      parentPort!.postMessage({ id, result: handle(message) });
    } catch (error) {
      parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}
