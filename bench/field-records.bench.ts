/**
 * npm run bench:field-records [-- --cases 10000 --seconds 5]   (issue 14)
 *
 * The server in a child process on a durable SQLite file with sign-in on (bench/http/bench-server.ts),
 * `--cases` assigned cases seeded. Two measurements:
 *   1. the case list (GET /inspections) over 50 connections, `--seconds` each: no filter, a state, a
 *      current inspector, a unit-name search, a sort by unit name deep in the pages, and an inspector's
 *      own list (only what they may read);
 *   2. evidence uploads (POST /evidence, multipart) of 1 MB photos, each a new file, by the case's
 *      inspector over 8 connections for `--seconds` × 2.
 * Last line: {"cases","caseListPerSec" (the slowest query's),"caseListP99Ms" (the worst),"uploadsPerSec",
 * "uploadMBPerSec","uploadP99Ms","errors"}.
 */
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { benchPairOf } from './http/bench-accounts';
import { requestHeaders } from './http/request-headers';
import { startBenchServer } from './http/start-bench-server';

const run = (options: autocannon.Options): Promise<autocannon.Result> =>
  new Promise((resolve, reject) => autocannon(options, (error, result) => (error ? reject(error) : resolve(result))));
const failures = (r: autocannon.Result): number => r.errors + r.timeouts + r.non2xx;

const PHOTO_BYTES = 1_000_000;
const BOUNDARY = 'shuangsui-bench-boundary';

/** A multipart body with a new 1 MB JPEG (its signature, then random bytes): every upload is a new file. */
function photoUpload(caseId: string): Buffer {
  const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="inspectionId"\r\n\r\n${caseId}\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xdb]), randomBytes(PHOTO_BYTES - 6), Buffer.from([0xff, 0xd9])]);
  return Buffer.concat([Buffer.from(head, 'latin1'), jpeg, Buffer.from(`\r\n--${BOUNDARY}--\r\n`, 'latin1')]);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { cases: { type: 'string', default: '10000' }, seconds: { type: 'string', default: '5' } } });
  const cases = Number(values.cases);
  const seconds = Number(values.seconds);
  const dir = mkdtempSync(join(tmpdir(), 'shuangsui-field-records-bench-'));
  const server = await startBenchServer(join(dir, 'events.db'), cases, { BENCH_SEED_ASSIGNED: '1' });
  const url = `http://127.0.0.1:${server.commandPort}`;
  let errors = 0;
  try {
    const supervisor = requestHeaders('supervisor');
    const [inspector] = benchPairOf(0);
    const queries: [string, string, Record<string, string>][] = [
      ['all', '/inspections?pageSize=20', supervisor],
      ['state', '/inspections?state=assigned&pageSize=20', supervisor],
      ['inspector', `/inspections?inspectorId=${inspector}&pageSize=20`, supervisor],
      ['search', `/inspections?q=${encodeURIComponent('示例市')}&pageSize=20`, supervisor],
      ['sortDeep', '/inspections?sort=unitName&page=200&pageSize=20', supervisor],
      ['ownCases', '/inspections?pageSize=20', requestHeaders('inspector', inspector)],
    ];
    console.log(`case list, ${cases.toLocaleString('en')} cases, 50 connections, ${seconds} s each`);
    const list: { perSec: number; p99: number }[] = [];
    for (const [name, path, headers] of queries) {
      const result = await run({ url: `${url}${path}`, connections: 50, duration: seconds, headers });
      errors += failures(result);
      list.push({ perSec: result.requests.average, p99: result.latency.p99 });
      console.log(`  ${name.padEnd(10)} ${path}: ${result.requests.average}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${failures(result)} failed`);
    }

    console.log(`evidence uploads, 1 MB photos, 8 connections, ${seconds * 2} s`);
    const uploads = await run({
      url,
      connections: 8,
      duration: seconds * 2,
      requests: [
        {
          method: 'POST',
          path: '/evidence',
          setupRequest: (req) => ({ ...req, body: photoUpload('bench-0'), headers: { ...requestHeaders('inspector', inspector), 'content-type': `multipart/form-data; boundary=${BOUNDARY}` } }),
        },
      ],
    });
    errors += failures(uploads);
    const uploadsPerSec = uploads.requests.average;
    console.log(`  ${uploadsPerSec}/s (${((uploadsPerSec * PHOTO_BYTES) / 1e6).toFixed(1)} MB/s), p50 ${uploads.latency.p50} ms, p99 ${uploads.latency.p99} ms, ${failures(uploads)} failed`);
    console.log(
      JSON.stringify({
        cases,
        caseListPerSec: Math.min(...list.map((q) => q.perSec)),
        caseListP99Ms: Math.max(...list.map((q) => q.p99)),
        uploadsPerSec,
        uploadMBPerSec: Math.round(uploadsPerSec * PHOTO_BYTES / 1e5) / 10,
        uploadP99Ms: uploads.latency.p99,
        errors,
      }),
    );
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  if (errors > 0) process.exitCode = 1;
}

void main();
