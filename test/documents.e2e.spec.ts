import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { get, givenCase, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/** GET a PDF as bytes (the helpers parse JSON). */
async function pdf(server: TestServer, path: string, headers: Record<string, string>): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const response = await fetch(`${server.baseUrl}${path}`, { headers });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

describe('statutory documents over HTTP', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
    await givenCase(server.store, 'doc-1', history.reinspected(true, 'doc-1'));
    await givenCase(server.store, 'doc-2', history.inspected(undefined, 'doc-2'));
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('serves the rectification order as a PDF with its file name; a second request gives the same bytes', async () => {
    const first = await pdf(server, '/inspections/doc-1/documents/rectification-order.pdf', server.as.inspector);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('application/pdf');
    expect(first.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('责令限期改正通知书-doc-1.pdf')}`);
    const second = await pdf(server, '/inspections/doc-1/documents/rectification-order.pdf', server.as.supervisor);
    expect(second.bytes.equals(first.bytes)).toBe(true);
    const file = join(dataDir, 'order.pdf');
    writeFileSync(file, first.bytes);
    const text = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
    expect(text).toContain('消限字〔2026〕第0001号');
    expect(text).toContain('示例市星河商贸有限公司');
    expect(text).toContain('2026年3月26日');
  });

  it('refuses an unknown kind (400), an unknown case (404), a document the case has not reached (409), a stranger (403)', async () => {
    let response = await get(server, '/inspections/doc-1/documents/verdict.pdf');
    expect(response).toMatchObject({ status: 400, body: { error: 'ValidationFailed', violations: [{ field: 'kind', rule: 'isIn' }] } });
    response = await get(server, '/inspections/nope/documents/inspection-record.pdf');
    expect(response).toMatchObject({ status: 404, body: { error: 'CaseNotFound' } });
    response = await get(server, '/inspections/doc-2/documents/rectification-order.pdf');
    expect(response).toMatchObject({ status: 409, body: { error: 'DocumentNotAvailable', kind: 'rectification-order' } });
    expect(response.body.message).toContain('尚未下达责令限期改正');
    response = await get(server, '/inspections/doc-1/documents/inspection-record.pdf', server.as.inspectorC);
    expect(response.status).toBe(403);
    response = await get(server, '/inspections/doc-1/documents/inspection-record.pdf', {});
    expect(response.status).toBe(401);
  });
});
