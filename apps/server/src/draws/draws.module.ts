import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DrawAlreadyPerformedError,
  DrawFailedError,
  DrawRevealRejectedError,
  DrawRoundNotReadyError,
  DrawBundles,
  DrawFollowUp,
  DrawNotFoundError,
  DrawQueries,
  DrawSecretMissingError,
  DrawService,
  DrawVerifier,
  InspectionCommandHandler,
  LeaderTasks,
  PlanService,
  UnitClosureFollowUp,
  EventReactor,
  drawFollowUpReaction,
  unitClosureReaction,
  type DrawSecretStore,
  type Settings,
} from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { PlanReader, TransparencyTreeReader, type ReadStore } from '@shuangsui/projections';
import { READ_STORE } from '../projections/read-store.tokens';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, SETTINGS, type Clock } from '../common/tokens';
import { DirectoriesModule } from '../directories/directories.module';
import { InspectionsModule } from '../inspections/inspections.module';
import { DRAW_SECRETS, PlansModule } from '../plans/plans.module';
import { DrawsController } from './draws.controller';
import { PublicDrawsController } from './public-draws.controller';

registerErrorMapper((error) => {
  if (error instanceof DrawRoundNotReadyError) return { statusCode: 409, error: 'DrawRoundNotReady', message: error.message, state: error.state, allowed: error.allowed, ...error.details };
  if (error instanceof DrawRevealRejectedError) return { statusCode: 422, error: 'DrawRevealRejected', message: error.message, violations: [error.violation] };
  if (error instanceof DrawAlreadyPerformedError) return { statusCode: 409, error: 'DrawAlreadyPerformed', message: error.message, drawId: error.drawId };
  if (error instanceof DrawNotFoundError) return { statusCode: 404, error: 'DrawNotFound', message: error.message, drawId: error.drawId };
  if (error instanceof DrawFailedError) {
    return { statusCode: 422, error: 'DrawFailed', message: error.message, code: error.failure.code, unitId: error.failure.unitId ?? null, violations: error.failure.violations };
  }
  if (error instanceof DrawSecretMissingError) return { statusCode: 500, error: 'DrawSecretMissing', message: error.message };
  return null;
});

@Module({
  imports: [PlansModule, InspectionsModule, DirectoriesModule],
  controllers: [DrawsController, PublicDrawsController],
  providers: [
    {
      provide: DrawService,
      useFactory: (store: EventStore, plans: PlanService, secrets: DrawSecretStore, settings: Settings, clock: Clock) =>
        new DrawService(store, plans, secrets, { minWitnessInputs: settings.minWitnessInputs }, clock),
      inject: [EVENT_STORE, PlanService, DRAW_SECRETS, SETTINGS, CLOCK],
    },
    {
      provide: DrawFollowUp,
      useFactory: (store: EventStore, handler: InspectionCommandHandler, closures: UnitClosureFollowUp, clock: Clock) => new DrawFollowUp(store, handler, { closures }, clock),
      inject: [EVENT_STORE, InspectionCommandHandler, UnitClosureFollowUp, CLOCK],
    },
    { provide: DrawVerifier, useFactory: (store: EventStore) => new DrawVerifier(store), inject: [EVENT_STORE] },
    { provide: DrawQueries, useFactory: (store: EventStore) => new DrawQueries(store), inject: [EVENT_STORE] },
    {
      provide: DrawBundles,
      useFactory: (store: EventStore, plans: PlanService, planReader: PlanReader, clock: Clock, readStore: ReadStore) =>
        new DrawBundles(store, plans, async () => (await planReader.list()).map((plan) => plan.planId), clock, new TransparencyTreeReader(readStore)),
      inject: [EVENT_STORE, PlanService, PlanReader, CLOCK, READ_STORE],
    },
  ],
})
export class DrawsModule implements OnApplicationBootstrap {
  constructor(
    @Inject(DrawFollowUp) private readonly followUp: DrawFollowUp,
    @Inject(UnitClosureFollowUp) private readonly closures: UnitClosureFollowUp,
    @Inject(LeaderTasks) private readonly leaderTasks: LeaderTasks,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(READ_STORE) private readonly checkpoints: ReadStore,
  ) {}

  /**
   * The draw follow-up and the unit-closure process managers run from their checkpoints on the elected
   * projector only (one process of many sharing a PostgreSQL), and again whenever leadership moves, so
   * a follow-up a crash or a dead leader left half done is finished by whoever leads next.
   */
  async onApplicationBootstrap(): Promise<void> {
    const logger = new Logger('ProcessManagers');
    const log = (message: string) => logger.log(message);
    await this.leaderTasks.keepRunning(new EventReactor(this.events, this.checkpoints, drawFollowUpReaction(this.followUp, log), (m) => logger.error(m)));
    await this.leaderTasks.keepRunning(new EventReactor(this.events, this.checkpoints, unitClosureReaction(this.closures, log), (m) => logger.error(m)));
  }
}
