import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningBenchServer {
  /** Port of the real server (the store at `dbPath`). */
  readonly commandPort: number;
  /** Port of the bare NestJS app beside it (same validation pipe, no store). */
  readonly barePort: number;
  /** SIGINT, so a `--cpu-prof` server writes its profile; resolves when it has exited. */
  stop(): Promise<void>;
}

/**
 * Starts bench-server.js in a child process, so the load generator does not share the server's event
 * loop: the real server on the SQLite file `dbPath` with `cases` drawn cases seeded (0: the store as
 * it is), ready once its read side has caught up. `BENCH_SERVER_NODE_OPTIONS="--cpu-prof"` profiles
 * the server; `env` is added to the child's environment.
 */
export async function startBenchServer(dbPath: string, cases: number, env: NodeJS.ProcessEnv = {}): Promise<RunningBenchServer> {
  const nodeOptions = process.env['BENCH_SERVER_NODE_OPTIONS']?.split(' ').filter(Boolean) ?? [];
  const runner = join(__dirname, '..', '..', '..', 'scripts', 'run.js');
  const child = spawn(process.execPath, [...nodeOptions, runner, join(__dirname, 'bench-server.js'), dbPath, String(cases)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const ready = await new Promise<{ commandPort: number; barePort: number }>((resolve, reject) => {
      child.once('exit', (code, signal) => reject(new Error(`bench server exited with ${code ?? signal}`)));
      createInterface({ input: child.stdout! }).once('line', (line) => resolve(JSON.parse(line) as { commandPort: number; barePort: number }));
    });
    return {
      ...ready,
      stop: async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGINT');
        await exited;
      },
    };
  } catch (error) {
    child.kill('SIGINT');
    throw error;
  }
}
