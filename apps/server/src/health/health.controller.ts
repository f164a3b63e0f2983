import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@shuangsui/event-store';
import { EVENT_STORE } from '../common/tokens';
import { Public } from '../auth/access.decorators';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Liveness: the server answers and its event store can be read' })
  async health(): Promise<{ status: 'ok'; eventStore: 'reachable' }> {
    await this.store.readAll({ after: 0, maxCount: 1 });
    return { status: 'ok', eventStore: 'reachable' };
  }
}
