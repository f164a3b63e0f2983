import type { Command } from 'commander';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadSettings, SETTING, type Settings } from '@shuangsui/application';
import { completeResult, history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import type { EventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, findHeadPosition, type ProjectionRunner, type ReplayReport } from '@shuangsui/projections';
import { appendCase } from '@shuangsui/projections/testing/given-events';
import { cliSettings } from '../apps/cli/src/commands/global-options';
import { createProgram } from '../apps/cli/src/program';
import { createApp } from '../apps/server/src/app.factory';
import { EVENT_STORE, SETTINGS } from '../apps/server/src/common/tokens';
import { PROJECTION_RUNNER } from '../apps/server/src/projections/read-store.tokens';

/** The real CLI program, with the real global options, plus a command that only reports its settings. */
async function settingsTheCliUses(env: Record<string, string>, ...globalArgs: string[]): Promise<Settings> {
  let seen: Settings | undefined;
  const program = createProgram().exitOverride();
  program.command('probe').action((_options: unknown, command: Command) => void (seen = cliSettings(command, env)));
  await program.parseAsync(['node', 'shuangsui', ...globalArgs, 'probe']);
  return seen!;
}

/** Runs a CLI command in-process; its JSON report and exit code. */
async function runCli(...args: string[]): Promise<{ output: string; exitCode: number }> {
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const before = process.exitCode;
  try {
    await createProgram().exitOverride().parseAsync(['node', 'shuangsui', ...args]);
    return { output: lines.join('\n'), exitCode: Number(process.exitCode ?? 0) };
  } finally {
    log.mockRestore();
    process.exitCode = before;
  }
}

const storesOf = (settings: Settings) => ({ eventStoreUrl: settings.eventStoreUrl, readStoreUrl: settings.readStoreUrl, secretsDir: settings.secretsDir });

describe('the CLI and the server resolve the same stores from the same settings', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shuangsui-stores-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a SQLite event store in a directory: both find the read store and the secrets beside it', async () => {
    const url = `sqlite:${join(dir, 'events.db')}`;
    const env = { [SETTING.eventStore]: url, [SETTING.logLevel]: 'silent' };
    const app = await createApp({ settings: loadSettings(env), automatedReferral: false });
    await app.init();
    try {
      const server = app.get<Settings>(SETTINGS);
      expect(storesOf(server)).toEqual({ eventStoreUrl: url, readStoreUrl: `sqlite:${join(dir, 'read-models.db')}`, secretsDir: join(dir, 'secrets') });
      expect(storesOf(await settingsTheCliUses(env))).toEqual(storesOf(server));
      // --store in place of the variable, with nothing else set: the same stores again.
      expect(storesOf(await settingsTheCliUses({}, '--store', url))).toEqual(storesOf(server));

      // The server builds its live read models there; the CLI's replay finds and compares them.
      const events = app.get<EventStore>(EVENT_STORE);
      await appendCase(events, 's1', history.published(completeResult(), 's1'));
      await app.get<ProjectionRunner>(PROJECTION_RUNNER).waitUntil(await findHeadPosition(events));
    } finally {
      await app.close();
    }
    expect(existsSync(join(dir, 'read-models.db'))).toBe(true);

    const { output, exitCode } = await runCli('--store', url, 'replay', '--json');
    const report = JSON.parse(output) as ReplayReport;
    expect(exitCode).toBe(0);
    expect(report.projections.map((p) => [p.name, p.comparedAt, p.differences])).toEqual(ALL_PROJECTIONS.map((p) => [p.name, report.position, []]));
    expect(report.position).toBeGreaterThan(0);
  });
});
