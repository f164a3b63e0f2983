import type { Command } from 'commander';

export interface GlobalOptions {
  readonly store: string;
  readonly readStore: string;
}

/** The root program's options, from inside a subcommand's action. */
export function globalOptions(command: Command): GlobalOptions {
  let root = command;
  while (root.parent) root = root.parent;
  return root.opts<GlobalOptions>();
}
