import { violation } from '@shuangsui/domain';
import type { Unit } from '@shuangsui/domain/directory';
import { runDraw, type DrawResult, type WitnessInput } from '@shuangsui/domain/draw';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { DirectoryReader } from '../directories/directory-reader';
import { appendSealed, readStreamOrEmpty, type WriteContext } from '../directories/sealed-append';
import { BusinessRuleError } from '../errors';
import type { DrawSecretStore } from '../plans/draw-secret-store';
import type { PlanService, QuotaRecord } from '../plans/plan-service';
import {
  caseIdOf,
  DRAW_EVENT_TYPES as T,
  drawIdOf,
  drawStreamId,
  isDrawRecord,
  type DrawnCase,
  type DrawRecordData,
  type DrawRedoneData,
} from '@shuangsui/domain/draw';
import { DrawAlreadyPerformedError, DrawFailedError, DrawNotFoundError, DrawSecretMissingError } from './draw.errors';

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
 * Runs a month's draw: reveals the committed secret, derives the seed with the witness inputs, runs the
 * pure draw over the frozen population and appends the whole record in ONE append to the draw's own
 * stream (`no_stream`, so a second draw for the month loses). Nothing else is written here: the cases
 * follow from the record (DrawFollowUp), so a crash leaves either no draw or a complete record.
 */
export class DrawService {
  private readonly directory: DirectoryReader;

  constructor(
    private readonly store: EventStore,
    private readonly plans: PlanService,
    private readonly secrets: DrawSecretStore,
    private readonly settings: DrawSettings = { minWitnessInputs: 1 },
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.directory = new DirectoryReader(store);
  }

  async draw(request: DrawRequest, context: WriteContext): Promise<RecordedEvent> {
    const drawId = drawIdOf(request.planId, request.month);
    const plan = await this.plans.plan(request.planId);
    const quota = await this.plans.quota(request.planId, request.month);
    const streamId = drawStreamId(drawId);
    if ((await readStreamOrEmpty(this.store, streamId)).length > 0) throw new DrawAlreadyPerformedError(drawId);
    const record = await this.record(drawId, plan.authority, quota, request.witnessInputs, 0);
    try {
      const { events } = await appendSealed(this.store, streamId, null, [{ type: T.DrawPerformed, data: record }], {
        ...context,
        command: 'draw',
        occurredAt: this.clock().toISOString(),
      });
      return events[0] as RecordedEvent;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new DrawAlreadyPerformedError(drawId);
      throw error;
    }
  }

  /**
   * A redraw is its own event, with actor (metadata) and reason, and new witness inputs; the first record
   * stays in the stream. Its cases get their own ids; the follow-up cancels the superseded record's
   * cases that are still drawn or assigned (reason `redrawn`) before it creates the new ones.
   */
  async redraw(drawId: string, request: RedrawRequest, context: WriteContext): Promise<RecordedEvent> {
    if (request.reason.trim() === '') throw new BusinessRuleError(violation('reason', 'required', '重新抽取必须说明理由'));
    const streamId = drawStreamId(drawId);
    const events = await readStreamOrEmpty(this.store, streamId);
    const records = events.filter((event) => isDrawRecord(event.type));
    const current = records[records.length - 1];
    if (!current) throw new DrawNotFoundError(drawId);
    const previous = current.data as unknown as DrawRecordData;
    const plan = await this.plans.plan(previous.planId);
    const quota = await this.plans.quota(previous.planId, previous.month);
    const redrawNo = records.length;
    const record = await this.record(drawId, plan.authority, quota, request.witnessInputs, redrawNo);
    const data: DrawRedoneData = { ...record, redrawNo, reason: request.reason.trim(), supersedesEventId: current.id };
    try {
      const appended = await appendSealed(this.store, streamId, events[events.length - 1], [{ type: T.DrawRedone, data }], {
        ...context,
        command: 'redraw',
        occurredAt: this.clock().toISOString(),
      });
      return appended.events[0] as RecordedEvent;
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new DrawAlreadyPerformedError(drawId);
      throw error;
    }
  }

  private async record(drawId: string, authority: string, quota: QuotaRecord, witnessInputs: readonly WitnessInput[], redrawNo: number): Promise<DrawRecordData> {
    const minWitnessInputs = this.settings.minWitnessInputs;
    if (witnessInputs.length < minWitnessInputs) {
      throw new BusinessRuleError(
        violation('witnessInputs', 'min-witness-inputs', `抽取至少需要${minWitnessInputs}个冻结之后产生的公开输入（现场见证人、公证员或公开号码），实际${witnessInputs.length}个`),
      );
    }
    const commitment = quota.commitment.commitment;
    const secret = await this.secrets.get(commitment);
    if (secret === null) throw new DrawSecretMissingError(commitment);
    const outcome = runDraw({
      population: quota.freeze.population,
      populationHash: quota.freeze.populationHash,
      commitment,
      secret,
      witnessInputs,
      minWitnessInputs,
    });
    if (!outcome.ok) throw new DrawFailedError(outcome.failure);
    const cases = await this.casesOf(drawId, outcome.result, quota, redrawNo);
    return {
      drawId,
      planId: quota.quota.planId,
      month: quota.quota.month,
      authority,
      freezeEventId: quota.freezeEvent.id,
      commitmentEventId: quota.commitmentEvent.id,
      algorithmVersion: outcome.result.algorithmVersion,
      populationHash: outcome.result.populationHash,
      commitment,
      secret,
      witnessInputs: outcome.result.witnessInputs,
      minWitnessInputs,
      result: outcome.result,
      cases,
    };
  }

  /** Each drawn unit as it stood at the freeze: what its case and the public record show. */
  private async casesOf(drawId: string, result: DrawResult, quota: QuotaRecord, redrawNo: number): Promise<DrawnCase[]> {
    const position = quota.freeze.directoryPosition;
    return Promise.all(
      result.assignments.map(async (assignment) => {
        const unit = await this.directory.unitAsOf(assignment.unitId, position);
        if (!unit) throw new Error(`unit ${assignment.unitId} of the frozen population has no directory record`);
        return {
          caseId: caseIdOf(drawId, assignment.unitId, redrawNo),
          stratum: assignment.stratum,
          inspectorIds: [assignment.inspectorIds[0], assignment.inspectorIds[1]] as const,
          unit: drawnUnit(unit),
        };
      }),
    );
  }
}

const drawnUnit = (unit: Unit): DrawnCase['unit'] => ({
  id: unit.id,
  name: unit.name,
  creditCode: unit.creditCode,
  address: unit.address,
  district: unit.district,
  riskGrade: unit.riskGrade,
  isKeyUnit: unit.isKeyUnit,
  isCrowdDense: unit.isCrowdDense,
});
