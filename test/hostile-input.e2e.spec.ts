import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { syntheticUnits, unitTable, writeTable } from '@shuangsui/application';
import type { RecordedEvent } from '@shuangsui/event-store';
import { CHINESE, keepAlive, rawRequest } from './support/raw-http';
import { get, givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

const json = { 'content-type': 'application/json' };
const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

async function upload(server: TestServer, fileName: string, content: Buffer, field = 'file'): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(content)]), fileName);
  const response = await fetch(`${server.baseUrl}/directories/units/import`, { method: 'POST', headers: server.as.planner, body: form });
  return { status: response.status, body: await response.json() };
}

/** Every refusal: a 4xx, the API's error shape, a Chinese message. */
function expectClearRefusal(response: { status: number; json?: any; body?: any }, status: number): void {
  const body = response.json ?? response.body;
  expect(response.status).toBe(status);
  expect(body).toMatchObject({ statusCode: status, error: expect.stringMatching(/^[A-Z][A-Za-z]+$/), message: expect.stringMatching(CHINESE) });
}

describe('hostile input over HTTP', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
  });
  afterAll(async () => {
    keepAlive.destroy();
    await server.close();
    removeDir(dataDir);
  });

  describe('JSON bodies', () => {
    it('refuses nesting beyond 64 levels before validation, 10,000 deep included', async () => {
      for (const depth of [65, 2_000, 10_000]) {
        const response = await rawRequest(server.baseUrl, 'POST', '/inspections/case-1/assignments', { ...json, ...server.as.planner }, `{"inspectorIds":${nested(depth)}}`);
        expectClearRefusal(response, 400);
        expect(response.json).toMatchObject({ error: 'JsonTooDeep', maxDepth: 64 });
        expect(response.json.message).toContain('64');
      }
    });

    it('refuses a body over the size limit with 413 naming the limit', async () => {
      const response = await rawRequest(server.baseUrl, 'POST', '/plans', { ...json, ...server.as.planner }, JSON.stringify({ planId: 'x', authority: 'a'.repeat(2 * 1024 * 1024) }));
      expectClearRefusal(response, 413);
      expect(response.json.message).toContain('1 MB');
    });

    it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s like any unknown field', async (key) => {
      const response = await rawRequest(server.baseUrl, 'POST', '/inspections/case-1/assignments', { ...json, ...server.as.planner }, `{"inspectorIds":["a","b"],"${key}":{"isAdmin":true}}`);
      expectClearRefusal(response, 400);
      expect(response.json.violations).toEqual([expect.objectContaining({ field: key, rule: 'whitelistValidation' })]);
      const nestedKey = await rawRequest(server.baseUrl, 'POST', '/draws', { ...json, ...server.as.planner }, `{"planId":"p","month":"2026-03","witnessInputs":[{"kind":"observer","source":"s","value":"v","${key}":1}]}`);
      expect(nestedKey.json.violations).toEqual([expect.objectContaining({ field: `witnessInputs.0.${key}` })]);
    });

    it('names the length limit of a string that is too long', async () => {
      const response = await post(server, '/inspections/case-1/reviews', { decision: 'approve', comment: '很'.repeat(2001) }, server.as.reviewer);
      expectClearRefusal(response, 400);
      expect(response.body.violations).toEqual([expect.objectContaining({ field: 'comment', rule: 'maxLength', message: 'comment 过长（最多 2000 个字符）' })]);
    });

    it('normalises strings (NFKC, trimmed) before they become events', async () => {
      await givenCase(server.store, 'nfkc-1', history.drawn('nfkc-1'));
      const response = await post(server, '/inspections/nfkc-1/cancellation', { reasonCode: 'unit_closed', reason: '  单位已停业ＡＢＣ１２３\u3000' }, server.as.planner);
      expect(response.status).toBe(200);
      const events = (await get<RecordedEvent[]>(server, '/inspections/nfkc-1/history')).body;
      expect(events.at(-1)!.data).toMatchObject({ reason: '单位已停业ABC123' });
      const blank = await post(server, '/inspections/nfkc-1/cancellation', { reasonCode: 'unit_closed', reason: '   ' }, server.as.planner);
      expect(blank.body.violations).toEqual([expect.objectContaining({ field: 'reason', rule: 'isNotEmpty' })]);
    });

    it('answers a body that is not a JSON object in Chinese', async () => {
      expectClearRefusal(await rawRequest(server.baseUrl, 'POST', '/inspections/case-1/assignments', { ...json, ...server.as.planner }, '[1,2]'), 400);
      expectClearRefusal(await rawRequest(server.baseUrl, 'POST', '/inspections/case-1/assignments', { ...json, ...server.as.planner }, '{"inspectorIds":'), 400);
    });
  });

  describe('headers and URLs', () => {
    it('accepts only a strong, exact revision in If-Match', async () => {
      await givenCase(server.store, 'etag-1', history.drawn('etag-1'));
      for (const ifMatch of ['W/"0"', '*', '"0", "1"', '"0', '-1', 'abc']) {
        const response = await post(server, '/inspections/etag-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, { ...server.as.planner, 'If-Match': ifMatch });
        expectClearRefusal(response, 400);
        expect(response.body.violations).toEqual([expect.objectContaining({ field: 'header:If-Match' })]);
      }
      const exact = await post(server, '/inspections/etag-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, { ...server.as.planner, 'If-Match': '"0"' });
      expect(exact.status).toBe(200);
    });

    it('answers a badly percent-encoded path in Chinese', async () => {
      const response = await rawRequest(server.baseUrl, 'GET', '/inspections/%E0%A4%A');
      expectClearRefusal(response, 400);
      expect(response.text).not.toContain('Failed to decode');
    });

    it('validates ids in paths and queries', async () => {
      expectClearRefusal(await rawRequest(server.baseUrl, 'GET', `/plans/${'x'.repeat(101)}/progress`, server.as.supervisor), 400);
      expectClearRefusal(await rawRequest(server.baseUrl, 'GET', '/progress?planId=%3Cscript%3E', server.as.supervisor), 400);
      expectClearRefusal(await rawRequest(server.baseUrl, 'GET', '/progress?month=2026-03&month=2026-04', server.as.supervisor), 400);
    });

    it('generates a correlation id, echoes a given one, and records it in the events', async () => {
      const generated = await rawRequest(server.baseUrl, 'GET', '/health');
      expect(generated.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
      await givenCase(server.store, 'corr-1', history.drawn('corr-1'));
      const response = await post(server, '/inspections/corr-1/assignments', { inspectorIds: ['insp-a', 'insp-b'] }, server.as.planner);
      const id = response.headers.get('x-correlation-id');
      const events = (await get<RecordedEvent[]>(server, '/inspections/corr-1/history')).body;
      expect(events.at(-1)!.metadata).toMatchObject({ correlationId: id });
      const echoed = await rawRequest(server.baseUrl, 'GET', '/health', { 'X-Correlation-Id': 'trace-42' });
      expect(echoed.headers['x-correlation-id']).toBe('trace-42');
    });

    it('sends security headers on the API and the docs, no X-Powered-By, no CORS by default', async () => {
      for (const path of ['/health', '/api/docs', '/api/docs/openapi.json', '/no-such-route']) {
        const response = await rawRequest(server.baseUrl, 'GET', path, { Origin: 'https://evil.example' });
        expect(response.headers['content-security-policy']).toContain("default-src 'self'");
        expect(response.headers['x-content-type-options']).toBe('nosniff');
        expect(response.headers['x-frame-options']).toBe('DENY');
        expect(response.headers['x-powered-by']).toBeUndefined();
        expect(response.headers['access-control-allow-origin']).toBeUndefined();
      }
    });
  });

  describe('directory files', () => {
    it('refuses an upload over the limit with 413 naming the limit', async () => {
      const small = await startServer(tempDataDir(), undefined, false, { uploadLimitBytes: 1024 });
      try {
        const form = new FormData();
        form.append('file', new Blob([new Uint8Array(4096)]), 'units.csv');
        const response = await fetch(`${small.baseUrl}/directories/units/import`, { method: 'POST', headers: small.as.planner, body: form });
        expectClearRefusal({ status: response.status, body: await response.json() }, 413);
      } finally {
        await small.close();
        removeDir(small.dataDir);
      }
    });

    it('answers multipart mistakes in Chinese', async () => {
      const wrongField = await upload(server, 'units.csv', Buffer.from('a,b\n'), 'upload');
      expectClearRefusal(wrongField, 400);
      expect(wrongField.body.message).toContain('file');
      const broken = await rawRequest(server.baseUrl, 'POST', '/directories/units/import', { ...server.as.planner, 'content-type': 'multipart/form-data; boundary=xyz' }, '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc');
      expectClearRefusal(broken, 400);
    });

    it('answers CSV syntax errors and overlong lines or cells in Chinese, with the line', async () => {
      const header = unitTable(syntheticUnits(1)).headers.join(',');
      const quote = await upload(server, 'units.csv', Buffer.from(`${header}\n"a"b,c\n`));
      expectClearRefusal(quote, 400);
      expect(quote.body.message).toMatch(/第2行/);
      const oneLine = await upload(server, 'units.csv', Buffer.from(`${header}\n${'x,'.repeat(40_000)}`));
      expectClearRefusal(oneLine, 400);
      expect(oneLine.body.message).toContain('65536');
      const cell = await upload(server, 'units.csv', Buffer.from(`${header}\n${'x'.repeat(5_000)},b\n`));
      expectClearRefusal(cell, 400);
      expect(cell.body.message).toContain('4096');
    });

    it('exports a formula-like unit name as text, and reads it back unchanged', async () => {
      const table = unitTable(syntheticUnits(1));
      const nameColumn = table.headers.indexOf('单位名称');
      const rows = table.rows.map((row) => Object.assign([...row], { [nameColumn]: '=HYPERLINK("http://evil.example","点击")' }));
      expect((await upload(server, 'units.csv', await writeTable(table.headers, rows, 'csv'))).status).toBe(200);
      const exported = await (await fetch(`${server.baseUrl}/directories/units/export?format=csv`, { headers: server.as.supervisor })).text();
      expect(exported).toContain(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
      const again = await upload(server, 'units.csv', Buffer.from(exported));
      expect(again.body).toMatchObject({ unchanged: 1, updated: 0 });
    });
  });
});
