import { Inject, Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import {
  DrawAlreadyPerformedError,
  DrawFailedError,
  DrawFollowUp,
  DrawNotFoundError,
  DrawQueries,
  DrawSecretMissingError,
  DrawService,
  DrawVerifier,
  InspectionCommandHandler,
  PlanService,
  UnitClosureFollowUp,
  type DrawSecretStore,
} from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { LeaderTasks } from '@shuangsui/projections';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { DirectoriesModule } from '../directories/directories.module';
import { InspectionsModule } from '../inspections/inspections.module';
import { DRAW_SECRETS, PlansModule } from '../plans/plans.module';
import { DrawsController } from './draws.controller';

registerErrorMapper((error) => {
  if (error instanceof DrawAlreadyPerformedError) return { statusCode: 409, error: 'DrawAlreadyPerformed', message: error.message, drawId: error.drawId };
  if (error instanceof DrawNotFoundError) return { statusCode: 404, error: 'DrawNotFound', message: error.message, drawId: error.drawId };
  if (error instanceof DrawFailedError) {
    return { statusCode: 422, error: 'DrawFailed', message: error.message, code: error.failure.code, unitId: error.failure.unitId ?? null, violations: error.failure.violations };
  }
  if (error instanceof DrawSecretMissingError) return { statusCode: 500, error: 'DrawSecretMissing', message: error.message };
  return null;
});

/** SHUANGSUI_MIN_WITNESS_INPUTS: how many public inputs a draw needs (default 1). */
function minWitnessInputs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env['SHUANGSUI_MIN_WITNESS_INPUTS'] ?? 1);
  if (!Number.isInteger(value) || value < 1) throw new Error(`Setting SHUANGSUI_MIN_WITNESS_INPUTS must be an integer ≥ 1, got "${env['SHUANGSUI_MIN_WITNESS_INPUTS']}"`);
  return value;
}

@Module({
  imports: [PlansModule, InspectionsModule, DirectoriesModule],
  controllers: [DrawsController],
  providers: [
    {
      provide: DrawService,
      useFactory: (store: EventStore, plans: PlanService, secrets: DrawSecretStore, clock: Clock) => new DrawService(store, plans, secrets, { minWitnessInputs: minWitnessInputs() }, clock),
      inject: [EVENT_STORE, PlanService, DRAW_SECRETS, CLOCK],
    },
    {
      provide: DrawFollowUp,
      useFactory: (store: EventStore, handler: InspectionCommandHandler, closures: UnitClosureFollowUp, clock: Clock) => new DrawFollowUp(store, handler, { closures }, clock),
      inject: [EVENT_STORE, InspectionCommandHandler, UnitClosureFollowUp, CLOCK],
    },
    { provide: DrawVerifier, useFactory: (store: EventStore) => new DrawVerifier(store), inject: [EVENT_STORE] },
    { provide: DrawQueries, useFactory: (store: EventStore) => new DrawQueries(store), inject: [EVENT_STORE] },
  ],
})
export class DrawsModule implements OnApplicationBootstrap {
  private readonly logger = new Logger('DrawFollowUp');
  constructor(
    @Inject(DrawFollowUp) private readonly followUp: DrawFollowUp,
    @Inject(UnitClosureFollowUp) private readonly closures: UnitClosureFollowUp,
    @Inject(LeaderTasks) private readonly leaderTasks: LeaderTasks,
  ) {}

  /**
   * After a crash, every draw whose cases are incomplete is finished, then every open case of a closed
   * unit is cancelled, before the server takes requests. In this order, so cases the first step creates
   * are seen by the second. Only the elected projector does this (one process of many sharing a
   * PostgreSQL), and again whenever leadership moves, so a follow-up the dead leader left half done is
   * finished by its successor.
   */
  async onApplicationBootstrap(): Promise<void> {
    await this.leaderTasks.add(() => this.resumeFollowUps());
  }

  private async resumeFollowUps(): Promise<void> {
    const reports = await this.followUp.resumeIncomplete();
    for (const report of reports) {
      if (report.completed) this.logger.log(`draw ${report.drawId}: follow-up resumed and completed (${report.cases} cases)`);
      else this.logger.warn(`draw ${report.drawId}: follow-up incomplete, ${report.failures.length} case(s) failed: ${report.failures[0]?.message ?? ''}`);
    }
    const closures = await this.closures.resumeIncomplete();
    if (closures.cancelled.length > 0) this.logger.log(`unit closures: ${closures.cancelled.length} open case(s) cancelled at start-up`);
    if (closures.failures.length > 0) this.logger.warn(`unit closures: ${closures.failures.length} case(s) not cancelled: ${closures.failures[0]?.message ?? ''}`);
  }
}
