import type { Command } from 'commander';
import { loadSettings, type Settings, type SettingsEnvironment } from '@shuangsui/application';

/** The root program's options: each replaces one setting of the environment. */
export interface GlobalOptions {
  readonly store?: string;
  readonly readStore?: string;
}

/** Declares the options every command shares; no defaults here, so Settings alone decides them. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option('--store <url>', 'event store URL (default: SHUANGSUI_EVENT_STORE, else sqlite:./data/events.db)')
    .option('--read-store <url>', 'read-model store URL (default: SHUANGSUI_READ_STORE, else read-models.db beside a SQLite event store)');
}

/**
 * The settings a subcommand runs with: the environment read as the server reads it, with `--store`
 * and `--read-store` in place of the variables. A read store left unset is then derived from the
 * event store actually used, exactly as the server derives it.
 */
export function cliSettings(command: Command, env: SettingsEnvironment = process.env): Settings {
  let root = command;
  while (root.parent) root = root.parent;
  const options = root.opts<GlobalOptions>();
  return loadSettings(env, { eventStoreUrl: options.store, readStoreUrl: options.readStore });
}
