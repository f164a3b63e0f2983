import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { createEventStore } from '@shuangsui/event-store';
import { createReadStore } from '@shuangsui/projections';
import { appendCase } from '@shuangsui/projections/testing/given-events';
import { createProgram } from '../program';

/** The real program in-process; what it printed on each stream, and its exit code. */
async function runCli(...args: string[]): Promise<{ output: string; errors: string; exitCode: number }> {
  const output: string[] = [];
  const errors: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void output.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  const before = process.exitCode;
  try {
    await createProgram().exitOverride().parseAsync(['node', 'shuangsui', ...args]);
    return { output: output.join('\n'), errors: errors.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.exitCode = before;
  }
}

describe('CLI replay: a read store that exists but holds no live read model', () => {
  let dir: string;
  let storeArgs: string[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-replay-empty-'));
    const events = await createEventStore(`sqlite:${join(dir, 'events.db')}`);
    await appendCase(events, 'e1', history.published(completeResult(), 'e1'));
    await events.close();
    // An empty read store, as a PostgreSQL schema nobody has projected into yet would be.
    await (await createReadStore(`sqlite:${join(dir, 'empty.db')}`)).close();
    storeArgs = ['--store', `sqlite:${join(dir, 'events.db')}`, '--read-store', `sqlite:${join(dir, 'empty.db')}`];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 1 naming the missing read models and the way to build them from nothing', async () => {
    const { errors, exitCode, output } = await runCli(...storeArgs, 'replay', '--json');
    expect(exitCode).toBe(1);
    expect(output).toBe('');
    expect(errors).toContain('没有可比较的在用读模型');
    expect(errors).toContain('disclosure');
    expect(errors).toContain('--from-scratch');
  });

  it('builds and succeeds with --from-scratch, saying which models had nothing to compare with', async () => {
    const { output, exitCode } = await runCli(...storeArgs, 'replay', '--json', '--from-scratch');
    expect(exitCode).toBe(0);
    const report = JSON.parse(output) as { events: number; projections: { comparedAt: number | null; note: string | null }[] };
    expect(report.events).toBe(5);
    expect(report.projections.every((p) => p.comparedAt === null && p.note === 'no live read model to compare with')).toBe(true);
  });
});
