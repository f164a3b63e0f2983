import { Module, type DynamicModule } from '@nestjs/common';
import type { EventStore } from '@shuangsui/event-store';
import { CLOCK, type Clock } from './common/tokens';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { InspectionsModule } from './inspections/inspections.module';

export interface AppOptions {
  /** A store URL (SHUANGSUI_EVENT_STORE) or an open store (tests). */
  readonly eventStore: string | EventStore;
  readonly clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [EventStoreModule.forRoot(options.eventStore), InspectionsModule],
      controllers: [HealthController],
      providers: [{ provide: CLOCK, useValue: options.clock ?? (() => new Date()) }],
      exports: [CLOCK],
    };
  }
}
