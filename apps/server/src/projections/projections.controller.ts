import { BadRequestException, Controller, Get, Header, Inject, NotFoundException, Param, Query } from '@nestjs/common';
import { validationFailed } from '../common/error-body';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { chinaDate, INITIAL_REFERRAL_STATE, REFERRAL_STATES, type Actor } from '@shuangsui/domain';
import { CurrentActor } from '../common/command-context.decorator';
import { CLOCK, type Clock } from '../common/tokens';
import { LeaderTasks, type LeaderServiceStatus } from '@shuangsui/application';
import {
  PlanReader,
  type PlanSummary,
  RemindersReader,
  ProgressReader,
  ProjectionRunner,
  ReferralsReader,
  type Inbox,
  type LeaderElection,
  type LeadershipStatus,
  type OverdueReport,
  type PlanProgress,
  type ProgressCounts,
  type ProjectionStatus,
  type ReferralView,
} from '@shuangsui/projections';
import { IdPipe } from '../common/id.pipe';
import { QUERY_ROLES } from '@shuangsui/application';
import { Roles } from '../auth/access.decorators';
import { LEADER_ELECTION, PROJECTION_RUNNER } from './read-store.tokens';
import { INBOX_DEFAULT_LIMIT, RemindersQueryDto } from './reminders-query.dto';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** One status of the statechart's referral region, once a case has one to follow (not `none`). */
const REFERRAL_STATUSES = REFERRAL_STATES.filter((state) => state !== INITIAL_REFERRAL_STATE);

function monthParam(month: string | undefined): string | undefined {
  if (month !== undefined && !MONTH.test(month)) {
    throw new BadRequestException({ statusCode: 400, error: 'ValidationFailed', message: `参数 month 应为 YYYY-MM 格式，实际为“${month}”`, violations: [{ field: 'month', rule: 'month' }] });
  }
  return month;
}

/** Supervisor read endpoints over the read models, and the projections' admin status. */
@ApiTags('supervision')
@Controller()
export class ProjectionsController {
  constructor(
    private readonly progress: ProgressReader,
    private readonly referrals: ReferralsReader,
    private readonly plans: PlanReader,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    private readonly leaderTasks: LeaderTasks,
    @Inject(LEADER_ELECTION) private readonly leadership: LeaderElection,
    private readonly reminders: RemindersReader,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('me/reminders')
  @Roles(...QUERY_ROLES.reminders)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary:
      'The signed-in user’s reminders, near or past their deadline today (China date): an inspector their cases, reviewers the review queue, planners the quotas, supervisors and auditors everything. ' +
      '`total` counts them all; `reminders` holds the `limit` most urgent (overdue first, then by due date).',
  })
  async myReminders(@CurrentActor() actor: Actor, @Query() query: RemindersQueryDto): Promise<Inbox> {
    return this.reminders.inbox(actor, chinaDate(this.clock()), Number(query.limit ?? INBOX_DEFAULT_LIMIT));
  }

  @Get('progress')
  @Roles(...QUERY_ROLES.planning)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Case counts by state, per month, stratum and inspector' })
  @ApiQuery({ name: 'month', required: false, example: '2026-03' })
  @ApiQuery({ name: 'planId', required: false })
  @ApiQuery({ name: 'stratum', required: false })
  counts(@Query('month') month?: string, @Query('planId', IdPipe) planId?: string, @Query('stratum', IdPipe) stratum?: string): Promise<ProgressCounts> {
    return this.progress.counts({ month: monthParam(month), planId, stratum });
  }

  @Get('progress/overdue')
  @Roles(...QUERY_ROLES.planning)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Overdue cases: not inspected by month end, review pending, publication past deadline, referral steps past statutory deadlines' })
  @ApiQuery({ name: 'month', required: false })
  @ApiQuery({ name: 'planId', required: false })
  overdue(@Query('month') month?: string, @Query('planId', IdPipe) planId?: string): Promise<OverdueReport> {
    return this.progress.overdue({ month: monthParam(month), planId });
  }

  @Get('referrals')
  @Roles(...QUERY_ROLES.planning)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Hazard referrals with their follow-up deadlines (default: open ones)' })
  @ApiQuery({ name: 'status', required: false, description: `open (default) | all | ${REFERRAL_STATUSES.join(' | ')}` })
  @ApiQuery({ name: 'overdue', required: false, description: 'true: only referrals with a step past its deadline' })
  listReferrals(@Query('status') status?: string, @Query('overdue') overdue?: string): Promise<{ asOf: string; referrals: ReferralView[] }> {
    const allowed = ['open', 'all', ...REFERRAL_STATUSES];
    if (overdue !== undefined && overdue !== 'true' && overdue !== 'false') {
      throw new BadRequestException(validationFailed([{ field: 'overdue', rule: 'isBoolean', message: '参数 overdue 只能是 true 或 false' }]));
    }
    if (status !== undefined && !allowed.includes(status)) {
      throw new BadRequestException({ statusCode: 400, error: 'ValidationFailed', message: `参数 status 只能是：${allowed.join('、')}`, violations: [{ field: 'status', rule: 'isIn' }] });
    }
    return this.referrals.list({ status, overdueOnly: overdue === 'true' });
  }

  @Get('plans')
  @Roles(...QUERY_ROLES.planning)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Every adopted plan (id, year, yearly minimum per inspector), newest year first' })
  listPlans(): Promise<PlanSummary[]> {
    return this.plans.list();
  }

  @Get('plans/:planId/progress')
  @Roles(...QUERY_ROLES.planning)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Plan progress: per month quota, capacity, late flag, drawn; per inspector assigned and completed vs the yearly minimum' })
  async planProgress(@Param('planId', IdPipe) planId: string): Promise<PlanProgress> {
    const progress = await this.plans.progress(planId);
    if (!progress) throw new NotFoundException({ statusCode: 404, error: 'PlanNotFound', message: `抽查计划 ${planId} 不存在或尚无数据` });
    return progress;
  }

  @Get('admin/projections')
  @Roles(...QUERY_ROLES.operations)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Each projection: position, lag behind the event store head, state, error; the hazard referral manager; whether this server is the active projector' })
  async status(): Promise<{ projector: LeadershipStatus; projections: ProjectionStatus[]; processManagers: LeaderServiceStatus[] }> {
    return { projector: this.leadership.status(), projections: await this.runner.status(), processManagers: this.leaderTasks.statuses() };
  }
}
