import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { DocumentContent } from './document-content';
import { renderPdf } from './pdf-layout';
import type { DocumentFonts } from './pdf-renderer';

/** The renderer's thread (pdf-renderer.ts): one document at a time, the font files read once. */
export interface RenderRequest {
  readonly id: number;
  readonly content: DocumentContent;
  readonly fonts: DocumentFonts;
}
export type RenderReply = { readonly id: number; readonly bytes: Uint8Array } | { readonly id: number; readonly error: string };

const fontFiles = new Map<string, Buffer>();
const fontFile = (file: string): Buffer => {
  let data = fontFiles.get(file);
  if (!data) fontFiles.set(file, (data = readFileSync(file)));
  return data;
};

parentPort?.on('message', (request: RenderRequest) => {
  const { regular, bold } = request.fonts;
  renderPdf(request.content, { regular: { data: fontFile(regular.file), face: regular.face }, bold: { data: fontFile(bold.file), face: bold.face } }).then(
    (bytes) => parentPort!.postMessage({ id: request.id, bytes } satisfies RenderReply),
    (error: unknown) => parentPort!.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies RenderReply),
  );
});
