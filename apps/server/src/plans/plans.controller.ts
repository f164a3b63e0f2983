import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandRoles, Roles } from '../auth/access.decorators';
import { QUERY_ROLES, PlanService, type CommandContext, type PlanView, type QuotaView } from '@shuangsui/application';
import { IdPipe } from '../common/id.pipe';
import { Command } from '../common/command-context.decorator';
import { AdoptPlanDto } from './dto/adopt-plan.dto';
import { SetQuotaDto } from './dto/set-quota.dto';
import { ReopenRoundDto } from './dto/reopen-round.dto';
import { MonthPipe } from '../common/month.pipe';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlanService) {}

  @Post()
  @CommandRoles('adoptPlan')
  @ApiOperation({ summary: 'Adopt the annual plan (year, authority, period, scope, workload, sampling ratios, joint or not)' })
  adopt(@Body() dto: AdoptPlanDto, @Command() context: CommandContext): Promise<PlanView> {
    return this.plans.adoptPlan(
      {
        planId: dto.planId,
        year: dto.year,
        authority: dto.authority,
        jurisdiction: dto.jurisdiction,
        period: dto.period ? { from: dto.period.from, to: dto.period.to } : undefined,
        scope: dto.scope ? { districts: dto.scope.districts, includeKeyUnits: dto.scope.includeKeyUnits, includeNonKeyUnits: dto.scope.includeNonKeyUnits } : undefined,
        workload: dto.workload ? { ...dto.workload } : undefined,
        samplingRatios: dto.samplingRatios ? { A: dto.samplingRatios.A, B: dto.samplingRatios.B, C: dto.samplingRatios.C, D: dto.samplingRatios.D } : undefined,
        jointPlan: dto.jointPlan,
        departments: dto.departments,
      },
      context,
    );
  }

  @Get(':planId')
  @Roles(...QUERY_ROLES.planning)
  @ApiOperation({ summary: 'The plan with its derived minimum and the quotas set so far' })
  get(@Param('planId', IdPipe) planId: string): Promise<PlanView> {
    return this.plans.getPlan(planId);
  }

  @Post(':planId/quotas')
  @CommandRoles('setQuota')
  @ApiOperation({ summary: "Set month M's quota (by the 25th of M−1, else with a reason); freezes the population and commits the seed" })
  setQuota(@Param('planId', IdPipe) planId: string, @Body() dto: SetQuotaDto, @Command() context: CommandContext): Promise<QuotaView> {
    return this.plans.setQuota(planId, dto.month, {
      quota: dto.quota,
      lateReason: dto.lateReason,
      beacon: { ...dto.beacon },
      witnesses: (dto.witnesses ?? []).map((w) => ({ ...w })),
    }, context);
  }

  @Post(':planId/quotas/:month/rounds')
  @CommandRoles('reopenDrawRound')
  @ApiOperation({ summary: 'Open a new commitment round for a redraw (version 2): the directory frozen again, a new secret, beacon moment and witness commitments, with the reason' })
  reopenRound(@Param('planId', IdPipe) planId: string, @Param('month', MonthPipe) month: string, @Body() dto: ReopenRoundDto, @Command() context: CommandContext): Promise<QuotaView> {
    return this.plans.reopenDrawRound(planId, month, { reason: dto.reason, beacon: { ...dto.beacon }, witnesses: (dto.witnesses ?? []).map((w) => ({ ...w })) }, context);
  }
}
