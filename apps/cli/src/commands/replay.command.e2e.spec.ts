import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { createEventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, createReadStore, findHeadPosition, ProjectionRunner, type ReplayReport } from '@shuangsui/projections';
import { appendCase } from '@shuangsui/projections/testing/given-events';

jest.setTimeout(180_000);

const ROOT = join(__dirname, '..', '..', '..', '..');

/**
 * The built CLI as an operator runs it: its own process, its own working directory (never the one
 * the stores are in), and an environment without any SHUANGSUI_ setting of the developer's.
 */
function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('SHUANGSUI_')));
  const run = spawnSync(process.execPath, [join(ROOT, 'scripts/run.js'), join(ROOT, 'dist/apps/cli/src/main.js'), ...args], { cwd, env, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Two cases in a SQLite event store; with `live`, the read models a server would have built beside it. */
async function givenStore(dir: string, live: boolean): Promise<{ url: string; head: number }> {
  const url = `sqlite:${join(dir, 'events.db')}`;
  const events = await createEventStore(url);
  await appendCase(events, 'r1', history.published(completeResult(), 'r1'));
  await appendCase(events, 'r2', history.ordered('r2'));
  const head = await findHeadPosition(events);
  if (live) {
    const read = await createReadStore(`sqlite:${join(dir, 'read-models.db')}`);
    const runner = new ProjectionRunner(events, read, ALL_PROJECTIONS);
    await runner.start();
    await runner.waitUntil(head);
    await runner.stop();
    await read.close();
  }
  await events.close();
  return { url, head };
}

describe('CLI replay (built, in its own process)', () => {
  let storeDir: string;
  let workDir: string;

  beforeAll(() => {
    // The CLI runs the compiled build, as `npm run cli` does; tsc is incremental.
    spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'ignore' });
    if (!existsSync(join(ROOT, 'dist/apps/cli/src/main.js'))) throw new Error('the build did not produce dist/apps/cli/src/main.js');
  });
  beforeEach(() => {
    storeDir = mkdtempSync(join(tmpdir(), 'shuangsui-replay-stores-'));
    workDir = mkdtempSync(join(tmpdir(), 'shuangsui-replay-cwd-'));
  });
  afterEach(() => {
    rmSync(storeDir, { recursive: true, force: true });
    rmSync(workDir, { recursive: true, force: true });
  });

  it('compares with the read store beside the event store --store names, not one in the working directory', async () => {
    const { url, head } = await givenStore(storeDir, true);

    const run = cli(workDir, '--store', url, 'replay', '--json');

    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ReplayReport;
    expect(report.projections.map((p) => [p.name, p.comparedAt, p.differences])).toEqual(ALL_PROJECTIONS.map((p) => [p.name, head, []]));
    expect(existsSync(join(workDir, 'data'))).toBe(false);
  });

  it('fails, naming the read store, and creates nothing when there is no live read model to compare with', async () => {
    const { url } = await givenStore(storeDir, false);

    const run = cli(workDir, '--store', url, 'replay', '--swap');

    expect(run.status).toBe(1);
    expect(run.stderr).toContain(join(storeDir, 'read-models.db'));
    expect(run.stderr).toContain('--from-scratch');
    expect(existsSync(join(storeDir, 'read-models.db'))).toBe(false);
    expect(existsSync(join(workDir, 'data'))).toBe(false);
  });

  it('with --from-scratch builds the read models from nothing, and --swap makes them live beside the event store', async () => {
    const { url, head } = await givenStore(storeDir, false);

    const run = cli(workDir, '--store', url, 'replay', '--from-scratch', '--swap', '--json');

    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as ReplayReport).swapped).toBe(true);
    const read = await createReadStore(`sqlite:${join(storeDir, 'read-models.db')}`);
    for (const projection of ALL_PROJECTIONS) expect((await read.checkpoint(projection.name))?.position).toBe(head);
    await read.close();
    expect(existsSync(join(workDir, 'data'))).toBe(false);
  });

  it('refuses a read store that is the event store file itself, leaving the history untouched', async () => {
    const { url } = await givenStore(storeDir, false);
    const before = readFileSync(join(storeDir, 'events.db'));

    const run = cli(workDir, '--store', url, '--read-store', url, 'replay', '--from-scratch', '--swap');

    expect(run.status).toBe(1);
    expect(run.stderr).toContain('SHUANGSUI_READ_STORE');
    expect(readFileSync(join(storeDir, 'events.db')).equals(before)).toBe(true);
  });
});
