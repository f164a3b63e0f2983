import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Settings } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { ALL_PROJECTIONS, type ProjectionRunner, type ReadStore } from '@shuangsui/projections';
import { EVENT_STORE, SETTINGS } from '../common/tokens';
import { Public } from '../auth/access.decorators';
import { PROJECTION_RUNNER, READ_STORE } from '../projections/read-store.tokens';

/** What readiness reports: each dependency, and each projection further behind than the threshold. */
export interface Readiness {
  readonly status: 'ready' | 'not-ready';
  readonly eventStore: 'reachable' | 'unreachable';
  readonly readStore: 'reachable' | 'unreachable';
  readonly maxLag: number;
  readonly behind: readonly { readonly projection: string; readonly lag: number; readonly state: string }[];
}

/**
 * Liveness (`/health`, `/health/live`): the process answers and reads its event store — restart it
 * when this fails. Readiness (`/health/ready`): the event store and the read store answer and every
 * projection runs within SHUANGSUI_READY_MAX_LAG positions of the log — send it traffic only then
 * (after a start on an empty read store, readiness waits for the rebuild).
 */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_STORE) private readonly readStore: ReadStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the server answers and its event store can be read' })
  health(): Promise<{ status: 'ok'; eventStore: 'reachable' }> {
    return this.live();
  }

  @Get('live')
  @ApiOperation({ summary: 'Liveness (the same as /health)' })
  async live(): Promise<{ status: 'ok'; eventStore: 'reachable' }> {
    await this.store.readAll({ after: 0, maxCount: 1 });
    return { status: 'ok', eventStore: 'reachable' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: event store and read store reachable, every projection running within SHUANGSUI_READY_MAX_LAG positions; 503 with the details otherwise' })
  async ready(): Promise<Readiness> {
    const maxLag = this.settings.monitoring.readyMaxLag;
    const head = await this.store.headPosition().catch(() => null);
    const eventStore = head === null ? 'unreachable' : 'reachable';
    // Checkpoints from the shared read store, so a server that does not project (another one leads) is
    // ready as soon as the projector is caught up; a projection that failed here counts as behind.
    const checkpoints = await Promise.all(ALL_PROJECTIONS.map((p) => this.readStore.checkpoint(p.name))).catch(() => null);
    const readStore = checkpoints === null ? 'unreachable' : 'reachable';
    const failed = new Set((await this.runner.status()).filter((p) => p.state === 'failed').map((p) => p.name));
    const behind = ALL_PROJECTIONS.flatMap((projection, i) => {
      const lag = head === null ? 0 : Math.max(0, head - (checkpoints?.[i]?.position ?? 0));
      return lag > maxLag || failed.has(projection.name) ? [{ projection: projection.name, lag, state: failed.has(projection.name) ? 'failed' : 'behind' }] : [];
    });
    const ok = eventStore === 'reachable' && readStore === 'reachable' && behind.length === 0;
    const body: Readiness = { status: ok ? 'ready' : 'not-ready', eventStore, readStore, maxLag, behind };
    if (!ok) throw new ServiceUnavailableException({ statusCode: 503, error: 'NotReady', message: '服务尚未就绪：事件库或读模型库不可用，或有读模型落后过多', ...body });
    return body;
  }
}
