/**
 * Work that must run only on the leader each time it is elected (for example the draw follow-up's
 * resume of incomplete draws left by a dead leader). Tasks registered while this process already
 * leads run at once; the others run, in registration order, on each election.
 */
export type LeaderTask = () => Promise<void>;

export class LeaderTasks {
  private readonly tasks: LeaderTask[] = [];
  private leading = false;

  async add(task: LeaderTask): Promise<void> {
    this.tasks.push(task);
    if (this.leading) await task();
  }

  /** Called by the leadership wiring on election. */
  async elected(): Promise<void> {
    this.leading = true;
    for (const task of this.tasks) await task();
  }

  demoted(): void {
    this.leading = false;
  }
}
