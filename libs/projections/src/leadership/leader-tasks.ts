/**
 * Work that must run only on the leader each time it is elected (for example the draw follow-up's
 * resume of incomplete draws left by a dead leader). Tasks registered while this process already
 * leads run at once; the others run, in registration order, on each election.
 */
export type LeaderTask = () => Promise<void>;

/** Something that runs only while this process leads: started on election, stopped on demotion. */
export interface LeaderService {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class LeaderTasks {
  private readonly tasks: LeaderTask[] = [];
  private readonly services: LeaderService[] = [];
  private leading = false;

  /** Runs `service` while this process leads (at once if it already does). */
  async keepRunning(service: LeaderService): Promise<void> {
    this.services.push(service);
    if (this.leading) await service.start();
  }

  /** Stops every leader service (on demotion and at shutdown). */
  async stopServices(): Promise<void> {
    for (const service of this.services) await service.stop();
  }

  async add(task: LeaderTask): Promise<void> {
    this.tasks.push(task);
    if (this.leading) await task();
  }

  /** Called by the leadership wiring on election. */
  async elected(): Promise<void> {
    this.leading = true;
    for (const task of this.tasks) await task();
    for (const service of this.services) await service.start();
  }

  async demoted(): Promise<void> {
    this.leading = false;
    await this.stopServices();
  }
}
