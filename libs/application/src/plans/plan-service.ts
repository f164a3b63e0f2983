import { chinaDate, violation } from '@shuangsui/domain';
import { isIsoDate, isIsoMonth, isInspectorAvailableInMonth, DIRECTORY_ID_PATTERN } from '@shuangsui/domain/directory';
import { buildFrozenPopulation, generateSecret, populationHash } from '@shuangsui/domain/draw';
import {
  decideQuota,
  DEFAULT_SAMPLING_RATIOS,
  DEFAULT_WORKLOAD,
  monthlyCapacity,
  validateSamplingRatios,
  validateWorkload,
  yearlyMinimumPerInspector,
  type PlanScope,
  type SamplingRatios,
  type WorkloadParameters,
} from '@shuangsui/domain/plan';
import type { WorkingDayCalendar } from '@shuangsui/domain/calendar';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { DirectoryReader } from '../directories/directory-reader';
import { appendSealed, readAllWithPrefix, readStreamOrEmpty, type WriteContext } from '../directories/sealed-append';
import { UnitHistoryFold } from '../draws/draw-history';
import { BusinessRuleError } from '../errors';
import type { DrawSecretStore } from './draw-secret-store';
import {
  FREQUENCY_RULES,
  PLAN_EVENT_TYPES as T,
  planStreamId,
  quotaStreamId,
  QUOTA_STREAM_PREFIX,
  type AnnualPlanAdoptedData,
  type DrawSeedCommittedData,
  type EligiblePopulationFrozenData,
  type MonthlyQuotaSetData,
} from '@shuangsui/domain/plan';
import { PlanAlreadyExistsError, PlanNotFoundError, QuotaAlreadySetError, QuotaNotSetError } from './plan.errors';

export interface AdoptPlanInput {
  readonly planId: string;
  readonly year: number;
  readonly authority: string;
  readonly jurisdiction: string;
  readonly period?: { readonly from: string; readonly to: string };
  readonly scope?: PlanScope;
  readonly workload?: Partial<WorkloadParameters>;
  readonly samplingRatios?: SamplingRatios;
  readonly jointPlan?: boolean;
  readonly departments?: readonly string[];
}

export interface SetQuotaInput {
  readonly quota: number;
  readonly lateReason?: string;
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
}

export interface PlanView {
  readonly plan: AnnualPlanAdoptedData;
  readonly quotas: readonly QuotaView[];
}

const fail = (field: string, rule: string, message: string): never => {
  throw new BusinessRuleError(violation(field, rule, message));
};

/** The annual plan and its monthly quotas; setting a quota freezes the month's population and commits the seed. */
export class PlanService {
  private readonly directory: DirectoryReader;

  constructor(
    private readonly store: EventStore,
    private readonly secrets: DrawSecretStore,
    private readonly calendar: WorkingDayCalendar,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.directory = new DirectoryReader(store);
  }

  async adoptPlan(input: AdoptPlanInput, context: WriteContext): Promise<PlanView> {
    if (!DIRECTORY_ID_PATTERN.test(input.planId)) fail('planId', 'id-format', '计划编号只能包含字母、数字和 _ . : -');
    if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) fail('year', 'year', '计划年度应为2000至2100之间的整数');
    const period = input.period ?? { from: `${input.year}-01-01`, to: `${input.year}-12-31` };
    if (!isIsoDate(period.from) || !isIsoDate(period.to) || period.to < period.from) fail('period', 'date-range', '计划期间应为有效的起止日期（YYYY-MM-DD），且截止不早于起始');
    const workload: WorkloadParameters = { ...DEFAULT_WORKLOAD, ...input.workload };
    const workloadErrors = validateWorkload(workload);
    if (workloadErrors.length > 0) fail('workload', 'workload', workloadErrors.join('；'));
    const samplingRatios = input.samplingRatios ?? DEFAULT_SAMPLING_RATIOS;
    const ratioErrors = validateSamplingRatios(samplingRatios);
    if (ratioErrors[0]) throw new BusinessRuleError(ratioErrors[0]);
    const departments = input.departments ?? [];
    if (input.jointPlan && departments.length < 2) fail('departments', 'joint-plan', '联合抽查计划应列出至少两个参与部门');

