import { Global, Inject, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { SqliteEventStore, type EventStore } from '@shuangsui/event-store';
import { EVENT_STORE } from '../common/tokens';
import { MetricsController } from './metrics.controller';
import { requestMetrics } from './metrics.middleware';
import { SERVER_METRICS } from './metrics.tokens';
import { ServerMetrics } from './server-metrics';

/** Prometheus metrics: the registry (global, so the live feed can count its clients) and GET /metrics. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: SERVER_METRICS, useFactory: () => new ServerMetrics() }],
  exports: [SERVER_METRICS],
})
export class MetricsModule implements NestModule {
  constructor(
    @Inject(SERVER_METRICS) private readonly metrics: ServerMetrics,
    @Inject(EVENT_STORE) store: EventStore,
  ) {
    // Only the SQLite store commits in groups of its own; PostgreSQL's and EventStoreDB's appends show
    // in the request latency and in those servers' own statistics.
    if (store instanceof SqliteEventStore) store.observeCommits(metrics.onGroupCommit);
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(requestMetrics(this.metrics)).forRoutes('*');
  }
}
