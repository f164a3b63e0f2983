import { existsSync } from 'node:fs';
import { maskPassword, sqliteFileOf } from '@shuangsui/application';
import { createEventStore, type EventStore } from '@shuangsui/event-store';

/** A precondition of a command that did not hold: printed to stderr, exit code 1, nothing changed. */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
}

/**
 * Opens an event store that must already hold the history. Opening a SQLite path creates the file,
 * so a mistyped `--store` would otherwise verify, export or replay an empty history it just made.
 */
export async function openExistingEventStore(url: string): Promise<EventStore> {
  const file = sqliteFileOf(url);
  if (file !== null && !existsSync(file)) throw new CommandRefused(`事件库不存在（no event store）：${maskPassword(url)}；请检查 --store 或 SHUANGSUI_EVENT_STORE`);
  return createEventStore(url);
}

/** Runs a command's body; a refusal becomes a message on stderr and exit code 1 (tests run commands in-process). */
export async function refusalsToExitCode(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (!(error instanceof CommandRefused)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
