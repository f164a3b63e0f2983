import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { CommandRoles, Roles } from '../auth/access.decorators';
import {
  EvidenceFiles,
  InspectionCommandHandler,
  InspectionQueries,
  QUERY_ROLES,
  type CaseView,
  type KnownCommandType,
  type CommandContext,
  type CommandResult,
  type HistoryEntry,
  type PointInTime,
} from '@shuangsui/application';
import { chinaDate } from '@shuangsui/domain';
import type { Response } from 'express';
import { IdPipe } from '../common/id.pipe';
import { Command, CurrentActor } from '../common/command-context.decorator';
import type { Actor } from '@shuangsui/domain';
import { assertMayReadCase } from './case-read-access';
import { parsePointInTime } from './point-in-time';
import { CLOCK, type Clock } from '../common/tokens';
import { AssignInspectorsDto } from './dto/assign-inspectors.dto';
import { CancelDto } from './dto/cancel.dto';
import { PublishDto } from './dto/publish.dto';
import { RecordResultDto } from './dto/record-result.dto';
import { CloseReferralDto, EscalateReferralDto, IssueRectificationOrderDto, OpenReferralDto, RecordReinspectionDto } from './dto/referral.dto';
import { ReassignInspectorsDto } from './dto/reassign-inspectors.dto';
import { ReviewDto } from './dto/review.dto';

const commandHeaders = [
  ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat a command safely: the first response is returned, nothing is appended' }),
  ApiHeader({
    name: 'If-Match',
    required: false,
    description:
      'Expected case revision (the ETag of GET /inspections/:id): a stale one is a 409 ConcurrencyConflict. Without it a command that loses a race is decided again on the winner\'s state, so clients racing on one case can each succeed, one after another, on consecutive revisions (every rule still holds for each); send If-Match when exactly one may win',
  }),
];
/** A case command: its roles from COMMAND_ROLES (guard, OpenAPI and the handler read the same table). */
const CommandEndpoint = (command: KnownCommandType, summary: string): MethodDecorator => (target, key, descriptor) => {
  for (const decorate of [...commandHeaders, CommandRoles(command), ApiOperation({ summary }), HttpCode(200)]) decorate(target, key, descriptor);
};

/** One endpoint per transition. Cases are created only by a draw: there is no POST /inspections. */
@ApiTags('inspections')
@Controller('inspections')
export class InspectionsController {
  constructor(
    private readonly handler: InspectionCommandHandler,
    private readonly queries: InspectionQueries,
    private readonly evidence: EvidenceFiles,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':id')
  @Roles(...QUERY_ROLES.cases)
  @ApiOperation({ summary: 'State, case data and the commands allowed now; ?at= a revision or an ISO time for a past moment' })
  @ApiQuery({ name: 'at', required: false })
  async getCase(@Param('id', IdPipe) id: string, @Query('at') at: string | undefined, @Res({ passthrough: true }) response: Response, @CurrentActor() actor: Actor): Promise<CaseView> {
    const pointInTime: PointInTime | undefined = at === undefined ? undefined : parsePointInTime(at);
    await assertMayReadCase(this.queries, actor, id);
    const view = await this.queries.getCase(id, pointInTime);
    if (!pointInTime) response.setHeader('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':id/history')
  @Roles(...QUERY_ROLES.cases)
  @ApiOperation({ summary: 'Every event of the case with its metadata' })
  @Header('Cache-Control', 'no-store')
  async getHistory(@Param('id', IdPipe) id: string, @CurrentActor() actor: Actor): Promise<HistoryEntry[]> {
    await assertMayReadCase(this.queries, actor, id);
    return this.queries.getHistory(id);
  }

  @Post(':id/assignments')
  @CommandEndpoint('assign', 'Assign the two inspectors')
  assign(@Param('id', IdPipe) id: string, @Body() dto: AssignInspectorsDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'assign', inspectorIds: [dto.inspectorIds[0]!, dto.inspectorIds[1]!], drawId: null }, context);
  }

  @Post(':id/reassignments')
  @CommandEndpoint('reassign', 'Replace the inspectors, with a reason')
  reassign(@Param('id', IdPipe) id: string, @Body() dto: ReassignInspectorsDto, @Command() context: CommandContext): Promise<CommandResult> {
    const inspectorIds = [dto.inspectorIds[0]!, dto.inspectorIds[1]!] as const;
    return this.handler.execute(id, { type: 'reassign', inspectorIds, reasonCode: dto.reasonCode, reason: dto.reason, drawId: null }, context);
  }

