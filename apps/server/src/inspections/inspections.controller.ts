import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  InspectionCommandHandler,
  InspectionQueries,
  type CaseView,
  type CommandContext,
  type CommandResult,
  type HistoryEntry,
  type PointInTime,
} from '@shuangsui/application';
import { chinaDate } from '@shuangsui/domain';
import type { Response } from 'express';
import { IdPipe } from '../common/id.pipe';
import { Command } from '../common/command-context.decorator';
import { parsePointInTime } from './point-in-time';
import { CLOCK, type Clock } from '../common/tokens';
import { AssignInspectorsDto } from './dto/assign-inspectors.dto';
import { CancelDto } from './dto/cancel.dto';
import { PublishDto } from './dto/publish.dto';
import { RecordResultDto } from './dto/record-result.dto';
import { CloseReferralDto, EscalateReferralDto, IssueRectificationOrderDto, OpenReferralDto, RecordReinspectionDto } from './dto/referral.dto';
import { ReassignInspectorsDto } from './dto/reassign-inspectors.dto';
import { ReviewDto } from './dto/review.dto';

const actorHeaders = [
  ApiHeader({ name: 'X-Actor-Id', required: true, description: 'Authenticated actor (set by the gateway)' }),
  ApiHeader({ name: 'X-Actor-Role', required: true, description: 'planner | inspector | reviewer | supervisor | auditor | system' }),
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat a command safely: the first response is returned, nothing is appended' }),
  ApiHeader({ name: 'If-Match', required: false, description: 'Expected case revision (the ETag of GET /inspections/:id)' }),
];
const CommandEndpoint = (summary: string): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of [...actorHeaders, ApiOperation({ summary }), HttpCode(200)]) decorate(target, key, descriptor);
};

/** One endpoint per transition. Cases are created only by a draw: there is no POST /inspections. */
@ApiTags('inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(
    private readonly handler: InspectionCommandHandler,
    private readonly queries: InspectionQueries,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  @ApiOperation({ summary: 'State, case data and the commands allowed now; ?at= a revision or an ISO time for a past moment' })
  @ApiQuery({ name: 'at', required: false })
  async getCase(@Param('id', IdPipe) id: string, @Query('at') at: string | undefined, @Res({ passthrough: true }) response: Response): Promise<CaseView> {
    const pointInTime: PointInTime | undefined = at === undefined ? undefined : parsePointInTime(at);
    const view = await this.queries.getCase(id, pointInTime);
    if (!pointInTime) response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/history')
  @ApiOperation({ summary: 'Every event of the case with its metadata' })
  @Header('Cache-Control', 'no-store')
  getHistory(@Param('id', IdPipe) id: string): Promise<HistoryEntry[]> {
    return this.queries.getHistory(id);
  }

  @Post(':id/assignments')
  @CommandEndpoint('Assign the two inspectors')
  assign(@Param('id', IdPipe) id: string, @Body() dto: AssignInspectorsDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'assign', inspectorIds: [dto.inspectorIds[0]!, dto.inspectorIds[1]!], drawId: null }, context);
  }

  @Post(':id/reassignments')
  @CommandEndpoint('Replace the inspectors, with a reason')
  reassign(@Param('id', IdPipe) id: string, @Body() dto: ReassignInspectorsDto, @Command() context: CommandContext): Promise<CommandResult> {
    const inspectorIds = [dto.inspectorIds[0]!, dto.inspectorIds[1]!] as const;
    return this.handler.execute(id, { type: 'reassign', inspectorIds, reasonCode: dto.reasonCode, reason: dto.reason, drawId: null }, context);
  }

  @Post(':id/results')
  @CommandEndpoint('Record the inspection result against the checklist')
  recordResult(@Param('id', IdPipe) id: string, @Body() dto: RecordResultDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(
      id,
      {
        type: 'recordResult',
        visitDate: dto.visitDate,
        category: dto.category,
        items: dto.items.map(({ item, outcome, note, evidence }) => ({ item, outcome, note, evidence: evidence?.map(({ sha256, fileName }) => ({ sha256, fileName })) })),
        hazards: dto.hazards.map(({ id: hazardId, item, description, severity, correctedOnSite }) => ({ id: hazardId, item, description, severity, correctedOnSite })),
        notInspectedReason: dto.notInspectedReason ?? null,
      },
      context,
    );
  }

  @Post(':id/reviews')
  @CommandEndpoint('Approve the result, or return it for correction')
  review(@Param('id', IdPipe) id: string, @Body() dto: ReviewDto, @Command() context: CommandContext): Promise<CommandResult> {
    const command =
      dto.decision === 'approve'
        ? ({ type: 'review', decision: 'approve', reviewerId: dto.reviewerId, comment: dto.comment ?? null } as const)
        : ({ type: 'review', decision: 'return', reviewerId: dto.reviewerId, reason: dto.reason ?? '' } as const);
    return this.handler.execute(id, command, context);
  }

  @Post(':id/publication')
  @CommandEndpoint('Publish the approved result (公示)')
  publish(@Param('id', IdPipe) id: string, @Body() dto: PublishDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'publish', publishedOn: dto.publishedOn ?? chinaDate(this.clock()) }, context);
  }

  @Post(':id/cancellation')
  @CommandEndpoint('Cancel before the visit (unit closed or deregistered)')
  cancel(@Param('id', IdPipe) id: string, @Body() dto: CancelDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'cancel', reasonCode: dto.reasonCode, reason: dto.reason, effectiveDate: dto.effectiveDate ?? null }, context);
  }

  @Post(':id/referral')
  @CommandEndpoint('Open the hazard referral of an approved result with hazards')
  openReferral(@Param('id', IdPipe) id: string, @Body() _dto: OpenReferralDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'openReferral' }, context);
  }

  @Post(':id/referral/order')
  @CommandEndpoint('Issue the order to correct within a time limit (责令限期改正)')
  issueOrder(@Param('id', IdPipe) id: string, @Body() dto: IssueRectificationOrderDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'issueRectificationOrder', orderNo: dto.orderNo, issuedOn: dto.issuedOn, deadline: dto.deadline }, context);
  }

  @Post(':id/referral/reinspection')
  @CommandEndpoint('Record the re-inspection (复查)')
  recordReinspection(@Param('id', IdPipe) id: string, @Body() dto: RecordReinspectionDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'recordReinspection', reinspectedOn: dto.reinspectedOn, rectified: dto.rectified, note: dto.note ?? null }, context);
  }

  @Post(':id/referral/closure')
  @CommandEndpoint('Close a rectified referral')
  closeReferral(@Param('id', IdPipe) id: string, @Body() dto: CloseReferralDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'closeReferral', note: dto.note ?? null }, context);
  }

  @Post(':id/referral/escalation')
  @CommandEndpoint('Escalate the referral to an investigation')
  escalate(@Param('id', IdPipe) id: string, @Body() dto: EscalateReferralDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'escalateReferral', reason: dto.reason, caseNo: dto.caseNo ?? null }, context);
  }
}
