import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { LeaderTasks, ReminderWebhooks, type Settings } from '@shuangsui/application';
import { RemindersReader, WebhookDeliveries, type ReadStore } from '@shuangsui/projections';
import { CLOCK, SETTINGS, type Clock } from '../common/tokens';
import { READ_STORE } from '../projections/read-store.tokens';

/** Reminder webhooks (docs/reminders.md): on the leader, only when SHUANGSUI_WEBHOOK_URLS names receivers. */
@Module({
  providers: [
    {
      provide: ReminderWebhooks,
      useFactory: (settings: Settings, reminders: RemindersReader, store: ReadStore, clock: Clock) => {
        const { urls, secret, intervalSeconds } = settings.webhooks;
        if (urls.length === 0 || secret === null) return null;
        return new ReminderWebhooks(reminders, new WebhookDeliveries(store), { urls, secret, intervalMs: intervalSeconds * 1000 }, clock);
      },
      inject: [SETTINGS, RemindersReader, READ_STORE, CLOCK],
    },
  ],
  exports: [ReminderWebhooks],
})
export class ReminderWebhooksModule implements OnApplicationBootstrap {
  constructor(
    @Inject(LeaderTasks) private readonly leaderTasks: LeaderTasks,
    @Inject(ReminderWebhooks) private readonly webhooks: ReminderWebhooks | null,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.webhooks) await this.leaderTasks.keepRunning(this.webhooks);
  }
}
