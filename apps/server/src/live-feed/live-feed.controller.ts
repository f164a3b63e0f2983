import { BadRequestException, Controller, Headers, Inject, Query, Sse, type MessageEvent } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@shuangsui/event-store';
import { concat, defer, distinctUntilChanged, exhaustMap, finalize, interval, map, merge, of, switchMap, timer, type Observable } from 'rxjs';
import { QUERY_ROLES } from '@shuangsui/application';
import { chinaDate, type Actor, type Reminder } from '@shuangsui/domain';
import { RemindersReader, type Inbox } from '@shuangsui/projections';
import { CurrentActor } from '../common/command-context.decorator';
import { Roles } from '../auth/access.decorators';
import { validationFailed } from '../common/error-body';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { SERVER_METRICS } from '../metrics/metrics.tokens';
import type { ServerMetrics } from '../metrics/server-metrics';
import { CaseChangeFeed } from './case-changes';
import { LiveFeedQueryDto, POSITION_PATTERN } from './live-feed-query.dto';

/** A comment line now and then keeps proxies from closing an idle dashboard connection. */
const KEEP_ALIVE_MS = 15_000;
/** Reminders follow the clock, not events: the viewer's are looked at again this often, sent when they change. */
const REMINDERS_EVERY_MS = 60_000;
/** The most urgent reminders a feed carries (with the total): an inbox is sent to every open dashboard. */
const REMINDERS_ON_FEED = 100;

/**
 * GET /inspections/stream. Registered before InspectionsModule (app.module.ts) so that
 * `GET /inspections/:id` does not take "stream" for a case id.
 */
@ApiTags('inspections')
@Controller('inspections')
export class LiveFeedController {
  private readonly changes: CaseChangeFeed;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SERVER_METRICS) private readonly metrics: ServerMetrics,
    @Inject(RemindersReader) private readonly reminders: RemindersReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.changes = new CaseChangeFeed(store);
  }

  @Sse('stream')
  @Roles(...QUERY_ROLES.caseFeed)
  @ApiOperation({ summary: 'Server-sent events of case state changes, from now, or resumed after ?after= / Last-Event-ID (the position)' })
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'Sent by EventSource on reconnect; wins over ?after=' })
  stream(@Query() query: LiveFeedQueryDto, @Headers('last-event-id') lastEventId: string | undefined, @CurrentActor() actor: Actor): Observable<MessageEvent> {
    const resumeAfter = lastEventId !== undefined ? parseLastEventId(lastEventId) : query.after === undefined ? undefined : Number(query.after);
    const feed = defer(async () => resumeAfter ?? (await this.store.headPosition())).pipe(
      switchMap((after) => {
        // The position of the last change sent: a reminders event carries it as its id, so a reconnect
        // (Last-Event-ID) resumes after the last change the client actually received.
        let delivered = after;
        const changes = concat(
          // Tells the client (and tests) from where the feed runs: everything after this is delivered.
          of<MessageEvent>({ comment: `after ${after}` }),
          this.changes.after(after).pipe(
            map((change): MessageEvent => {
              delivered = change.position;
              return { id: String(change.position), data: change };
            }),
          ),
        );
        const reminders = this.remindersOf(actor).pipe(map((inbox): MessageEvent => ({ id: String(delivered), type: 'reminders', data: inbox })));
        return merge(changes, reminders, interval(KEEP_ALIVE_MS).pipe(map((): MessageEvent => ({ comment: 'keep-alive' }))));
      }),
    );
    return defer(() => {
      this.metrics.sseClients.inc();
      this.metrics.sseConnections.inc();
      return feed;
    }).pipe(finalize(() => this.metrics.sseClients.dec()));
  }

  /**
   * The viewer's inbox (GET /me/reminders) at once and whenever it changes (a clock turning near or
   * overdue, or a case moving on), sent as `event: reminders`: EventSource's onmessage, which takes the
   * case changes, never sees it.
   */
  private remindersOf(actor: Actor): Observable<Inbox> {
    return timer(0, REMINDERS_EVERY_MS).pipe(
      exhaustMap(() => this.reminders.inbox(actor, chinaDate(this.clock()), REMINDERS_ON_FEED)),
      distinctUntilChanged((a, b) => a.total === b.total && idsOf(a.reminders) === idsOf(b.reminders)),
    );
  }
}

const idsOf = (reminders: readonly Reminder[]): string => reminders.map((reminder) => reminder.id).join(',');

function parseLastEventId(value: string): number {
  if (POSITION_PATTERN.test(value)) return Number(value);
  throw new BadRequestException(
    validationFailed([{ field: 'Last-Event-ID', rule: 'matches', message: 'Last-Event-ID 必须是事件的全局位置（非负整数）' }]),
  );
}
