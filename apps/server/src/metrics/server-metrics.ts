import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GroupCommitStats } from '@shuangsui/event-store';

/**
 * The server's Prometheus metrics (prom-client), one registry per application: request latency by
 * route and status, Node's own (event-loop delay, heap, GC) and the gauges the read side fills at
 * scrape time (projection and process-manager positions and lag, the event store's head). Served by
 * GET /metrics to the configured scrape credential only (docs/operations.md, "Watching it").
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly requestDuration = new Histogram({
    name: 'shuangsui_http_request_duration_seconds',
    help: 'HTTP request latency by method, route (the matched pattern) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });
  readonly sseClients = new Gauge({ name: 'shuangsui_sse_clients', help: 'Open server-sent-event connections (GET /inspections/stream)', registers: [this.registry] });
  readonly sseConnections = new Counter({ name: 'shuangsui_sse_connections_total', help: 'Server-sent-event connections opened', registers: [this.registry] });
  readonly headPosition = new Gauge({ name: 'shuangsui_event_store_head_position', help: "The event store's last global position", registers: [this.registry] });
  readonly projectionPosition = new Gauge({ name: 'shuangsui_projection_position', help: 'Last position each projection applied', labelNames: ['projection'] as const, registers: [this.registry] });
  readonly projectionLag = new Gauge({ name: 'shuangsui_projection_lag_events', help: 'Positions each projection still has to apply', labelNames: ['projection'] as const, registers: [this.registry] });
  readonly projectionRunning = new Gauge({ name: 'shuangsui_projection_running', help: '1 while the projection runs, 0 when failed or stopped', labelNames: ['projection'] as const, registers: [this.registry] });
  readonly processManagerLag = new Gauge({
    name: 'shuangsui_process_manager_lag_events',
    help: 'Positions each process manager (referral, draw follow-up, unit closure, transparency tree) still has to handle, on the leader',
    labelNames: ['name'] as const,
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'shuangsui_event_store_append_seconds',
    help: 'Each append, from submit to durable (group-commit queueing + transaction + fsync); SQLite event store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    registers: [this.registry],
  });
  readonly commitDuration = new Histogram({
    name: 'shuangsui_event_store_commit_seconds',
    help: 'Each group commit: one transaction and its fsync; SQLite event store',
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25],
    registers: [this.registry],
  });
  readonly commitBatchSize = new Histogram({
    name: 'shuangsui_event_store_commit_appends',
    help: 'Appends sharing one group commit; SQLite event store',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048],
    registers: [this.registry],
  });

  /** The SQLite store's group commits feed the three histograms above. */
  readonly onGroupCommit = (stats: GroupCommitStats): void => {
    this.commitDuration.observe(stats.commitSeconds);
    this.commitBatchSize.observe(stats.appends);
    for (const seconds of stats.appendSeconds) this.appendDuration.observe(seconds);
  };

  constructor() {
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
  }
}
