import { readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKLIST_ITEM_NUMBERS } from '@shuangsui/domain';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { jpegWithGps } from '@shuangsui/application/evidence/testing/evidence-fixtures';
import { registerVerifyEvidenceCommand } from '../apps/cli/src/commands/verify-evidence.command';
import { runCli } from './support/run-cli';
import { givenCase, post, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/** Every file under a directory, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** `verify-evidence` (issue 14): the files behind recorded results exist and still hash to their names. */
describe('CLI verify-evidence on a real SQLite file and evidence directory', () => {
  let server: TestServer;
  let dataDir: string;
  let sha256: string;
  const verify = () => runCli(registerVerifyEvidenceCommand, ['--store', `sqlite:${join(dataDir, 'events.db')}`, 'verify-evidence', '--json']);

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startServer(dataDir, () => new Date('2026-03-31T04:00:00.000Z'));
    await givenCase(server.store, 'ev-check', history.assigned('ev-check'));
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(jpegWithGps('ev-check'))]), '消防通道.jpg');
    form.append('inspectionId', 'ev-check');
    const uploaded = await (await fetch(`${server.baseUrl}/evidence`, { method: 'POST', headers: server.as.inspector, body: form })).json();
    sha256 = (uploaded as { sha256: string }).sha256;
    const items = CHECKLIST_ITEM_NUMBERS.map((item) => (item === 5 ? { item, outcome: 'compliant', evidence: [{ sha256, fileName: '消防通道.jpg' }] } : { item, outcome: 'compliant' }));
    expect((await post(server, '/inspections/ev-check/results', { visitDate: '2026-03-10', category: 'no_problem', items, hazards: [] }, server.as.inspector)).status).toBe(200);
    await server.close();
  }, 60_000);
  afterAll(() => removeDir(dataDir));

  it('passes while every referenced file is there and unchanged', async () => {
    expect(await verify()).toMatchObject({ exitCode: 0, json: { intact: true, files: 1, references: 1, problems: [] } });
  });

  it('names an altered file with its case and event, then a missing one, and exits 1', async () => {
    const stored = filesUnder(join(dataDir, 'evidence')).find((path) => path.endsWith(sha256))!;
    writeFileSync(stored, Buffer.from('not the photo any more'));
    expect(await verify()).toMatchObject({ exitCode: 1, json: { intact: false, problems: [{ sha256, streamId: 'inspection-ev-check', reason: 'altered', fileName: '消防通道.jpg' }] } });
    rmSync(stored);
    expect(await verify()).toMatchObject({ exitCode: 1, json: { problems: [{ sha256, reason: 'missing' }] } });
  });
});
