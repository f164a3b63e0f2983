import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { DocumentSettings } from '../config/document-settings';
import type { DocumentContent } from './document-content';
import { DocumentFontMissingError } from './document.errors';
import type { RenderReply, RenderRequest } from './pdf-render.worker';

/** Font files and, for a .ttc collection (Noto Sans CJK), the face's PostScript name. */
export type DocumentFonts = DocumentSettings['fonts'];

/**
 * Renders documents (pdf-layout.ts) on a thread of their own: laying out a page and subsetting the CJK
 * font takes a tenth of a second and more of synchronous work, which on the event loop would stall
 * every other request for that long. One thread, started at the first document and idle (unref'd)
 * between them; the bytes are the same as on the main thread (same code, same inputs).
 */
export class PdfRenderer {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (bytes: Buffer) => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(private readonly fonts: DocumentFonts) {}

  render(content: DocumentContent): Promise<Buffer> {
    for (const { file } of [this.fonts.regular, this.fonts.bold]) if (!existsSync(file)) return Promise.reject(new DocumentFontMissingError(file));
    const worker = this.started();
    const id = this.nextId++;
    const bytes = new Promise<Buffer>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    if (this.waiting.size === 1) worker.ref();
    worker.postMessage({ id, content, fonts: this.fonts } satisfies RenderRequest);
    return bytes;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(join(__dirname, `pdf-render.worker${__filename.slice(__filename.lastIndexOf('.'))}`));
    worker.on('message', (reply: RenderReply) => this.settle(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => this.failAll(new Error(`PDF renderer thread exited (${code})`)));
    worker.unref();
    return (this.worker = worker);
  }

  private settle(reply: RenderReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker?.unref();
    if ('error' in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
  }

  private failAll(error: Error): void {
    this.worker = null; // the next document starts a fresh thread
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}

/**
 * From dist/ the thread runs the compiled worker file. From a source checkout (ts-jest runs the .ts
 * files) it compiles the worker's TypeScript on the fly with esbuild, a development dependency.
 */
function startWorker(script: string): Worker {
  if (!script.endsWith('.ts')) return new Worker(script);
  const loader = `
    const { workerData } = require('node:worker_threads');
    const esbuild = require(workerData.esbuild);
    require.extensions['.ts'] = (module, filename) => module._compile(
      esbuild.transformSync(require('node:fs').readFileSync(filename, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename }).code, filename);
    require(workerData.script);`;
  return new Worker(loader, { eval: true, workerData: { script, esbuild: require.resolve('esbuild') } });
}
