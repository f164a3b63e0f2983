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
  type DrawInputs,
  type DrawView,
  type FollowUpReport,
} from '@shuangsui/application';
import type { RecordedEvent } from '@shuangsui/event-store';
import { isDrawRecordV2, type AnyDrawRecord } from '@shuangsui/domain/draw';
import { IdPipe } from '../common/id.pipe';
import { Command } from '../common/command-context.decorator';
import { PerformDrawDto, RedrawDto } from './dto/draw.dto';

export interface DrawResponse {
  readonly drawId: string;
  readonly recordEventId: string;
  readonly recordPosition: number;
  readonly algorithmVersion: string;
  readonly populationHash: string;
  /** SHA-256 of the secret recorded at the freeze. */
  readonly commitment: string;
  readonly seed: string;
  readonly resultHash: string;
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
  @ApiOperation({ summary: "Run a month's draw: v1 with witness inputs, v2 with the beacon value and the witnesses' reveals (refused before the beacon moment); one atomic append; the cases follow" })
  async draw(@Body() dto: PerformDrawDto, @Command() context: CommandContext): Promise<DrawResponse> {
    const record = await this.draws.draw({ planId: dto.planId, month: dto.month, ...inputsOf(dto) }, withoutExpectedRevision(context));
    return this.respond(record);
  }

  @Post(':id/redraws')
  @CommandRoles('redraw')
  @ApiOperation({ summary: 'Redo a draw with actor and reason: v1 with new witness inputs; v2 only on a new commitment round (POST /plans/:id/quotas/:month/rounds)' })
  async redraw(@Param('id', IdPipe) id: string, @Body() dto: RedrawDto, @Command() context: CommandContext): Promise<DrawResponse> {
    const record = await this.draws.redraw(id, { reason: dto.reason, ...inputsOf(dto) }, withoutExpectedRevision(context));
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
    const record = recordEvent.data as unknown as AnyDrawRecord;
    // The follow-up runs now; if it fails part-way, the start-up resume finishes it (idempotent).
    const followUp = await this.followUp.complete(record.drawId).catch((): null => null);
    return {
      drawId: record.drawId,
      recordEventId: recordEvent.id,
      recordPosition: recordEvent.position,
      algorithmVersion: record.algorithmVersion,
      populationHash: record.populationHash,
      commitment: isDrawRecordV2(record) ? record.commitment.secretCommitment : record.commitment,
      seed: record.result.seed,
      resultHash: record.result.resultHash,
      cases: record.cases.map((c) => ({ caseId: c.caseId, unitId: c.unit.id, unitName: c.unit.name, inspectorIds: c.inspectorIds })),
      followUp,
    };
  }
}

/** A draw decides on its own stream's state; If-Match does not apply. Who may draw: COMMAND_ROLES (guard and handler). */
function withoutExpectedRevision(context: CommandContext): CommandContext {
  return { actor: context.actor, commandId: context.commandId, correlationId: context.correlationId, causationId: context.causationId };
}

/** Only the members the draw reads, copied out of the DTO class instance. */
function inputsOf(dto: PerformDrawDto | RedrawDto): DrawInputs {
  return {
    ...(dto.witnessInputs === undefined ? {} : { witnessInputs: dto.witnessInputs.map(({ kind, source, value }) => ({ kind, source, value })) }),
    ...(dto.beaconValue === undefined ? {} : { beaconValue: dto.beaconValue }),
    ...(dto.witnesses === undefined ? {} : { witnesses: dto.witnesses.map(({ value, nonce }) => ({ value, nonce })) }),
  };
}
