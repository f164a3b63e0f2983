import type { LeaderService, LeaderServiceStatus } from './leader-tasks';

/**
 * A leader service that runs `run` every `intervalMs`, and on demand (`runNow`), one run at a time: a run
 * that fails is named in the status and the next one tries again. The timer never keeps the process up.
 */
export class PeriodicTask implements LeaderService {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private state: LeaderServiceStatus['state'] = 'stopped';
  private error: string | null = null;

  constructor(
    readonly name: string,
    private readonly intervalMs: number,
    private readonly run: () => Promise<void>,
    /** What the status reports as its position (heads signed, reminders sent, …). */
    private readonly position: () => number,
  ) {}

  async start(): Promise<void> {
    this.state = 'running';
    this.error = null;
    this.timer = setInterval(() => void this.runNow(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    if (this.state === 'running') this.state = 'stopped';
  }

  status(): LeaderServiceStatus {
    return { name: this.name, state: this.state, position: this.position(), error: this.error };
  }

  /** One run, after the one under way (runs never overlap). */
  runNow(): Promise<void> {
    this.running = this.running.then(async () => {
      try {
        await this.run();
        this.error = null;
      } catch (error) {
        this.error = error instanceof Error ? error.message : String(error);
      }
    });
    return this.running;
  }
}
