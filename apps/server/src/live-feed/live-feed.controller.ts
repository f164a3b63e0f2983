import { BadRequestException, Controller, Headers, Inject, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@shuangsui/event-store';
import { concat, defer, finalize, interval, map, merge, of, switchMap, type Observable } from 'rxjs';
import { QUERY_ROLES } from '@shuangsui/application';
import { Roles } from '../auth/access.decorators';
import { validationFailed } from '../common/error-body';
import { EVENT_STORE } from '../common/tokens';
import { SERVER_METRICS } from '../metrics/metrics.tokens';
import type { ServerMetrics } from '../metrics/server-metrics';
import { caseChanges } from './case-changes';
import { LiveFeedQueryDto, POSITION_PATTERN } from './live-feed-query.dto';

/** A comment line now and then keeps proxies from closing an idle dashboard connection. */
const KEEP_ALIVE_MS = 15_000;

/**
 * GET /inspections/stream. Registered before InspectionsModule (app.module.ts) so that
 * `GET /inspections/:id` does not take "stream" for a case id.
 */
@ApiTags('inspections')
@Controller('inspections')
export class LiveFeedController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVER_METRICS) private readonly metrics: ServerMetrics,
  ) {}

  @Sse('stream')
  @Roles(...QUERY_ROLES.caseFeed)
  @ApiOperation({ summary: 'Server-sent events of case state changes, from now, or resumed after ?after= / Last-Event-ID (the position)' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Sent by EventSource on reconnect; wins over ?after=' })
  stream(@Query() query: LiveFeedQueryDto, @Headers('last-event-id') lastEventId: string | undefined): Observable<MessageEvent> {
    const resumeAfter = lastEventId !== undefined ? parseLastEventId(lastEventId) : query.after === undefined ? undefined : Number(query.after);
    const changes = defer(async () => resumeAfter ?? (await this.store.headPosition())).pipe(
      switchMap((after) =>
        concat(
          // Tells the client (and tests) from where the feed runs: everything after this is delivered.
          of<MessageEvent>({ comment: `after ${after}` }),
          caseChanges(this.store, after).pipe(map((change): MessageEvent => ({ id: String(change.position), data: change }))),
        ),
      ),
    );
    return defer(() => {
      this.metrics.sseClients.inc();
      this.metrics.sseConnections.inc();
      return merge(changes, interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ comment: 'keep-alive' }))));
    }).pipe(finalize(() => this.metrics.sseClients.dec()));
  }
}

function parseLastEventId(value: string): number {
  if (POSITION_PATTERN.test(value)) return Number(value);
  throw new BadRequestException(
    validationFailed([{ field: 'Last-Event-ID', rule: 'matches', message: 'Last-Event-ID 必须是事件的全局位置（非负整数）' }]),
  );
}
