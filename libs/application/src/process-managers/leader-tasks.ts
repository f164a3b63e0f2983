/**
 * The work that runs only in the process that leads. Several servers may share one store; the
 * process managers must run in exactly one of them at a time, and move with leadership when the
 * leader dies. The leader election itself (libs/projections/src/leadership, which also decides who
 * runs the projections) calls `elected` and `demoted` through the server's wiring; this class knows
 * only what to start and stop.
 *
 * - tasks (`add`) run once on each election, in registration order;
 * - services (`keepRunning`: the process managers) are started on each election, after the tasks,
 *   and stopped on demotion and at shutdown.
 * Whatever is registered while this process already leads starts at once.
 */
export type LeaderTask = () => Promise<void>;

/** What a leader service reports (the server's admin status lists it). */
export interface LeaderServiceStatus {
  readonly name: string;
  readonly state: 'running' | 'failed' | 'stopped';
  readonly position: number;
  readonly error: string | null;
}

/** Something that runs only while this process leads: started on election, stopped on demotion. */
export interface LeaderService {
  start(): Promise<void>;
  stop(): Promise<void>;
  status?(): LeaderServiceStatus;
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

  /** Called by the leadership wiring on demotion: the services stop at once. */
  async demoted(): Promise<void> {
    this.leading = false;
    await this.stopServices();
  }

  /** Stops every leader service (on demotion and at shutdown). */
  async stopServices(): Promise<void> {
    for (const service of this.services) await service.stop();
  }

  /** The status of every service that reports one, in registration order. */
  statuses(): LeaderServiceStatus[] {
    return this.services.flatMap((service) => (service.status ? [service.status()] : []));
  }
}
