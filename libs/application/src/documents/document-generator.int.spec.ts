import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHECKLIST_ITEMS } from '@shuangsui/domain';
import { history, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { hashOf, sealEvents, SqliteEventStore, type EventStore, type Json } from '@shuangsui/event-store';
import { DIRECTORY_EVENT_TYPES, inspectorStreamId } from '@shuangsui/domain/directory';
import { anInspector } from '@shuangsui/domain/directory/testing/directory.fixtures';
import { INSPECTORS } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { appendGivenCase } from '../testing/given-case';
import { DocumentFontMissingError, DocumentNotAvailableError } from './document.errors';
import { loadDocumentSettings } from '../config/document-settings';
import { DocumentGenerator } from './document-generator';
import { PdfRenderer } from './pdf-renderer';
import type { DocumentKind } from './document-kinds';

const SETTINGS = loadDocumentSettings({ SHUANGSUI_DOCUMENT_NUMBER_PATTERN: '示消{word}字〔{year}〕第 {seq:4} 号', SHUANGSUI_PUBLIC_BASE_URL: 'https://example.gov.cn' });
const reader = { actor: { id: 'sup-1', role: 'supervisor' as const }, correlationId: 'test', causationId: null };

/** The text poppler reads back from the PDF in drawing order (cell by cell), without the line breaks a cell adds. */
function textOf(dir: string, bytes: Buffer): string {
  const file = join(dir, `read-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
}
const squeeze = (text: string): string => text.replace(/\s+/g, '');

describe('statutory documents', () => {
  let dir: string;
  let store: EventStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-documents-'));
    store = await SqliteEventStore.open({ path: join(dir, 'events.db') });
    await appendGivenCase(store, 'r1', history.reinspected(true, 'r1'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it.each<DocumentKind>(['inspection-record', 'rectification-order', 'reinspection-opinion'])('%s: the same events give the same bytes, from two generators', async (kind) => {
    const first = await new DocumentGenerator(store, SETTINGS).generate('r1', kind, reader);
    const second = await new DocumentGenerator(store, SETTINGS).generate('r1', kind, reader);
    expect(first.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(second.bytes.equals(first.bytes)).toBe(true);
    expect(second.documentNo).toBe(first.documentNo);
  });

  it('inspectors are named as the directory held them when the result was recorded: a later rename changes neither the text nor the bytes', async () => {
    const register = (occurredAt: string, type: string, data: Json, id: string) =>
      store.appendToStream(inspectorStreamId(INSPECTORS.a), sealEvents(inspectorStreamId(INSPECTORS.a), null, [{ id, type, data, metadata: { occurredAt, actor: { id: 'admin', role: 'admin' }, correlationId: 'test', causationId: null, commandId: id } }]), { expectedRevision: 'no_stream' });
    await register('2026-02-01T08:00:00.000Z', DIRECTORY_EVENT_TYPES.InspectorRegistered, { inspector: anInspector(1, { id: INSPECTORS.a, name: '张明' }) } as unknown as Json, 'reg');
    const before = await new DocumentGenerator(store, SETTINGS).generate('r1', 'inspection-record', reader);
    expect(textOf(dir, before.bytes)).toContain('张明');
    const last = await store.readStream(inspectorStreamId(INSPECTORS.a));
    await store.appendToStream(
      inspectorStreamId(INSPECTORS.a),
      sealEvents(inspectorStreamId(INSPECTORS.a), { revision: 0, hash: hashOf(last[0]) }, [{ id: 'rename', type: DIRECTORY_EVENT_TYPES.InspectorUpdated, data: { inspectorId: INSPECTORS.a, changes: { name: '张明华' } }, metadata: { occurredAt: '2026-12-01T08:00:00.000Z', actor: { id: 'admin', role: 'admin' }, correlationId: 'test', causationId: null, commandId: 'rename' } }]),
      { expectedRevision: 0 },
    );
    const after = await new DocumentGenerator(store, SETTINGS).generate('r1', 'inspection-record', reader);
    expect(textOf(dir, after.bytes)).not.toContain('张明华');
    expect(after.bytes.equals(before.bytes)).toBe(true);
  });

  it('the record holds the unit, its credit code, every checklist item, the hazard and its severity', async () => {
    const { bytes, documentNo } = await new DocumentGenerator(store, SETTINGS).generate('r1', 'inspection-record', reader);
    const text = textOf(dir, bytes);
    expect(documentNo).toBe('示消检字〔2026〕第 0001 号');
    for (const expected of ['消防监督检查记录', '示例市星河商贸有限公司', '91330703MA29X0XX0X', '示例区星河路88号', squeeze(documentNo), '安全出口被货物堵塞', '一般火灾隐患', '《中华人民共和国消防法》', '《消防监督检查规定》', '检查人员（签名）']) {
      expect(text).toContain(expected);
    }
    for (const item of CHECKLIST_ITEMS) expect(text).toContain(squeeze(item.label));
  });

  it('the order holds the deadline, the reinspection opinion its conclusion', async () => {
    const generator = new DocumentGenerator(store, SETTINGS);
    const order = textOf(dir, (await generator.generate('r1', 'rectification-order', reader)).bytes);
    expect(order).toContain('责令限期改正通知书');
    expect(order).toContain('2026年3月26日前改正');
    const opinion = textOf(dir, (await generator.generate('r1', 'reinspection-opinion', reader)).bytes);
    expect(opinion).toContain('复查意见书');
    expect(opinion).toContain('火灾隐患已改正');
  });

  it('numbers follow each other per kind and year without gaps; a case keeps its number', async () => {
    await appendGivenCase(store, 'r2', history.reinspected(false, 'r2'));
    const generator = new DocumentGenerator(store, SETTINGS);
    const number = async (caseId: string, kind: DocumentKind) => (await generator.generate(caseId, kind, reader)).documentNo;
    expect(await number('r2', 'rectification-order')).toBe('示消限字〔2026〕第 0001 号');
    expect(await number('r1', 'rectification-order')).toBe('示消限字〔2026〕第 0002 号');
    expect(await number('r2', 'rectification-order')).toBe('示消限字〔2026〕第 0001 号');
    expect(await number('r1', 'inspection-record')).toBe('示消检字〔2026〕第 0001 号');
  });

  it('a published case carries a QR code of its public record; an unpublished one none', async () => {
    await appendGivenCase(store, 'p1', history.published(resultWithHazard(true), 'p1'));
    const generator = new DocumentGenerator(store, SETTINGS);
    expect(textOf(dir, (await generator.generate('p1', 'inspection-record', reader)).bytes)).toContain('扫码查看公示信息');
    expect(textOf(dir, (await generator.generate('r1', 'inspection-record', reader)).bytes)).not.toContain('扫码查看公示信息');
  });

  it('a document the case has not reached yet is refused with the reason, and nothing is numbered', async () => {
    await appendGivenCase(store, 'i1', history.inspected(resultWithHazard(), 'i1'));
    const generator = new DocumentGenerator(store, SETTINGS);
    await expect(generator.generate('i1', 'rectification-order', reader)).rejects.toThrow(DocumentNotAvailableError);
    await expect(generator.generate('i1', 'reinspection-opinion', reader)).rejects.toThrow('尚未录入复查结果');
    expect((await generator.generate('r1', 'rectification-order', reader)).documentNo).toBe('示消限字〔2026〕第 0001 号');
  });

  it('renders off the event loop: a document finishes while the main thread is busy', async () => {
    const generator = new DocumentGenerator(store, SETTINGS);
    const content = await generator.content('r1', 'inspection-record', reader);
    const renderer = new PdfRenderer(SETTINGS.fonts);
    await renderer.render(content); // the thread starts and reads the fonts
    const started = Date.now();
    const expected = await renderer.render(content);
    const renderMs = Date.now() - started;
    // Asking returns at once (the layout is not done in the call), and while the main thread is then
    // busy for three renders' time the render finishes on its own thread.
    const asked = Date.now();
    const pending = renderer.render(content);
    expect(Date.now() - asked).toBeLessThan(renderMs / 2);
    const busyUntil = Date.now() + Math.max(3 * renderMs, 1_500);
    while (Date.now() < busyUntil);
    const unblocked = Date.now();
    expect((await pending).equals(expected)).toBe(true);
    expect(Date.now() - unblocked).toBeLessThan(renderMs / 2);
    await renderer.close();
  });

  it('a missing font file is named', async () => {
    const fonts = { regular: { file: join(dir, 'NoSuchFont.ttc'), face: 'X' }, bold: { file: join(dir, 'NoSuchFont.ttc'), face: 'X' } };
    await expect(new DocumentGenerator(store, { ...SETTINGS, fonts }).generate('r1', 'inspection-record', reader)).rejects.toThrow(new DocumentFontMissingError(fonts.regular.file));
  });
});