  @Post(':id/results')
  @CommandEndpoint('recordResult', 'Record the inspection result against the checklist; every evidence hash must be uploaded first (POST /evidence)')
  async recordResult(@Param('id', IdPipe) id: string, @Body() dto: RecordResultDto, @Command() context: CommandContext): Promise<CommandResult> {
    const items = dto.items.map(({ item, outcome, note, evidence }) => ({ item, outcome, note, evidence: evidence?.map(({ sha256, fileName }) => ({ sha256, fileName })) }));
    // The fact the decider needs: which referenced files the evidence store holds.
    const storedEvidence = await this.evidence.storedEvidenceOf({ items });
    const result = await this.handler.execute(
      id,
      {
        type: 'recordResult',
        visitDate: dto.visitDate,
        category: dto.category,
        items,
        hazards: dto.hazards.map(({ id: hazardId, item, description, severity, correctedOnSite }) => ({ id: hazardId, item, description, severity, correctedOnSite })),
        notInspectedReason: dto.notInspectedReason ?? null,
        storedEvidence,
      },
      context,
    );
    // The case's inspectors may now read its files (a repeat, after a crash or by idempotency, adds nothing).
    await this.evidence.grantToCase(id, { items });
    return result;
  }

  @Post(':id/reviews')
  // The reviewer is the signed-in reviewer, never a body field; the decider refuses one of the case's inspectors.
  @CommandEndpoint('review', 'Approve the result, or return it for correction')
  review(@Param('id', IdPipe) id: string, @Body() dto: ReviewDto, @Command() context: CommandContext): Promise<CommandResult> {
    const command =
      dto.decision === 'approve'
        ? ({ type: 'review', decision: 'approve', reviewerId: context.actor.id, comment: dto.comment ?? null } as const)
        : ({ type: 'review', decision: 'return', reviewerId: context.actor.id, reason: dto.reason ?? '' } as const);
    return this.handler.execute(id, command, context);
  }

  @Post(':id/publication')
  @CommandEndpoint('publish', 'Publish the approved result (公示)')
  publish(@Param('id', IdPipe) id: string, @Body() dto: PublishDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'publish', publishedOn: dto.publishedOn ?? chinaDate(this.clock()) }, context);
  }

  @Post(':id/cancellation')
  @CommandEndpoint('cancel', 'Cancel before the visit (unit closed or deregistered)')
  cancel(@Param('id', IdPipe) id: string, @Body() dto: CancelDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'cancel', reasonCode: dto.reasonCode, reason: dto.reason, effectiveDate: dto.effectiveDate ?? null }, context);
  }

  @Post(':id/referral')
  @CommandEndpoint('openReferral', 'Open the hazard referral of an approved result with hazards')
  openReferral(@Param('id', IdPipe) id: string, @Body() _dto: OpenReferralDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'openReferral' }, context);
  }

  @Post(':id/referral/order')
  @CommandEndpoint('issueRectificationOrder', 'Issue the order to correct within a time limit (责令限期改正)')
  issueOrder(@Param('id', IdPipe) id: string, @Body() dto: IssueRectificationOrderDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'issueRectificationOrder', orderNo: dto.orderNo, issuedOn: dto.issuedOn, deadline: dto.deadline }, context);
  }

  @Post(':id/referral/reinspection')
  @CommandEndpoint('recordReinspection', 'Record the re-inspection (复查)')
  recordReinspection(@Param('id', IdPipe) id: string, @Body() dto: RecordReinspectionDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'recordReinspection', reinspectedOn: dto.reinspectedOn, rectified: dto.rectified, note: dto.note ?? null }, context);
  }

  @Post(':id/referral/closure')
  @CommandEndpoint('closeReferral', 'Close a rectified referral')
  closeReferral(@Param('id', IdPipe) id: string, @Body() dto: CloseReferralDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'closeReferral', note: dto.note ?? null }, context);
  }

  @Post(':id/referral/escalation')
  @CommandEndpoint('escalateReferral', 'Escalate the referral to an investigation')
  escalate(@Param('id', IdPipe) id: string, @Body() dto: EscalateReferralDto, @Command() context: CommandContext): Promise<CommandResult> {
    return this.handler.execute(id, { type: 'escalateReferral', reason: dto.reason, caseNo: dto.caseNo ?? null }, context);
  }
}
