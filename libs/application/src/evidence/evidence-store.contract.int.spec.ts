import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from '@shuangsui/event-store/postgres/pg-test-database';
import { DirectoryEvidenceStore } from './directory-evidence-store';
import type { EvidenceStore, ReceivedFile } from './evidence-store.port';
import { PostgresEvidenceStore } from './postgres-evidence-store';

const scratch = mkdtempSync(join(tmpdir(), 'shuangsui-evidence-contract-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function received(content: string, fileName = 'photo.jpg'): ReceivedFile {
  const path = join(scratch, `${Math.random()}`);
  writeFileSync(path, content);
  return { path, size: Buffer.byteLength(content), sha256: createHash('sha256').update(content).digest('hex'), mediaType: 'image/jpeg', fileName };
}

/** One contract, every adapter: a real directory and a real PostgreSQL database. */
describe.each([
  ['directory', async () => ({ store: new DirectoryEvidenceStore(mkdtempSync(join(scratch, 'dir-'))) as EvidenceStore, cleanUp: async () => undefined })],
  [
    'postgres',
    async () => {
      const schema = uniqueTestSchema('evidence');
      const store = await PostgresEvidenceStore.open(`${TEST_DATABASE_URL}?schema=${schema}`);
      return { store: store as EvidenceStore, cleanUp: () => dropSchema(schema) };
    },
  ],
] as const)('evidence store contract: %s', (_name, create) => {
  let store: EvidenceStore;
  let cleanUp: () => Promise<unknown>;

  beforeAll(async () => {
    ({ store, cleanUp } = await create());
  });
  afterAll(async () => {
    await store.close();
    await cleanUp();
  });

  it('stores a file once under its hash: the first put creates, a second (other name) keeps the first record', async () => {
    const file = received('现场照片-1');
    expect(await store.has(file.sha256)).toBe(false);
    const first = await store.put(file);
    expect(first).toEqual({ created: true, record: { sha256: file.sha256, size: file.size, mediaType: 'image/jpeg', fileName: 'photo.jpg' } });
    const again = await store.put({ ...received('现场照片-1', 'renamed.jpg') });
    expect(again).toEqual({ created: false, record: first.record });
    expect(await store.has(file.sha256)).toBe(true);
  });

  it('opens the bytes back, and null for an unknown hash', async () => {
    const file = received('现场照片-2');
    await store.put(file);
    const opened = await store.open(file.sha256);
    expect(opened?.record.size).toBe(file.size);
    expect(await text(opened!.content)).toBe('现场照片-2');
    expect(await store.open('0'.repeat(64))).toBeNull();
  });

  it('concurrent puts of the same bytes all succeed with one record, and the bytes read back whole', async () => {
    const results = await Promise.all(Array.from({ length: 5 }, () => store.put(received('同一文件并发上传'))));
    expect(results.some((result) => result.created)).toBe(true);
    expect(new Set(results.map((result) => JSON.stringify(result.record))).size).toBe(1);
    expect(await text((await store.open(results[0]!.record.sha256))!.content)).toBe('同一文件并发上传');
  });

  it('collects grants without duplicates', async () => {
    const file = received('现场照片-3');
    await store.put(file);
    expect(await store.grants(file.sha256)).toEqual({ uploaderIds: [], caseIds: [] });
    await store.grant(file.sha256, { uploaderIds: ['inspector-1'] });
    await store.grant(file.sha256, { uploaderIds: ['inspector-1'], caseIds: ['case-1'] });
    await store.grant(file.sha256, { caseIds: ['case-2', 'case-1'] });
    const grants = await store.grants(file.sha256);
    expect(grants.uploaderIds).toEqual(['inspector-1']);
    expect([...grants.caseIds].sort()).toEqual(['case-1', 'case-2']);
  });
});

describe('directory evidence store on disk', () => {
  it('leaves no half-written file behind and keeps one copy per hash', async () => {
    const root = mkdtempSync(join(scratch, 'layout-'));
    const store = new DirectoryEvidenceStore(root);
    const file = received('布局');
    await store.put(file);
    await store.put(received('布局', 'again.jpg'));
    expect(readdirSync(join(root, '.incoming'))).toEqual([]);
    expect(readdirSync(join(root, file.sha256.slice(0, 2))).sort()).toEqual([file.sha256, `${file.sha256}.json`]);
  });
});
