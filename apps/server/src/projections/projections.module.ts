import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { hazardReferralManager, InspectionCommandHandler, type EventReactor, LeaderTasks, ReadModelFacts, type Settings } from '@shuangsui/application';
import { chinaDate } from '@shuangsui/domain';
import type { WorkingDayCalendar } from '@shuangsui/domain/calendar';
import type { EventStore } from '@shuangsui/event-store';
import {
  ALL_PROJECTIONS,
  createLeaderElection,
  createReadStore,
  CaseListReader,
  DEFAULT_REMINDER_SETTINGS,
  RemindersReader,
  Deadlines,
  DisclosureReader,
  PlanReader,
  ProgressReader,
  ProjectionRunner,
  ReferralsReader,
  type LeaderElection,
  type ReadStore,
} from '@shuangsui/projections';
import { CLOCK, EVENT_STORE, SETTINGS, WORKING_DAY_CALENDAR, type Clock } from '../common/tokens';
import { InspectionsModule } from '../inspections/inspections.module';
import { ProjectionsController } from './projections.controller';
import { AUTOMATED_REFERRAL, DIRECTORY_FACTS, LEADER_ELECTION, PROJECTION_RUNNER, READ_STORE, REFERRAL_MANAGER } from './read-store.tokens';

/**
 * The read side in the server: opens the read store, runs every projection and the automated hazard
 * referral from their checkpoints while the server is up, and serves the supervisor read endpoints.
 * Readers (DisclosureReader, ProgressReader, ReferralsReader, PlanReader) are exported for other modules.
 */
@Module({})
export class ProjectionsModule implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Projections');

  constructor(
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(AUTOMATED_REFERRAL) private readonly automatedReferral: boolean,
    @Inject(LEADER_ELECTION) private readonly leadership: LeaderElection,
    private readonly leaderTasks: LeaderTasks,
  ) {}

  static forRoot(readStoreUrl: string, automatedReferral = true): DynamicModule {
    return {
      module: ProjectionsModule,
      // Global: the public disclosure endpoint and other features inject the readers directly.
      global: true,
      imports: [InspectionsModule],
      controllers: [ProjectionsController],
      providers: [
        { provide: READ_STORE, useFactory: () => createReadStore(readStoreUrl) },
        {
          provide: PROJECTION_RUNNER,
          useFactory: (events: EventStore, store: ReadStore) =>
            new ProjectionRunner(events, store, ALL_PROJECTIONS, { onError: (error) => new Logger('Projections').error(error.message) }),
          inject: [EVENT_STORE, READ_STORE],
        },
        {
          // The process manager keeps its checkpoint in the read store, beside the projections' own.
          provide: REFERRAL_MANAGER,
          useFactory: (events: EventStore, store: ReadStore, handler: InspectionCommandHandler) =>
            hazardReferralManager(events, store, handler, (message: string) => new Logger('HazardReferral').log(message)),
          inject: [EVENT_STORE, READ_STORE, InspectionCommandHandler],
        },
        { provide: AUTOMATED_REFERRAL, useValue: automatedReferral },
        // Write commands that need the directory or units' history read it here, caught up with the log.
        { provide: DIRECTORY_FACTS, useFactory: (events: EventStore, store: ReadStore) => new ReadModelFacts(events, store), inject: [EVENT_STORE, READ_STORE] },
        // One projector per shared read store: an advisory lock for PostgreSQL, this process for SQLite.
        { provide: LEADER_ELECTION, useFactory: () => createLeaderElection(readStoreUrl, (message) => new Logger('Leadership').log(message)) },
        {
          // What runs only on the leader: the automated referral (unless switched off), and the process
          // managers other modules add (the draw and unit-closure follow-ups).
          provide: LeaderTasks,
          useFactory: async (referrals: EventReactor) => {
            const tasks = new LeaderTasks();
            if (automatedReferral) await tasks.keepRunning(referrals);
            return tasks;
          },
          inject: [REFERRAL_MANAGER],
        },
        {
          provide: Deadlines,
          useFactory: (calendar: WorkingDayCalendar, settings: Settings) =>
            new Deadlines(calendar, { reviewWorkingDays: settings.reviewWorkingDays, publicationWorkingDays: settings.publicationWorkingDays }),
          inject: [WORKING_DAY_CALENDAR, SETTINGS],
        },
        { provide: DisclosureReader, useFactory: (store: ReadStore) => new DisclosureReader(store), inject: [READ_STORE] },
        { provide: PlanReader, useFactory: (store: ReadStore) => new PlanReader(store), inject: [READ_STORE] },
        { provide: CaseListReader, useFactory: (store: ReadStore) => new CaseListReader(store), inject: [READ_STORE] },
        {
          provide: RemindersReader,
          useFactory: (store: ReadStore, calendar: WorkingDayCalendar, settings: Settings) =>
            new RemindersReader(store, calendar, {
              ...DEFAULT_REMINDER_SETTINGS,
              nearWorkingDays: settings.reminderNearWorkingDays,
              reviewWorkingDays: settings.reviewWorkingDays,
              publicationWorkingDays: settings.publicationWorkingDays,
            }),
          inject: [READ_STORE, WORKING_DAY_CALENDAR, SETTINGS],
        },
        {
          provide: ReferralsReader,
          useFactory: (store: ReadStore, deadlines: Deadlines, clock: Clock) => new ReferralsReader(store, deadlines, () => chinaDate(clock())),
          inject: [READ_STORE, Deadlines, CLOCK],
        },
        {
          provide: ProgressReader,
          useFactory: (store: ReadStore, deadlines: Deadlines, referrals: ReferralsReader, clock: Clock) =>
            new ProgressReader(store, deadlines, referrals, () => chinaDate(clock())),
          inject: [READ_STORE, Deadlines, ReferralsReader, CLOCK],
        },
      ],
      exports: [READ_STORE, DIRECTORY_FACTS, PROJECTION_RUNNER, LEADER_ELECTION, LeaderTasks, DisclosureReader, ProgressReader, ReferralsReader, PlanReader, CaseListReader, RemindersReader],
    };
  }

  /** Projections and the leader tasks (process managers among them) run only while this process leads. */
  async onApplicationBootstrap(): Promise<void> {
    await this.leadership.start({
      onElected: async () => {
        await this.runner.start();
        this.logger.log(`Projections are running; automated hazard referral ${this.automatedReferral ? 'on' : 'off'}`);
        await this.leaderTasks.elected();
      },
      onDemoted: async () => {
        await this.leaderTasks.demoted();
        await this.runner.stop();
        this.logger.warn('Projections stopped: this process is no longer the active projector');
      },
    });
    if (!this.leadership.status().active) this.logger.log('Standing by: another server is the active projector');
  }

  /** Before the event store closes (onApplicationShutdown): stop reading it, then close the read store. */
  async onModuleDestroy(): Promise<void> {
    await this.leadership.stop();
    await this.leaderTasks.stopServices();
    await this.runner.stop();
    await this.store.close();
  }
}
