import {
  drawIdOf,
  drawStreamId,
  unitsToBeDrawn,
  unitsToBeDrawnV2,
  type CommitmentRoundFacts,
  type DrawCommand,
  type DrawReveal,
  type QuotaFacts,
  type WitnessInput,
  type WitnessReveal,
} from '@shuangsui/domain/draw';
import { violation } from '@shuangsui/domain';
import type { DrawnUnit } from '@shuangsui/domain';
import type { Unit } from '@shuangsui/domain/directory';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import { CommandHandler } from '../commands';
import type { CommandContext } from '../command-context';
import { DirectoryReader } from '../directories/directory-reader';
import type { DrawSecretStore } from '../plans/draw-secret-store';
import type { PlanService, QuotaRecord } from '../plans/plan-service';
import { PLAN_EVENT_TYPES, type DrawSeedCommittedV2Data } from '@shuangsui/domain/plan';
import { BusinessRuleError } from '../errors';
import { commitmentRoundOf, eventRefOf } from './draw-bundles';
import { DrawNotFoundError, DrawSecretMissingError } from './draw.errors';
import { DRAW_STREAM } from './draw-stream';

/**
 * Version 1 takes `witnessInputs` given at the draw; version 2 (a round with a beacon) takes the
 * beacon's published value and each committed witness's reveal, in the commitment's order.
 */
export interface DrawInputs {
  readonly witnessInputs?: readonly WitnessInput[];
  readonly beaconValue?: string;
  readonly witnesses?: readonly WitnessReveal[];
}

export interface DrawRequest extends DrawInputs {
  readonly planId: string;
  readonly month: string;
}

export interface RedrawRequest extends DrawInputs {
  readonly reason: string;
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
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.commands = new CommandHandler(store, clock);
    this.directory = new DirectoryReader(store);
  }

  async draw(request: DrawRequest, context: CommandContext): Promise<RecordedEvent> {
    const drawId = drawIdOf(request.planId, request.month);
    const quota = await this.plans.quota(request.planId, request.month);
    if (isV2Round(quota)) return this.record(drawId, { type: 'performDrawV2', ...(await this.commandV2(drawId, quota, request)) }, context, request);
    const command = await this.command(drawId, quota, v1Inputs(request));
    return this.record(drawId, { type: 'performDraw', ...command }, context, request);
  }

  /** A redraw is its own event, with actor (metadata), reason and new witness inputs; the first record stays. */
  async redraw(drawId: string, request: RedrawRequest, context: CommandContext): Promise<RecordedEvent> {
    const { state } = await this.commands.load(DRAW_STREAM, drawStreamId(drawId));
    const current = state.records[state.records.length - 1];
    if (!current) throw new DrawNotFoundError(drawId);
    const quota = await this.plans.quota(current.record.planId, current.record.month);
    if (isV2Round(quota)) {
      return this.record(drawId, { type: 'redrawV2', ...(await this.commandV2(drawId, quota, request)), reason: request.reason }, context, { drawId, ...request });
    }
    const command = await this.command(drawId, quota, v1Inputs(request));
    return this.record(drawId, { type: 'redraw', ...command, reason: request.reason }, context, { drawId, ...request });
  }

  private async record(drawId: string, command: DrawCommand, context: CommandContext, request: object): Promise<RecordedEvent> {
    const handled = await this.commands.handle(DRAW_STREAM, drawStreamId(drawId), command, context, { request });
    const record = handled.events[0];
    if (!record) throw new Error(`draw ${drawId}: the command appended no record`);
    return record;
  }

  /** Version 2: the month's latest commitment round, the reveals, the decision time and the drawn units at the freeze. */
  private async commandV2(drawId: string, quota: QuotaRecord, inputs: DrawInputs) {
    if (inputs.witnessInputs !== undefined) {
      throw new BusinessRuleError(violation('witnessInputs', 'version-2', '本月按第2版算法抽取：见证人输入已在冻结时以承诺登记，请在 witnesses 中按顺序揭示其原值和随机数，不接受 witnessInputs'));
    }
    const committed = quota.commitment as DrawSeedCommittedV2Data;
    const plan = await this.plans.plan(quota.quota.planId);
    const secret = await this.secrets.get(committed.commitment);
    if (secret === null) throw new DrawSecretMissingError(committed.commitment);
    const round: CommitmentRoundFacts = {
      planId: quota.quota.planId,
      month: quota.quota.month,
      population: quota.freeze.population,
      freezeEventId: quota.freezeEvent.id,
      commitment: commitmentRoundOf(committed),
      commitmentEvent: eventRefOf(quota.commitmentEvent),
    };
    const reveal: DrawReveal = {
      secret,
      ...(inputs.beaconValue === undefined ? {} : { beaconValue: inputs.beaconValue }),
      witnesses: (inputs.witnesses ?? []).map(({ value, nonce }) => ({ value, nonce })),
    };
    const unitsAtFreeze = await this.unitsAtFreeze(unitsToBeDrawnV2({ drawId, round, reveal }), quota.freeze.directoryPosition);
    return { drawId, authority: plan.authority, round, reveal, now: this.clock().toISOString(), unitsAtFreeze };
  }

  private async unitsAtFreeze(unitIds: readonly string[], directoryPosition: number): Promise<Map<string, DrawnUnit>> {
    const units = new Map<string, DrawnUnit>();
    await Promise.all(
      unitIds.map(async (unitId) => {
        const unit = await this.directory.unitAsOf(unitId, directoryPosition);
        if (unit) units.set(unitId, drawnUnit(unit));
      }),
    );
    return units;
  }

  /** The facts the draw decider needs: the freeze, the revealed secret, and the drawn units at the freeze. */
  private async command(drawId: string, quota: QuotaRecord, witnessInputs: readonly WitnessInput[]) {
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
    const unitsAtFreeze = await this.unitsAtFreeze(unitsToBeDrawn({ quota: facts, secret, witnessInputs, minWitnessInputs }), quota.freeze.directoryPosition);
    return { drawId, authority: plan.authority, quota: facts, secret, witnessInputs, minWitnessInputs, unitsAtFreeze };
  }
}

const isV2Round = (quota: QuotaRecord): boolean => quota.commitmentEvent.type === PLAN_EVENT_TYPES.DrawSeedCommittedV2;

function v1Inputs(inputs: DrawInputs): readonly WitnessInput[] {
  if (inputs.beaconValue !== undefined || inputs.witnesses !== undefined) {
    throw new BusinessRuleError(violation('beaconValue', 'version-1', '本月的承诺未登记公开随机源（第1版算法）：请在 witnessInputs 中提供见证人输入，不接受 beaconValue 或 witnesses'));
  }
  return inputs.witnessInputs ?? [];
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
