import { drawIdOf, drawStreamId, unitsToBeDrawn, type DrawCommand, type QuotaFacts, type WitnessInput } from '@shuangsui/domain/draw';
import type { DrawnUnit } from '@shuangsui/domain';
import type { Unit } from '@shuangsui/domain/directory';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { CommandHandler } from '../commands';
import type { CommandContext } from '../command-context';
import { DirectoryReader } from '../directories/directory-reader';
import type { DrawSecretStore } from '../plans/draw-secret-store';
import type { PlanService, QuotaRecord } from '../plans/plan-service';
import { PLAN_EVENT_TYPES } from '@shuangsui/domain/plan';
import { DrawNeedsV2Error, DrawNotFoundError, DrawSecretMissingError } from './draw.errors';
import { DRAW_STREAM } from './draw-stream';

export interface DrawRequest {
  readonly planId: string;
  readonly month: string;
  readonly witnessInputs: readonly WitnessInput[];
}

export interface RedrawRequest {
  readonly reason: string;
  readonly witnessInputs: readonly WitnessInput[];
}

export interface DrawSettings {
  /** Minimum witness inputs a draw needs (SHUANGSUI_MIN_WITNESS_INPUTS, default 1). */
  readonly minWitnessInputs: number;
}

/**
 * Runs a month's draw through the draw decider: reveals the committed secret, and hands the decider the
 * frozen population and the drawn units as they stood at the freeze. The whole record is ONE append to
 * the draw's own stream; the cases follow from it (DrawFollowUp), so a crash leaves either no draw or a
 * complete record. A retry with the same Idempotency-Key answers with the first record.
 */
export class DrawService {
  private readonly commands: CommandHandler;
  private readonly directory: DirectoryReader;

  constructor(
    store: EventStore,
    private readonly plans: PlanService,
    private readonly secrets: DrawSecretStore,
    private readonly settings: DrawSettings = { minWitnessInputs: 1 },
    clock: () => Date = () => new Date(),
  ) {
    this.commands = new CommandHandler(store, clock);
    this.directory = new DirectoryReader(store);
  }

  async draw(request: DrawRequest, context: CommandContext): Promise<RecordedEvent> {
    const drawId = drawIdOf(request.planId, request.month);
    const quota = await this.plans.quota(request.planId, request.month);
    const command = await this.command(drawId, quota, request.witnessInputs);
    return this.record(drawId, { type: 'performDraw', ...command }, context, request);
  }

  /** A redraw is its own event, with actor (metadata), reason and new witness inputs; the first record stays. */
  async redraw(drawId: string, request: RedrawRequest, context: CommandContext): Promise<RecordedEvent> {
    const { state } = await this.commands.load(DRAW_STREAM, drawStreamId(drawId));
    const current = state.records[state.records.length - 1];
    if (!current) throw new DrawNotFoundError(drawId);
    const quota = await this.plans.quota(current.record.planId, current.record.month);
    const command = await this.command(drawId, quota, request.witnessInputs);
    return this.record(drawId, { type: 'redraw', ...command, reason: request.reason }, context, { drawId, ...request });
  }

  private async record(drawId: string, command: DrawCommand, context: CommandContext, request: object): Promise<RecordedEvent> {
    const handled = await this.commands.handle(DRAW_STREAM, drawStreamId(drawId), command, context, { request });
    const record = handled.events[0];
    if (!record) throw new Error(`draw ${drawId}: the command appended no record`);
    return record;
  }

  /** The facts the draw decider needs: the freeze, the revealed secret, and the drawn units at the freeze. */
  private async command(drawId: string, quota: QuotaRecord, witnessInputs: readonly WitnessInput[]) {
    if (quota.commitmentEvent.type === PLAN_EVENT_TYPES.DrawSeedCommittedV2) throw new DrawNeedsV2Error(quota.commitmentEvent.id);
    const plan = await this.plans.plan(quota.quota.planId);
    const commitment = quota.commitment.commitment;
    const secret = await this.secrets.get(commitment);
    if (secret === null) throw new DrawSecretMissingError(commitment);
    const facts: QuotaFacts = {
      planId: quota.quota.planId,
      month: quota.quota.month,
      population: quota.freeze.population,
      populationHash: quota.freeze.populationHash,
      commitment,
      freezeEventId: quota.freezeEvent.id,
      commitmentEventId: quota.commitmentEvent.id,
    };
    const minWitnessInputs = this.settings.minWitnessInputs;
    const unitIds = unitsToBeDrawn({ quota: facts, secret, witnessInputs, minWitnessInputs });
    const unitsAtFreeze = new Map<string, DrawnUnit>();
    await Promise.all(
      unitIds.map(async (unitId) => {
        const unit = await this.directory.unitAsOf(unitId, quota.freeze.directoryPosition);
        if (unit) unitsAtFreeze.set(unitId, drawnUnit(unit));
      }),
    );
    return { drawId, authority: plan.authority, quota: facts, secret, witnessInputs, minWitnessInputs, unitsAtFreeze };
  }
}

const drawnUnit = (unit: Unit): DrawnUnit => ({
  id: unit.id,
  name: unit.name,
  creditCode: unit.creditCode,
  address: unit.address,
  district: unit.district,
  riskGrade: unit.riskGrade,
  isKeyUnit: unit.isKeyUnit,
  isCrowdDense: unit.isCrowdDense,
});
