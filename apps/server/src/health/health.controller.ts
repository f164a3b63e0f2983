import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@shuangsui/event-store';
import { EVENT_STORE } from '../common/tokens';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the server answers and its event store can be read' })
  async health(): Promise<{ status: 'ok'; eventStore: 'reachable' }> {
    await this.store.readAll({ after: 0, maxCount: 1 });
    return { status: 'ok', eventStore: 'reachable' };
  }
}
