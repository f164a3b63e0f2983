import { Command } from 'commander';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DocumentGenerator, loadSettings } from '@shuangsui/application';
import { appendGivenCase } from '@shuangsui/application/testing/given-case';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { createEventStore } from '@shuangsui/event-store';
import { registerDocumentCommand } from './document.command';

/** The command as an operator runs it, in-process, on a real SQLite file. */
async function runCli(storeUrl: string, ...args: string[]): Promise<{ output: string; errors: string; exitCode: number }> {
  const program = new Command('shuangsui').option('--store <url>').option('--read-store <url>').exitOverride();
  registerDocumentCommand(program);
  const lines: string[] = [];
  const errors: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const error = jest.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'shuangsui', '--store', storeUrl, 'document', ...args]);
    return { output: lines.join('\n'), errors: errors.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    error.mockRestore();
    process.exitCode = before;
  }
}

describe('CLI document', () => {
  let dir: string;
  let url: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-cli-document-'));
    url = `sqlite:${join(dir, 'events.db')}`;
    const store = await createEventStore(url);
    await appendGivenCase(store, 'c1', history.reinspected(true, 'c1'));
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes the server serves', async () => {
    const out = join(dir, 'opinion.pdf');
    const { output, exitCode } = await runCli(url, 'c1', 'reinspection-opinion', out);
    expect(exitCode).toBe(0);
    expect(output).toContain('消复字〔2026〕第 0001 号');
    const store = await createEventStore(url);
    try {
      const settings = loadSettings({}, { eventStoreUrl: url });
      const served = await new DocumentGenerator(store, settings.documents).generate('c1', 'reinspection-opinion', { actor: { id: 'sup', role: 'supervisor' }, correlationId: 'c', causationId: null });
      expect(readFileSync(out).equals(served.bytes)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown kind and a case without the document, exit code 1', async () => {
    expect(await runCli(url, 'c1', 'verdict', join(dir, 'x.pdf'))).toMatchObject({ exitCode: 1, errors: expect.stringContaining('文书类型“verdict”不存在') });
    expect(await runCli(url, 'nope', 'inspection-record', join(dir, 'x.pdf'))).toMatchObject({ exitCode: 1, errors: expect.stringContaining('检查案件 nope 不存在') });
  });
});
