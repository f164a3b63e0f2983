import { BadRequestException, Controller, Get, Header, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandAudit, LogVerifier, QUERY_ROLES, type AuditPage, type LogSigningKey, type LogVerification } from '@shuangsui/application';
import type { EventStore } from '@shuangsui/event-store';
import { Roles } from '../auth/access.decorators';
import { validationFailed } from '../common/error-body';
import { CLOCK, EVENT_STORE, type Clock } from '../common/tokens';
import { LOG_SIGNING_KEY } from '../transparency/transparency.tokens';

const POSITION = /^\d{1,15}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/;

/** For auditors: every command by actor, time, case and outcome, from the events' own metadata. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  private readonly audit: CommandAudit;
  private readonly verifier: LogVerifier;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(LOG_SIGNING_KEY) key: LogSigningKey, @Inject(CLOCK) clock: Clock) {
    this.audit = new CommandAudit(store);
    this.verifier = new LogVerifier(store, key.publicKey, clock);
  }

  @Get('verification')
  @Roles(...QUERY_ROLES.audit)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Checks the whole log now, as `verify-chain` does: every stream hash chain, and the transparency tree with every signed head' })
  verification(): Promise<LogVerification> {
    return this.verifier.verify();
  }

  @Get()
  @Roles(...QUERY_ROLES.audit)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Every command in log order: actor, time, stream/case, command, the events it appended; paged by ?after=' })
  @ApiQuery({ name: 'actorId', required: false })
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'from', required: false, example: '2026-03-01' })
  @ApiQuery({ name: 'to', required: false, example: '2026-03-31T23:59:59Z' })
  @ApiQuery({ name: 'after', required: false })
  @ApiQuery({ name: 'limit', required: false })
  list(
    @Query('actorId') actorId?: string,
    @Query('caseId') caseId?: string,
    @Query('from') from?: string,
    @Query('to') to?: string,
    @Query('after') after?: string,
    @Query('limit') limit?: string,
  ): Promise<AuditPage> {
    const bad = (field: string, message: string) => new BadRequestException(validationFailed([{ field, rule: 'matches', message }]));
    if (after !== undefined && !POSITION.test(after)) throw bad('after', 'after 必须是事件的全局位置（非负整数）');
    if (limit !== undefined && !/^\d{1,3}$/.test(limit)) throw bad('limit', 'limit 必须是1至500的整数');
    for (const [field, value] of [['from', from], ['to', to]] as const) if (value !== undefined && !INSTANT.test(value)) throw bad(field, `${field} 必须是日期（YYYY-MM-DD）或 UTC 时刻`);
    return this.audit.list({
      ...(actorId === undefined ? {} : { actorId }),
      ...(caseId === undefined ? {} : { caseId }),
      ...(from === undefined ? {} : { from }),
      ...(to === undefined ? {} : { to }),
      ...(after === undefined ? {} : { after: Number(after) }),
      ...(limit === undefined ? {} : { limit: Number(limit) }),
    });
  }
}
