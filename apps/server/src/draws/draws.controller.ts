import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandRoles, Public, Roles } from '../auth/access.decorators';
import {
  DrawFollowUp,
  DrawQueries,
  DrawService,
  DrawVerifier,
  QUERY_ROLES,
  type CommandContext,
  type DrawVerificationReport,
  type DrawView,
  type FollowUpReport,
} from '@shuangsui/application';
import type { RecordedEvent } from '@shuangsui/event-store';
import { IdPipe } from '../common/id.pipe';
import { Command } from '../common/command-context.decorator';
import { PerformDrawDto, RedrawDto } from './dto/draw.dto';

export interface DrawResponse {
  readonly drawId: string;
  readonly recordEventId: string;
  readonly populationHash: string;
  readonly commitment: string;
  readonly seed: string;
  readonly cases: readonly { readonly caseId: string; readonly unitId: string; readonly unitName: string; readonly inspectorIds: readonly string[] }[];
  readonly followUp: FollowUpReport | null;
}


@ApiTags('draws')
@Controller('draws')
export class DrawsController {
  constructor(
    private readonly draws: DrawService,
    private readonly followUp: DrawFollowUp,
    private readonly verifier: DrawVerifier,
    private readonly queries: DrawQueries,
  ) {}

  @Post()
  @CommandRoles('performDraw')
  @ApiOperation({ summary: "Run a month's draw with witness inputs; the record is one atomic append; the cases follow" })
  async draw(@Body() dto: PerformDrawDto, @Command() context: CommandContext): Promise<DrawResponse> {
    const record = await this.draws.draw({ planId: dto.planId, month: dto.month, witnessInputs: witnesses(dto.witnessInputs) }, withoutExpectedRevision(context));
    return this.respond(record);
  }

  @Post(':id/redraws')
  @CommandRoles('redraw')
  @ApiOperation({ summary: 'Redo a draw: recorded as its own event with actor and reason; new witness inputs' })
  async redraw(@Param('id', IdPipe) id: string, @Body() dto: RedrawDto, @Command() context: CommandContext): Promise<DrawResponse> {
    const record = await this.draws.redraw(id, { reason: dto.reason, witnessInputs: witnesses(dto.witnessInputs) }, withoutExpectedRevision(context));
    return this.respond(record);
  }

  @Get(':id')
  @Roles(...QUERY_ROLES.planning)
  @ApiOperation({ summary: 'The draw record (inputs, revealed secret, result, cases) and its stream' })
  get(@Param('id', IdPipe) id: string): Promise<DrawView> {
    return this.queries.getDraw(id);
  }

  @Get(':id/verification')
  @Public()
  @ApiOperation({ summary: 'Re-run the draw from the recorded inputs: commitment, frozen population hash, result, hash chains' })
  verify(@Param('id', IdPipe) id: string): Promise<DrawVerificationReport> {
    return this.verifier.verify(id);
  }

  private async respond(recordEvent: RecordedEvent): Promise<DrawResponse> {
    const record = recordEvent.data as unknown as import('@shuangsui/domain/draw').DrawRecordData;
    // The follow-up runs now; if it fails part-way, the start-up resume finishes it (idempotent).
    const followUp = await this.followUp.complete(record.drawId).catch((): null => null);
    return {
      drawId: record.drawId,
      recordEventId: recordEvent.id,
      populationHash: record.populationHash,
      commitment: record.commitment,
      seed: record.result.seed,
      cases: record.cases.map((c) => ({ caseId: c.caseId, unitId: c.unit.id, unitName: c.unit.name, inspectorIds: c.inspectorIds })),
      followUp,
    };
  }
}

/** A draw decides on its own stream's state; If-Match does not apply. Who may draw: COMMAND_ROLES (guard and handler). */
function withoutExpectedRevision(context: CommandContext): CommandContext {
  return { actor: context.actor, commandId: context.commandId, correlationId: context.correlationId, causationId: context.causationId };
}

const witnesses = (inputs: PerformDrawDto['witnessInputs']) => inputs.map(({ kind, source, value }) => ({ kind, source, value }));
