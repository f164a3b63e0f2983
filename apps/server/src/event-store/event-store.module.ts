import { Global, Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, type EventStore } from '@shuangsui/event-store';
import { EVENT_STORE } from '../common/tokens';

/** Provides the one EventStore of the process, opened from a URL or handed in (tests), closed on shutdown. */
@Global()
@Module({})
export class EventStoreModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  static forRoot(source: string | EventStore): DynamicModule {
    const provider =
      typeof source === 'string'
        ? { provide: EVENT_STORE, useFactory: () => createEventStore(source) }
        : { provide: EVENT_STORE, useValue: source };
    return { module: EventStoreModule, providers: [provider], exports: [EVENT_STORE] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
