import { chinaDate } from '@shuangsui/domain';
import { monthsOf } from '@shuangsui/domain/directory';
import { generateSecret } from '@shuangsui/domain/draw';
import type { BeaconSpec, WitnessCommitment } from '@shuangsui/domain/draw';
import {
  checkQuotaMonth,
  isDrawSeedCommitted,
  PLAN_EVENT_TYPES as T,
  planStreamId,
  quotaStreamId,
  type AdoptPlan,
  type AnnualPlanAdoptedData,
  type DrawSeedCommittedData,
  type EligiblePopulationFrozenData,
  type MonthlyQuotaSetData,
} from '@shuangsui/domain/plan';
import type { WorkingDayCalendar } from '@shuangsui/domain/calendar';
import { hashOf, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { CommandHandler, readStreamOrEmpty } from '../commands';
import type { CommandContext } from '../command-context';
import { earlierDrawRecords, planDrawHistory } from '../draws/plan-draw-history';
import { BusinessRuleError } from '../errors';
import type { DirectoryFacts } from '../facts';
import type { DrawSecretStore } from './draw-secret-store';
import { PlanNotFoundError, QuotaNotSetError } from './plan.errors';
import { PLAN_STREAM, QUOTA_STREAM } from './plan-streams';

export type AdoptPlanInput = Omit<AdoptPlan, 'type'>;

export interface SetQuotaInput {
  readonly quota: number;
  readonly lateReason?: string;
  /** Version 2 draws: the beacon named in advance and the witnesses' commitments. */
  readonly beacon?: BeaconSpec;
  readonly witnesses?: readonly WitnessCommitment[];
}

/** A redraw's new round: why, and the beacon and witnesses it commits to (version 2 only). */
export interface ReopenRoundInput {
  readonly reason: string;
  readonly beacon: BeaconSpec;
  readonly witnesses?: readonly WitnessCommitment[];
}

/** A month's quota as recorded: the quota, its freeze and its seed commitment, from one atomic append. */
export interface QuotaRecord {
  readonly quota: MonthlyQuotaSetData;
  readonly freeze: EligiblePopulationFrozenData;
  readonly commitment: DrawSeedCommittedData;
  readonly freezeEvent: RecordedEvent;
  readonly commitmentEvent: RecordedEvent;
  readonly events: readonly RecordedEvent[];
}

export interface QuotaView extends MonthlyQuotaSetData {
  readonly populationHash: string;
  readonly commitment: string;
  readonly eligibleUnits: number;
  readonly inspectors: number;
  readonly excludedUnits: number;
  /** The commitment event, so anyone can later see the freeze came before the draw. */
  readonly commitmentEventId: string;
  readonly commitmentPosition: number;
  /** The commitment event's hash-chain hash (metadata.hash). */
  readonly commitmentEventHash: string | null;
}

export interface PlanView {
  readonly plan: AnnualPlanAdoptedData;
  readonly quotas: readonly QuotaView[];
}

/**
 * The annual plan and its monthly quotas. Every read is of the plan's own streams (the plan, and one
 * quota stream per month of its period); setting a quota takes the directory from the read models.
 */
export class PlanService {
  private readonly commands: CommandHandler;

  constructor(
    private readonly store: EventStore,
    private readonly secrets: DrawSecretStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly facts: DirectoryFacts,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.commands = new CommandHandler(store, clock);
  }

  async adoptPlan(input: AdoptPlanInput, context: CommandContext): Promise<PlanView> {
    const handled = await this.commands.handle(PLAN_STREAM, planStreamId(input.planId), { type: 'adoptPlan', ...input }, context);
    return { plan: handled.state as AnnualPlanAdoptedData, quotas: [] };
  }

  async plan(planId: string): Promise<AnnualPlanAdoptedData> {
    const { state } = await this.commands.load(PLAN_STREAM, planStreamId(planId));
    if (!state) throw new PlanNotFoundError(planId);
    return state;
  }

  async getPlan(planId: string): Promise<PlanView> {
    const plan = await this.plan(planId);
    const months = monthsOf(plan.period.from, plan.period.to);
    const records = await Promise.all(months.map(async (month) => toQuotaRecord(await readStreamOrEmpty(this.store, quotaStreamId(planId, month)))));
    return { plan, quotas: records.flatMap((record) => (record ? [quotaView(record)] : [])) };
  }

  async quota(planId: string, month: string): Promise<QuotaRecord> {
    await this.plan(planId);
    const record = toQuotaRecord(await readStreamOrEmpty(this.store, quotaStreamId(planId, month)));
    if (!record) throw new QuotaNotSetError(planId, month);
    return record;
  }

  /**
   * Sets month M's quota (the rules are the quota decider's). The facts it needs come from the read
   * models, caught up with the log first, and from the plan's earlier draw streams; the seed's secret
   * goes to the secret store before the commitment is appended.
   */
  async setQuota(planId: string, month: string, input: SetQuotaInput, context: CommandContext): Promise<QuotaView> {
    const plan = await this.plan(planId);
    // Refuse a bad month before gathering facts for it (the decider checks it again).
    const monthProblem = checkQuotaMonth(plan, month);
    if (monthProblem) throw new BusinessRuleError(monthProblem);
    const workingDaysInMonth = this.calendar.workingDaysInMonth(month);
    const facts = await this.freezeFacts(plan, month, input);
    const handled = await this.commands.handle(
      QUOTA_STREAM,
      quotaStreamId(planId, month),
      {
        type: 'setQuota',
        ...facts,
        quota: input.quota,
        ...(input.lateReason === undefined ? {} : { lateReason: input.lateReason }),
        setOn: chinaDate(this.clock()),
        workingDaysInMonth,
      },
      context,
      { request: { planId, month, ...input } },
    );
    const record = toQuotaRecord(handled.events);
    if (!record) throw new Error(`quota ${planId} ${month}: the append holds no complete quota record`);
    return quotaView(record);
  }

  /**
   * A redraw's new commitment round (docs/draw-algorithm.md §V2.8): the directory frozen again, a new
   * secret, a new beacon moment and new witness commitments, with the reason; appended atomically.
   */
  async reopenDrawRound(planId: string, month: string, input: ReopenRoundInput, context: CommandContext): Promise<QuotaView> {
    const plan = await this.plan(planId);
    const facts = await this.freezeFacts(plan, month, input);
    await this.commands.handle(
      QUOTA_STREAM,
      quotaStreamId(planId, month),
      { type: 'reopenDrawRound', ...facts, reason: input.reason, beacon: input.beacon },
      context,
      { request: { planId, month, ...input } },
    );
    const record = toQuotaRecord(await readStreamOrEmpty(this.store, quotaStreamId(planId, month)));
    if (!record) throw new Error(`quota ${planId} ${month}: the new round was not recorded`);
    return quotaView(record);
  }

  /** The directory (read models caught up with the log), the plan's earlier draws, and a fresh secret. */
  private async freezeFacts(plan: AnnualPlanAdoptedData, month: string, input: Pick<SetQuotaInput, 'beacon' | 'witnesses'>) {
    const directoryPosition = await this.facts.caughtUp();
    const [units, inspectors, records] = await Promise.all([
      this.facts.units(),
      this.facts.inspectors(),
      earlierDrawRecords(this.store, plan.planId, plan.period, month),
    ]);
    const inspected = await this.facts.inspectedCasesOf(units.map((unit) => unit.id));
    const history = planDrawHistory(records, inspected, plan.period);
    const { secret, commitment } = generateSecret();
    await this.secrets.put(commitment, secret);
    return {
      plan,
      month,
      units: units.map((unit) => ({ unit, history: history.units.get(unit.id) ?? { drawsThisPeriod: 0 } })),
      inspectors,
      priorAssignments: history.inspectorLoads,
      directoryPosition,
      commitment,
      now: this.clock().toISOString(),
      ...(input.beacon === undefined ? {} : { beacon: input.beacon, witnesses: input.witnesses ?? [] }),
    };
  }
}

/** The quota and its latest round: a reopened round's freeze and commitment replace the earlier ones. */
export function toQuotaRecord(events: readonly RecordedEvent[]): QuotaRecord | null {
  const quota = events.find((e) => e.type === T.MonthlyQuotaSet);
  const freeze = lastOf(events, (e) => e.type === T.EligiblePopulationFrozen);
  const commitment = lastOf(events, (e) => isDrawSeedCommitted(e.type));
  if (!quota || !freeze || !commitment) return null;
  return {
    quota: quota.data as unknown as MonthlyQuotaSetData,
    freeze: freeze.data as unknown as EligiblePopulationFrozenData,
    commitment: commitment.data as unknown as DrawSeedCommittedData,
    freezeEvent: freeze,
    commitmentEvent: commitment,
    events,
  };
}

function lastOf(events: readonly RecordedEvent[], matches: (event: RecordedEvent) => boolean): RecordedEvent | undefined {
  for (let i = events.length - 1; i >= 0; i -= 1) if (matches(events[i] as RecordedEvent)) return events[i];
  return undefined;
}

function quotaView(record: Pick<QuotaRecord, 'quota' | 'freeze' | 'commitment' | 'commitmentEvent'>): QuotaView {
  return {
    ...record.quota,
    populationHash: record.freeze.populationHash,
    commitment: record.commitment.commitment,
    eligibleUnits: record.freeze.population.units.length,
    inspectors: record.freeze.population.inspectors.length,
    excludedUnits: record.freeze.excludedUnits,
    commitmentEventId: record.commitmentEvent.id,
    commitmentPosition: record.commitmentEvent.position,
    commitmentEventHash: hashOf(record.commitmentEvent),
  };
}
