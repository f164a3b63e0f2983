import { Command } from 'commander';
import { COMMANDS } from './commands';

/**
 * The operator's command line: `npm run cli -- <command> [options]` (after `npm run build`).
 * Each command lives in commands/<name>.command.ts and registers itself on the program.
 */
async function main(): Promise<void> {
  const program = new Command('shuangsui')
    .description('双随机、一公开 — 命令行工具 (shuangsui CLI)')
    .option('--store <url>', 'event store URL (or SHUANGSUI_EVENT_STORE)', process.env['SHUANGSUI_EVENT_STORE'] ?? 'sqlite:./data/events.db')
    .option('--read-store <url>', 'read-model store URL (or SHUANGSUI_READ_STORE)', process.env['SHUANGSUI_READ_STORE'] ?? 'sqlite:./data/read-models.db')
    .showHelpAfterError();
  for (const register of COMMANDS) register(program);
  await program.parseAsync(process.argv);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
