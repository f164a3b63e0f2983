import type { Command } from 'commander';

/** A CLI command registers itself on the root program; global options via `program.opts()`. */
export type RegisterCommand = (program: Command) => void;

/** Every command of the CLI. Add one line per command file. */
export const COMMANDS: RegisterCommand[] = [];
