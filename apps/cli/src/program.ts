import { Command } from 'commander';
import { COMMANDS } from './commands';
import { addGlobalOptions } from './commands/global-options';

/** The whole command line, built without running it: main.ts parses process.argv, tests their own. */
export function createProgram(): Command {
  const program = addGlobalOptions(new Command('shuangsui').description('双随机、一公开 — 命令行工具 (shuangsui CLI)')).showHelpAfterError();
  for (const register of COMMANDS) register(program);
  return program;
}
