import { syntheticUnits, unitTable, writeTable } from '@shuangsui/application';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { as, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

const MB = 1024 * 1024;
const VALID_ROWS = 100;

/**
 * 100 real units, then rows of long Chinese names and addresses (about 13 KB each) with a broken
 * credit code, up to `bytes`: every row is streamed, parsed and validated, the bad ones reported,
 * the good ones written (acceptValidRows).
 */
async function largeDirectory(bytes: number): Promise<{ content: Buffer; rows: number }> {
  const table = unitTable(syntheticUnits(VALID_ROWS));
  const head = await writeTable(table.headers, table.rows, 'csv');
  const bad = [...(table.rows[0] as string[])];
  bad[table.headers.indexOf('单位名称')] = '名'.repeat(1_500);
  bad[table.headers.indexOf('地址')] = '路'.repeat(3_000);
  bad[table.headers.indexOf('统一社会信用代码')] = 'NOT-A-CREDIT-CODE';
  const line = Buffer.from(`${bad.join(',')}\n`);
  const count = Math.ceil((bytes - head.length) / line.length);
  return { content: Buffer.concat([head, ...Array.from({ length: count }, () => line)]), rows: VALID_ROWS + count };
}

describe('a large directory import does not stall the server', () => {
  let server: TestServer;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir);
  });
  afterAll(async () => {
    await server.close();
    removeDir(dataDir);
  });

  it('answers /health within 100 ms while a 50 MB CSV is uploaded and imported', async () => {
    const { content, rows } = await largeDirectory(50 * MB);
    const path = join(dataDir, 'units.csv');
    writeFileSync(path, content);
    // The upload runs in its own process (curl): in this one it would share the server's event loop.
    const headers = Object.entries(as.planner).flatMap(([name, value]) => ['-H', `${name}: ${value}`]);
    await (await fetch(`${server.baseUrl}/health`)).arrayBuffer(); // warm: a process's first request is slow anyway
    const started = Date.now();
    let done = false;
    const importing = promisify(execFile)('curl', ['-s', '-w', '\n%{http_code}', ...headers, '-F', `file=@${path};filename=units.csv`, `${server.baseUrl}/directories/units/import?acceptValidRows=true`], {
      maxBuffer: 64 * MB,
    }).finally(() => (done = true));

    const latencies: number[] = [];
    while (!done) {
      const sent = performance.now();
      await (await fetch(`${server.baseUrl}/health`)).arrayBuffer();
      latencies.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { stdout } = await importing;
    const status = Number(stdout.slice(stdout.lastIndexOf('\n') + 1));
    const report = JSON.parse(stdout.slice(0, stdout.lastIndexOf('\n')));
    latencies.sort((a, b) => a - b);
    const p90 = latencies[Math.floor(latencies.length * 0.9)] as number;
    if (process.env['SHUANGSUI_REPORT_LATENCY']) {
      console.log(`50 MB import in ${Date.now() - started} ms; /health ${latencies.length} probes, p50 ${latencies[latencies.length >> 1]?.toFixed(1)} ms, p90 ${p90.toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms`);
    }
    expect(status).toBe(200);
    expect(report).toMatchObject({ totalRows: rows, validRows: VALID_ROWS, registered: VALID_ROWS, invalidRows: rows - VALID_ROWS });
    expect(latencies.length).toBeGreaterThan(10);
    // 90 % of probes within 100 ms. The slowest one is bounded looser: on a shared two-core machine
    // an idle server's /health already takes up to ~80 ms, and a major GC of the 50 MB of rows
    // adds ~150 ms once. A parse that blocks (as before: 14 s for 50 MB) fails both.
    expect(p90).toBeLessThan(100);
    expect(latencies.at(-1)).toBeLessThan(1_000);
  }, 120_000);
});
