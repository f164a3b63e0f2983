import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKLIST_ITEM_NUMBERS } from '@shuangsui/domain';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { EXE_BYTES, PNG_BYTES, jpegWithGps } from '@shuangsui/application/evidence/testing/evidence-fixtures';
import { givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

async function upload(server: TestServer, headers: Record<string, string>, fileName: string, content: Buffer, inspectionId?: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(content)]), fileName);
  if (inspectionId) form.append('inspectionId', inspectionId);
  const response = await fetch(`${server.baseUrl}/evidence`, { method: 'POST', headers, body: form });
  return { status: response.status, body: await response.json() };
}

async function download(server: TestServer, sha256: string, headers: Record<string, string>): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const response = await fetch(`${server.baseUrl}/evidence/${sha256}`, { headers });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') };
}

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

function resultWith(evidence: { sha256: string; fileName: string }[]) {
  return {
    visitDate: '2026-03-10',
    category: 'no_problem',
    items: CHECKLIST_ITEM_NUMBERS.map((item) => (item === 5 ? { item, outcome: 'compliant', evidence } : { item, outcome: 'compliant' })),
    hazards: [],
  };
}

describe('evidence files over HTTP on a real SQLite file and evidence directory', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, () => new Date('2026-03-31T04:00:00.000Z'));
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('judges type by content: a PNG named .pdf is a PNG, an executable named .jpg is a 415 in Chinese', async () => {
    const png = await upload(server, server.as.inspector, '现场.pdf', PNG_BYTES);
    expect(png).toEqual({ status: 201, body: { sha256: sha(PNG_BYTES), size: PNG_BYTES.length, mediaType: 'image/png', fileName: '现场.pdf' } });
    const exe = await upload(server, server.as.inspector, '照片.jpg', EXE_BYTES);
    expect(exe.status).toBe(415);
    expect(exe.body.message).toContain('不支持的证据文件');
    expect(readdirSync(join(dataDir, 'evidence')).filter((name) => name !== '.incoming')).toEqual([sha(PNG_BYTES).slice(0, 2)]);
  });

  it('stores a duplicate once: the second upload is a 200 with the same body', async () => {
    const photo = jpegWithGps('dedup');
    const first = await upload(server, server.as.inspector, 'a.jpg', photo);
    const second = await upload(server, server.as.inspector, 'a.jpg', photo);
    expect(first.status).toBe(201);
    expect(second).toEqual({ status: 200, body: first.body });
    expect(readdirSync(join(dataDir, 'evidence', sha(photo).slice(0, 2))).filter((name) => name === sha(photo))).toHaveLength(1);
  });

  it('refuses a file above the limit with a 413, and uploads only for inspectors', async () => {
    const small = await startServer(tempDataDir(), undefined, false, {}, { uploadLimitBytes: 1024 });
    try {
      const big = Buffer.concat([PNG_BYTES, Buffer.alloc(4096)]);
      const refused = await upload(small, small.as.inspector, 'big.png', big);
      expect(refused.status).toBe(413);
      expect(refused.body.message).toContain('上传文件过大');
      expect((await upload(small, small.as.planner, 'x.png', PNG_BYTES)).status).toBe(403);
      expect((await upload(small, {}, 'x.png', PNG_BYTES)).status).toBe(401);
    } finally {
      await small.close();
      removeDir(small.dataDir);
    }
  });

  it('refuses a result while its evidence is missing, naming the hash, and accepts it after the upload', async () => {
    await givenCase(server.store, 'ev-1', history.assigned('ev-1'));
    const photo = jpegWithGps('ev-1');
    const body = resultWith([{ sha256: sha(photo), fileName: '安全出口.jpg' }]);
    const refused = await post(server, '/inspections/ev-1/results', body, server.as.inspector);
    expect(refused.status).toBe(400);
    expect(refused.body.violations[0]).toMatchObject({ rule: 'evidenceUploaded' });
    expect(refused.body.message).toContain(sha(photo));
    expect((await upload(server, server.as.inspector, '安全出口.jpg', photo, 'ev-1')).status).toBe(201);
    const accepted = await post(server, '/inspections/ev-1/results', body, server.as.inspector);
    expect(accepted).toMatchObject({ status: 200, body: { status: { lifecycle: 'inspected' } } });
  });

  it('serves a file to its uploader, the case inspectors and case readers; never to another inspector or anonymously', async () => {
    const photo = jpegWithGps('ev-1');
    const mine = await download(server, sha(photo), server.as.inspector);
    expect(mine).toMatchObject({ status: 200, type: 'image/jpeg' });
    expect(mine.bytes.equals(photo)).toBe(true);
    expect((await download(server, sha(photo), server.as.inspectorB)).status).toBe(200);
    expect((await download(server, sha(photo), server.as.supervisor)).status).toBe(200);
    expect((await download(server, sha(photo), server.as.inspectorC)).status).toBe(404);
    expect((await download(server, sha(photo), {})).status).toBe(401);
    expect((await download(server, 'f'.repeat(64), server.as.supervisor)).status).toBe(404);
    expect((await fetch(`${server.baseUrl}/public/evidence/${sha(photo)}`)).status).toBe(404);
    // Another inspector cannot attach uploads to a case that is not theirs.
    expect((await upload(server, server.as.inspectorC, 'x.png', PNG_BYTES, 'ev-1')).status).toBe(403);
  });
});
