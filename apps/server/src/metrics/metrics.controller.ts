import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';
import { LeaderTasks, type Settings } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import type { ProjectionRunner } from '@shuangsui/projections';
import { Public } from '../auth/access.decorators';
import { EVENT_STORE, SETTINGS } from '../common/tokens';
import { PROJECTION_RUNNER } from '../projections/read-store.tokens';
import { SERVER_METRICS } from './metrics.tokens';
import type { ServerMetrics } from './server-metrics';

/**
 * GET /metrics in the Prometheus text format, for the scrape credential only: `Authorization: Bearer
 * <SHUANGSUI_METRICS_TOKEN>`. Without that setting the endpoint does not exist (404): no account, not
 * even an administrator's, reads it.
 */
@ApiExcludeController()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(SERVER_METRICS) private readonly metrics: ServerMetrics,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(LeaderTasks) private readonly leaderTasks: LeaderTasks,
  ) {}

  @Get()
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() response: Response): Promise<void> {
    const token = this.settings.monitoring.metricsToken;
    if (token === null) throw new NotFoundException({ statusCode: 404, error: 'NotFound', message: '未启用指标接口（未设置 SHUANGSUI_METRICS_TOKEN）' });
    if (!sameSecret(authorization ?? '', `Bearer ${token}`)) {
      throw new UnauthorizedException({ statusCode: 401, error: 'Unauthenticated', message: '指标接口需要抓取凭据（Authorization: Bearer <SHUANGSUI_METRICS_TOKEN>）' });
    }
    await this.refreshGauges();
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    response.send(await this.metrics.registry.metrics());
  }

  private async refreshGauges(): Promise<void> {
    const head = await this.store.headPosition();
    this.metrics.headPosition.set(head);
    for (const projection of await this.runner.status()) {
      this.metrics.projectionPosition.set({ projection: projection.name }, projection.position);
      this.metrics.projectionLag.set({ projection: projection.name }, projection.lag);
      this.metrics.projectionRunning.set({ projection: projection.name }, projection.state === 'running' ? 1 : 0);
    }
    for (const manager of this.leaderTasks.statuses()) this.metrics.processManagerLag.set({ name: manager.name }, Math.max(0, head - manager.position));
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
