import type { INestApplication } from '@nestjs/common';
import { join } from 'node:path';
import { loadSettings, SETTING } from '@shuangsui/application';
import { createApp } from '../apps/server/src/app.factory';
import { createRootLogger } from '../apps/server/src/http/logging';
import { as, removeDir, tempDataDir } from './support/test-server';

/** Collects what pino writes, one JSON object per line. */
function memoryDestination(): { write(line: string): void; lines: () => Record<string, any>[] } {
  const chunks: string[] = [];
  return {
    write: (line: string) => void chunks.push(line),
    lines: () => chunks.join('').split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, any>),
  };
}

describe('structured logs', () => {
  let app: INestApplication;
  let baseUrl: string;
  let dataDir: string;
  const destination = memoryDestination();

  beforeAll(async () => {
    dataDir = tempDataDir();
    const settings = loadSettings({ [SETTING.eventStore]: `sqlite:${join(dataDir, 'events.db')}`, [SETTING.logLevel]: 'info' });
    app = await createApp({ settings, automatedReferral: false, logDestination: destination });
    await app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await app.close();
    removeDir(dataDir);
  });

  it('writes JSON lines carrying the correlation id, without credentials', async () => {
    await fetch(`${baseUrl}/health`, { headers: { 'X-Correlation-Id': 'corr-log-1', Authorization: 'Bearer top-secret-token', Cookie: 'session=s3cr3t' } });
    await fetch(`${baseUrl}/inspections/nope/assignments`, { method: 'POST', headers: { ...as.planner, 'content-type': 'application/json', 'X-Correlation-Id': 'corr-log-2' }, body: '{"inspectorIds":' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = destination.lines();
    const health = lines.filter((line) => line['correlationId'] === 'corr-log-1');
    expect(health).toEqual([expect.objectContaining({ level: 30, msg: 'request completed', res: expect.objectContaining({ statusCode: 200 }) })]);
    // The request line names the request, never its headers: no credential can reach the log from there.
    expect(health[0]!['req']).toEqual({ method: 'GET', url: '/health', remoteAddress: expect.any(String), userAgent: expect.any(String) });
    // A body refused before any controller still gets its line and id.
    expect(lines.filter((line) => line['correlationId'] === 'corr-log-2')).toEqual([expect.objectContaining({ level: 40, res: expect.objectContaining({ statusCode: 400 }) })]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('top-secret-token');
    expect(text).not.toContain('s3cr3t');
  });

  it('redacts personal data in what a log call is given', () => {
    const sink = memoryDestination();
    createRootLogger('info', sink).info({ unit: { name: '示例公司', contactPhone: '13800138000', responsiblePerson: '张三', manager: '李四' } }, 'unit imported');
    const [line] = sink.lines();
    expect(line!['unit']).toEqual({ name: '示例公司', contactPhone: '[redacted]', responsiblePerson: '[redacted]', manager: '[redacted]' });
  });

  it('redacts personal data in an error’s own fields, one and two levels down, and in arrays', () => {
    const sink = memoryDestination();
    const error = Object.assign(new Error('导入失败'), { details: { row: 3, phone: '13800138000' } });
    createRootLogger('info', sink).error({ err: error, rows: [{ inspectorName: '王五', row: 1 }], password: 'p', nested: { deeper: { token: 't' } } }, 'import failed');
    const [line] = sink.lines();
    expect(line!['err']).toMatchObject({ type: 'Error', message: '导入失败', details: { row: 3, phone: '[redacted]' } });
    expect(line!['err'].stack).toContain('导入失败');
    expect(line!['rows']).toEqual([{ inspectorName: '[redacted]', row: 1 }]);
    expect(line!['password']).toBe('[redacted]');
    expect(line!['nested']).toEqual({ deeper: { token: '[redacted]' } });
  });

  it('is silent at level silent (the tests’ level)', () => {
    const sink = memoryDestination();
    createRootLogger('silent', sink).error('never written');
    expect(sink.lines()).toEqual([]);
  });
});