    const data: AnnualPlanAdoptedData = {
      planId: input.planId,
      year: input.year,
      authority: input.authority,
      jurisdiction: input.jurisdiction,
      period,
      scope: input.scope ?? { includeKeyUnits: true, includeNonKeyUnits: true },
      workload,
      yearlyMinimumPerInspector: yearlyMinimumPerInspector(workload),
      samplingRatios,
      frequencyRules: FREQUENCY_RULES,
      jointPlan: input.jointPlan ?? false,
      departments,
    };
    const streamId = planStreamId(input.planId);
    if ((await readStreamOrEmpty(this.store, streamId)).length > 0) throw new PlanAlreadyExistsError(input.planId);
    try {
      await appendSealed(this.store, streamId, null, [{ type: T.AnnualPlanAdopted, data }], { ...context, command: 'adoptPlan', occurredAt: this.clock().toISOString() });
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new PlanAlreadyExistsError(input.planId);
      throw error;
    }
    return { plan: data, quotas: [] };
  }

  async plan(planId: string): Promise<AnnualPlanAdoptedData> {
    const events = await readStreamOrEmpty(this.store, planStreamId(planId));
    const adopted = events.find((event) => event.type === T.AnnualPlanAdopted);
    if (!adopted) throw new PlanNotFoundError(planId);
    return adopted.data as unknown as AnnualPlanAdoptedData;
  }

  async getPlan(planId: string): Promise<PlanView> {
    const plan = await this.plan(planId);
    const byStream = new Map<string, RecordedEvent[]>();
    await readAllWithPrefix(this.store, `${QUOTA_STREAM_PREFIX}${planId}.`, (event) => {
      byStream.set(event.streamId, [...(byStream.get(event.streamId) ?? []), event]);
    });
    const quotas = [...byStream.values()].flatMap((events) => {
      const record = toQuotaRecord(events);
      return record ? [quotaView(record)] : [];
    });
    return { plan, quotas: quotas.sort((a, b) => (a.month < b.month ? -1 : 1)) };
  }

  async quota(planId: string, month: string): Promise<QuotaRecord> {
    await this.plan(planId);
    const record = toQuotaRecord(await readStreamOrEmpty(this.store, quotaStreamId(planId, month)));
    if (!record) throw new QuotaNotSetError(planId, month);
    return record;
  }

  /**
   * Sets month M's quota: refused above capacity, late (after the 25th of M−1, China date) only with a
   * reason. In the same atomic append it freezes the eligible population (hash of its canonical
   * encoding) and commits to a fresh secret; the secret goes to the secret store first.
   */
  async setQuota(planId: string, month: string, input: SetQuotaInput, context: WriteContext): Promise<QuotaView> {
    const plan = await this.plan(planId);
    if (!isIsoMonth(month)) fail('month', 'month', `月份格式应为YYYY-MM，实际为“${month}”`);
    if (`${month}-31` < plan.period.from || `${month}-01` > plan.period.to) fail('month', 'outside-plan', `${month}不在计划期间${plan.period.from}至${plan.period.to}内`);
    const streamId = quotaStreamId(planId, month);
    if ((await readStreamOrEmpty(this.store, streamId)).length > 0) throw new QuotaAlreadySetError(planId, month);

    // One scan of the log: the directory, and each unit's draws and inspections (the frequency rules).
    const unitHistory = new UnitHistoryFold();
    const snapshot = await this.directory.snapshot({ visit: (event) => unitHistory.visit(event) });
    const inspectors = [...snapshot.inspectors.values()].map((v) => v.record);
    const available = inspectors.filter((inspector) => isInspectorAvailableInMonth(inspector, month)).length;
    const workingDaysInMonth = this.calendar.workingDaysInMonth(month);
    const capacity = monthlyCapacity({
      availableInspectors: available,
      workingDaysInMonth,
      inspectionShare: plan.workload.inspectionShare,
      inspectorsPerUnit: plan.workload.inspectorsPerUnit,
    });
    const setOn = chinaDate(this.clock());
    const decision = decideQuota({ month, quota: input.quota, capacity, setOn, lateReason: input.lateReason });
    if (!decision.accepted) throw new BusinessRuleError(decision.violations[0] ?? violation('quota', 'quota', '月度抽查数不合规'));

    const history = unitHistory.history(planId, month, plan.period);
    const frozen = buildFrozenPopulation({
      month,
      quota: input.quota,
      ratios: plan.samplingRatios,
      jointPlan: plan.jointPlan,
      period: plan.period,
      scope: plan.scope,
      units: [...snapshot.units.values()].map(({ record }) => ({ unit: record, history: history.units.get(record.id) ?? { drawsThisPeriod: 0 } })),
      inspectors,
      priorAssignments: history.inspectorLoads,
    });
    if (input.quota > frozen.population.units.length) {
      fail('quota', 'above-population', `${month}月度抽查数${input.quota}家超过可抽取的单位数${frozen.population.units.length}家`);
    }
    const hash = populationHash(frozen.population);
    const { secret, commitment } = generateSecret();
    await this.secrets.put(commitment, secret);

    const quota: MonthlyQuotaSetData = {
      planId,
      month,
      quota: input.quota,
      capacity,
      availableInspectors: available,
      workingDaysInMonth,
      setOn,
      deadline: decision.deadline,
      late: decision.late,
      lateReason: decision.late ? decision.lateReason ?? null : null,
    };
    const freeze: EligiblePopulationFrozenData = {
      planId,
      month,
      populationHash: hash,
      population: frozen.population,
      directoryPosition: snapshot.position,
      excludedUnits: frozen.excluded.length,
      dueUnits: frozen.dueUnitIds.length,
    };
    const committed: DrawSeedCommittedData = { planId, month, commitment };
    try {
      await appendSealed(
        this.store,
        streamId,
        null,
        [
          { type: T.MonthlyQuotaSet, data: quota },
          { type: T.EligiblePopulationFrozen, data: freeze },
          { type: T.DrawSeedCommitted, data: committed },
        ],
        { ...context, command: 'setQuota', occurredAt: this.clock().toISOString() },
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw new QuotaAlreadySetError(planId, month);
      throw error;
    }
    return quotaView({ quota, freeze, commitment: committed } as QuotaRecord);
  }
}

export function toQuotaRecord(events: readonly RecordedEvent[]): QuotaRecord | null {
  const quota = events.find((e) => e.type === T.MonthlyQuotaSet);
  const freeze = events.find((e) => e.type === T.EligiblePopulationFrozen);
  const commitment = events.find((e) => e.type === T.DrawSeedCommitted);
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

function quotaView(record: Pick<QuotaRecord, 'quota' | 'freeze' | 'commitment'>): QuotaView {
  return {
    ...record.quota,
    populationHash: record.freeze.populationHash,
    commitment: record.commitment.commitment,
    eligibleUnits: record.freeze.population.units.length,
    inspectors: record.freeze.population.inspectors.length,
    excludedUnits: record.freeze.excludedUnits,
  };
}
