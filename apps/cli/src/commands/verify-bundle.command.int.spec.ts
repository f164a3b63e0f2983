import { Command } from 'commander';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawToBundle } from '@shuangsui/domain';
import { V2_FACTS, V2_NOW, V2_REVEAL } from '@shuangsui/domain/draw/testing/v2-example';
import { registerVerifyBundleCommand } from './verify-bundle.command';

/** The command as a member of the public runs it, in-process, on a bundle file; no store is given. */
async function runCli(...args: string[]): Promise<{ output: string; exitCode: number }> {
  const program = new Command('shuangsui').exitOverride();
  registerVerifyBundleCommand(program);
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'shuangsui', 'verify-bundle', ...args]);
    return { output: lines.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    process.exitCode = before;
  }
}

describe('CLI verify-bundle', () => {
  let dir: string;
  const outcome = drawToBundle(V2_FACTS, V2_REVEAL, V2_NOW);
  if (!outcome.ok) throw new Error('fixture draw refused');
  const write = (name: string, edit: (b: any) => void = () => undefined): string => {
    const copy = JSON.parse(JSON.stringify(outcome.bundle));
    edit(copy);
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(copy));
    return path;
  };

  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'shuangsui-verify-bundle-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 on an untouched bundle and lists every check', async () => {
    const { output, exitCode } = await runCli(write('ok.json'));
    expect(exitCode).toBe(0);
    expect(output).toContain('全部核对一致');
    expect(output.match(/✓/g)).toHaveLength(12);
  });

  it.each([
    ['grade', (b: any) => (b.population.units[0].riskGrade = 'C'), 'populationHash'],
    ['removed unit', (b: any) => b.population.units.pop(), 'populationHash'],
    ['leave', (b: any) => (b.population.inspectors[0].leaves = [{ from: '2026-04-03', to: '2026-04-03' }]), 'populationHash'],
    ['witness', (b: any) => (b.reveal.witnesses[1].value = 'x'), 'witnessCommitments'],
    ['beacon', (b: any) => delete b.reveal.beaconValue, 'beacon'],
    ['pair', (b: any) => b.result.assignments[2].inspectorIds.reverse(), 'pairs'],
  ])('exits 3 naming the first failed check when the %s is edited', async (name, edit, check) => {
    const { output, exitCode } = await runCli(write(`${name}.json`, edit), '--json');
    expect(exitCode).toBe(3);
    expect(JSON.parse(output).firstFailure).toBe(check);
  });

  it('exits 2 on a file that is not JSON', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '{');
    expect((await runCli(path)).exitCode).toBe(2);
  });
});
