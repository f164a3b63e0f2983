import { Command } from 'commander';

/**
 * One CLI command as an operator runs it, in-process: registered on a bare program with the global
 * store options, its printed lines captured, its exit code read from process.exitCode (the commands
 * set it rather than exit, so stores close cleanly). The output is parsed as JSON when it is JSON.
 */
export async function runCli(register: (program: Command) => void, args: readonly string[]): Promise<{ exitCode: number; output: string; json: any }> {
  const program = new Command('shuangsui').option('--store <url>').option('--read-store <url>').exitOverride();
  register(program);
  const lines: string[] = [];
  const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
  const before = process.exitCode;
  try {
    await program.parseAsync(['node', 'shuangsui', ...args]);
    const output = lines.join('\n');
    let json: unknown = null;
    try {
      json = JSON.parse(output);
    } catch {
      json = null;
    }
    return { exitCode: Number(process.exitCode ?? 0), output, json };
  } finally {
    log.mockRestore();
    process.exitCode = before;
  }
}
