import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@shuangsui/event-store';
import { CLOCK, type Clock } from './common/tokens';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { InspectionsModule } from './inspections/inspections.module';
import { ProjectionsModule } from './projections/projections.module';
import { resolveReadStoreUrl } from './projections/read-store-url';
import { DirectoriesModule } from './directories/directories.module';
import { PlansModule } from './plans/plans.module';
import { DrawsModule } from './draws/draws.module';
import { LiveFeedModule } from './live-feed/live-feed.module';
import { PublicModule } from './public/public.module';

export interface AppOptions {
  /** A store URL (SHUANGSUI_EVENT_STORE) or an open store (tests). */
  readonly eventStore: string | EventStore;
  readonly clock?: Clock;
  /** Read-model store URL (SHUANGSUI_READ_STORE); default beside a SQLite event store. */
  readonly readStore?: string;
  /** Run the automated hazard referral (default true; some tests open referrals by hand). */
  readonly automatedReferral?: boolean;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [EventStoreModule.forRoot(options.eventStore), LiveFeedModule, InspectionsModule, ProjectionsModule.forRoot(resolveReadStoreUrl(options.readStore, options.eventStore), options.automatedReferral ?? true), PublicModule, DirectoriesModule, PlansModule, DrawsModule],
      controllers: [HealthController],
      providers: [{ provide: CLOCK, useValue: options.clock ?? (() => new Date()) }],
      exports: [CLOCK],
    };
  }
}
