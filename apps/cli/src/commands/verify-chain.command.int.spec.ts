import Database from 'better-sqlite3';
import { Command } from 'commander';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspectionStreamId } from '@shuangsui/domain';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { createEventStore, sealEvents, type Json } from '@shuangsui/event-store';
import { registerVerifyChain } from './verify-chain.command';

/** The command as an operator runs it, in-process, on a real SQLite file. */
async function runCli(storeUrl: string, ...args: string[]): Promise<{ output: string; exitCode: number }> {
  const program = new Command('shuangsui').option('--store <url>').option('--read-store <url>').exitOverride();
  registerVerifyChain(program);
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'shuangsui', '--store', storeUrl, 'verify-chain', ...args]);
    return { output: lines.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    process.exitCode = before;
  }
}

describe('CLI verify-chain', () => {
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-cli-verify-'));
    path = join(dir, 'events.db');
    const store = await createEventStore(`sqlite:${path}`);
    for (const caseId of ['x', 'y']) {
      const streamId = inspectionStreamId(caseId);
      const events = history.published(undefined, caseId).map((event) => ({
        id: `${caseId}-${event.id}`,
        type: event.type,
        data: event.data as unknown as Json,
        metadata: { occurredAt: event.occurredAt, actor: { id: 'test', role: 'system' }, correlationId: 'c', causationId: null, commandId: event.id },
      }));
      await store.appendToStream(streamId, sealEvents(streamId, null, events), { expectedRevision: 'no_stream' });
    }
    await store.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says the chain is intact, with counts, and exits 0', async () => {
    const { output, exitCode } = await runCli(`sqlite:${path}`);
    expect(exitCode).toBe(0);
    expect(output).toContain('哈希链完整（chain intact）：已校验 10 个事件，2 个流');
  });

  it('names the first broken link and exits 1 after a payload edit in the file', async () => {
    const db = new Database(path);
    const target = db.prepare("SELECT position, id FROM events WHERE stream_id = 'inspection-y' AND revision = 2").get() as { position: number; id: string };
    db.prepare("UPDATE events SET data = json_set(data, '$.category', 'corrected') WHERE position = ?").run(target.position);
    db.close();

    const { output, exitCode } = await runCli(`sqlite:${path}`);
    expect(exitCode).toBe(1);
    expect(output).toContain('哈希链断裂');
    expect(output).toMatch(/流 stream:\s+inspection-y/);
    expect(output).toMatch(/修订号 revision:\s+2/);
    expect(output).toMatch(new RegExp(`全局位置 position:\\s+${target.position}`));
    expect(output).toContain(target.id);
    expect(output).toContain('hash_mismatch');

    const json = await runCli(`sqlite:${path}`, '--json', '--page-size', '3');
    expect(json.exitCode).toBe(1);
    expect(JSON.parse(json.output)).toMatchObject({ intact: false, break: { streamId: 'inspection-y', revision: 2, position: target.position, eventId: target.id, reason: 'hash_mismatch' } });
  });
});
