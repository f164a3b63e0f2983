import { Module } from '@nestjs/common';
import {
  FileDrawSecretStore,
  PlanAlreadyExistsError,
  PlanNotFoundError,
  PlanService,
  QuotaAlreadySetError,
  QuotaNotSetError,
  type DirectoryFacts,
  type DrawSecretStore,
  type Settings,
} from '@shuangsui/application';
import type { WorkingDayCalendar } from '@shuangsui/domain/calendar';
import { DIRECTORY_FACTS } from '../projections/read-store.tokens';
import type { EventStore } from '@shuangsui/event-store';
import { registerErrorMapper } from '../common/error.filter';
import { CLOCK, EVENT_STORE, SETTINGS, WORKING_DAY_CALENDAR, type Clock } from '../common/tokens';
import { PlansController } from './plans.controller';

/** The store for seed secrets between freeze and draw, in Settings.secretsDir. */
export const DRAW_SECRETS = Symbol('DRAW_SECRETS');

registerErrorMapper((error) => {
  if (error instanceof PlanNotFoundError) return { statusCode: 404, error: 'PlanNotFound', message: error.message, planId: error.planId };
  if (error instanceof QuotaNotSetError) return { statusCode: 404, error: 'QuotaNotSet', message: error.message, planId: error.planId, month: error.month };
  if (error instanceof PlanAlreadyExistsError) return { statusCode: 409, error: 'PlanAlreadyExists', message: error.message, planId: error.planId };
  if (error instanceof QuotaAlreadySetError) return { statusCode: 409, error: 'QuotaAlreadySet', message: error.message, planId: error.planId, month: error.month };
  return null;
});

@Module({
  controllers: [PlansController],
  providers: [
    { provide: DRAW_SECRETS, useFactory: (settings: Settings): DrawSecretStore => new FileDrawSecretStore(settings.secretsDir), inject: [SETTINGS] },
    {
      provide: PlanService,
      useFactory: (store: EventStore, secrets: DrawSecretStore, calendar: WorkingDayCalendar, facts: DirectoryFacts, clock: Clock) =>
        new PlanService(store, secrets, calendar, facts, clock),
      inject: [EVENT_STORE, DRAW_SECRETS, WORKING_DAY_CALENDAR, DIRECTORY_FACTS, CLOCK],
    },
  ],
  exports: [PlanService, DRAW_SECRETS],
})
export class PlansModule {}
