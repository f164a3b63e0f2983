import { Module, type DynamicModule } from '@nestjs/common';
import { loadWorkingDayCalendar, type Settings } from '@shuangsui/application';
import type { Logger } from 'pino';
import { CLOCK, SETTINGS, WORKING_DAY_CALENDAR, type Clock } from './common/tokens';
import { loggerModule } from './http/logging';
import { EventStoreModule } from './event-store/event-store.module';
import { HealthController } from './health/health.controller';
import { AuditController } from './audit/audit.controller';
import { InspectionsModule } from './inspections/inspections.module';
import { DocumentsModule } from './documents/documents.module';
import { ProjectionsModule } from './projections/projections.module';
import { DirectoriesModule } from './directories/directories.module';
import { PlansModule } from './plans/plans.module';
import { DrawsModule } from './draws/draws.module';
import { LiveFeedModule } from './live-feed/live-feed.module';
import { PublicModule } from './public/public.module';
import { AuthModule, type AuthOptions } from './auth/auth.module';
import { EvidenceModule } from './evidence/evidence.module';
import { WebModule } from './web/web.module';
import { TransparencyModule } from './transparency/transparency.module';
import { MetricsModule } from './metrics/metrics.module';
import { ReminderWebhooksModule } from './reminders/reminder-webhooks.module';

export interface AppOptions {
  /** Every setting, from `loadSettings()` (main.ts) or built by a test; no module reads the environment. */
  readonly settings: Settings;
  readonly clock?: Clock;
  /** Run the automated hazard referral (default true; some tests open referrals by hand). */
  readonly automatedReferral?: boolean;
  /** Identity and access beyond `settings.auth`: hashing cost, where the one-time password is shown (tests). */
  readonly auth?: Partial<AuthOptions>;
}

@Module({})
export class AppModule {
  /** `logger` is the one pino logger createApp builds from the settings (http/logging.ts). */
  static forRoot(options: AppOptions & { readonly logger: Logger }): DynamicModule {
    const { settings } = options;
    return {
      module: AppModule,
      global: true,
      imports: [
        loggerModule(options.logger),
        MetricsModule,
        EventStoreModule.forRoot(settings.eventStoreUrl),
        AuthModule.forRoot({ settings: settings.auth, ...options.auth }, settings.secretsDir),
        LiveFeedModule,
        InspectionsModule,
        DocumentsModule,
        ProjectionsModule.forRoot(settings.readStoreUrl, options.automatedReferral ?? true),
        PublicModule,
        DirectoriesModule,
        PlansModule,
        DrawsModule,
        TransparencyModule,
        ReminderWebhooksModule,
        EvidenceModule,
        WebModule,
      ],
      controllers: [HealthController, AuditController],
      providers: [
        { provide: CLOCK, useValue: options.clock ?? (() => new Date()) },
        { provide: SETTINGS, useValue: settings },
        { provide: WORKING_DAY_CALENDAR, useFactory: () => loadWorkingDayCalendar(settings.calendarDir) },
      ],
      exports: [CLOCK, SETTINGS, WORKING_DAY_CALENDAR],
    };
  }
}
