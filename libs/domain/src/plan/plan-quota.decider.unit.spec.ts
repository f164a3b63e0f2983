import { aUnit, anInspector } from '../directory/testing/directory.fixtures';
import { foldWith, type StoredEvent } from '../shared/decider';
import { planDecider, type AdoptPlan } from './plan.decider';
import { PLAN_EVENT_TYPES as T, type AnnualPlanAdoptedData, type PlanEvent, type QuotaEvent } from './plan.events';
import { quotaDecider, type SetQuota } from './quota.decider';

const stored = <E extends PlanEvent | QuotaEvent>(events: readonly E[]) => events.map((e, i) => ({ ...e, id: `e${i}`, occurredAt: '2026-02-01T00:00:00.000Z' })) as StoredEvent<E>[];
const adopt: AdoptPlan = { type: 'adoptPlan', planId: 'yx-2026', year: 2026, authority: '示例市云溪区消防救援大队', jurisdiction: '示例市云溪区' };

function adoptedPlan(): AnnualPlanAdoptedData {
  const decision = planDecider.decide(adopt, null, '');
  if (decision.kind !== 'accepted') throw new Error('plan fixture refused');
  return decision.events[0]!.data;
}

describe('plan decider', () => {
  it('adopts a plan for its whole year with the derived yearly minimum (77 with the defaults)', () => {
    const data = adoptedPlan();
    expect(data).toMatchObject({ planId: 'yx-2026', period: { from: '2026-01-01', to: '2026-12-31' }, yearlyMinimumPerInspector: 77, jointPlan: false });
  });

  it('a plan is adopted once', () => {
    const state = foldWith(planDecider, stored([{ type: T.AnnualPlanAdopted, data: adoptedPlan() }]));
    expect(planDecider.decide(adopt, state, '')).toEqual({ kind: 'rejected', error: { kind: 'planAlreadyExists', planId: 'yx-2026' } });
  });

  it.each([
    [{ planId: 'has space' }, 'planId', 'id-format'],
    [{ year: 1999 }, 'year', 'year'],
    [{ period: { from: '2026-06-01', to: '2026-05-01' } }, 'period', 'date-range'],
    [{ period: { from: '2025-12-01', to: '2026-12-31' } }, 'period', 'within-year'],
    [{ jointPlan: true, departments: ['消防'] }, 'departments', 'joint-plan'],
  ] as const)('refuses %j (%s: %s)', (change, field, rule) => {
    expect(planDecider.decide({ ...adopt, ...change }, null, '')).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolation', field, rule } });
  });
});

describe('quota decider', () => {
  const plan = adoptedPlan();
  const units = Array.from({ length: 60 }, (_, i) => ({ unit: aUnit(i + 1), history: { drawsThisPeriod: 0 } }));
  const setQuota = (overrides: Partial<SetQuota> = {}): SetQuota => ({
    type: 'setQuota',
    plan,
    month: '2026-03',
    quota: 10,
    setOn: '2026-02-20',
    workingDaysInMonth: 22,
    units,
    inspectors: Array.from({ length: 6 }, (_, i) => anInspector(i + 1)),
    priorAssignments: new Map(),
    directoryPosition: 120,
    commitment: 'c'.repeat(64),
    now: '2026-02-20T02:00:00Z',
    ...overrides,
  });
  const empty = quotaDecider.initialState();

  it('sets the quota, freezes the population and records the commitment in one decision', () => {
    const decision = quotaDecider.decide(setQuota(), empty, '');
    if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision.error));
    expect(decision.events.map((e) => e.type)).toEqual([T.MonthlyQuotaSet, T.EligiblePopulationFrozen, T.DrawSeedCommitted]);
    expect(decision.events[0]!.data).toMatchObject({ quota: 10, capacity: 46, availableInspectors: 6, late: false, deadline: '2026-02-25' });
    expect(decision.events[1]!.data).toMatchObject({ directoryPosition: 120, populationHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(decision.events[2]!.data).toEqual({ planId: 'yx-2026', month: '2026-03', commitment: 'c'.repeat(64) });
  });

  it('with a beacon, records DrawSeedCommitted.v2 naming the beacon, the witness commitments and the v2 population hash', () => {
    const beacon = { source: '中国福利彩票3D', round: '2026056期', availableAt: '2026-02-24T13:30:00Z' };
    const witnesses = [{ kind: 'observer' as const, source: '区人大代表观察员', commitment: 'a'.repeat(64) }];
    const decision = quotaDecider.decide(setQuota({ beacon, witnesses }), empty, '');
    if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision.error));
    expect(decision.events.map((e) => e.type)).toEqual([T.MonthlyQuotaSet, T.EligiblePopulationFrozen, T.DrawSeedCommittedV2]);
    expect(decision.events[2]!.data).toMatchObject({
      planId: 'yx-2026',
      month: '2026-03',
      commitment: 'c'.repeat(64),
      algorithmVersion: 'shuangsui-draw/2',
      populationHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      beacon,
      witnesses,
    });
    const state = foldWith(quotaDecider, stored(decision.events));
    expect(state.commitment).toMatchObject({ beacon });
  });

  it('never twice for one month', () => {
    const decision = quotaDecider.decide(setQuota(), empty, '');
    if (decision.kind !== 'accepted') throw new Error('fixture');
    const state = foldWith(quotaDecider, stored(decision.events));
    expect(quotaDecider.decide(setQuota(), state, '')).toEqual({ kind: 'rejected', error: { kind: 'quotaAlreadySet', planId: 'yx-2026', month: '2026-03' } });
  });

  it.each([
    ['a malformed month', { month: '2026-3' }, 'month', 'month'],
    ['a month outside the plan', { month: '2027-01' }, 'month', 'outside-plan'],
    ['a quota above capacity', { quota: 5000 }, 'quota', 'above-capacity'],
    ['a late quota without a reason', { setOn: '2026-02-27' }, 'lateReason', 'late-needs-reason'],
    ['more units than are eligible', { quota: 40, units: units.slice(0, 20) }, 'quota', 'above-population'],
    ['an inverted leave range', { inspectors: [anInspector(1, { leaves: [{ from: '2026-05-09', to: '2026-05-01' }] }), ...Array.from({ length: 5 }, (_, i) => anInspector(i + 2))] }, 'population.inspectors[0].leaves[0]', 'date-range'],
    ['the same leave twice', { inspectors: [anInspector(1, { leaves: [{ from: '2026-05-01', to: '2026-05-02' }, { from: '2026-05-01', to: '2026-05-02' }] }), ...Array.from({ length: 5 }, (_, i) => anInspector(i + 2))] }, 'population.inspectors[0].leaves[1]', 'duplicate'],
    ['a duplicate inspector', { inspectors: [...Array.from({ length: 6 }, (_, i) => anInspector(i + 1)), anInspector(1)] }, 'population.inspectors[6].id', 'duplicate'],
  ] as const)('refuses %s (%s: %s)', (_label, change, field, rule) => {
    expect(quotaDecider.decide(setQuota(change as Partial<SetQuota>), empty, '')).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolation', field, rule } });
  });

  it('refuses a beacon that is already public at the freeze: whoever knows the secret could then try witness values', () => {
    const beacon = { source: '中国福利彩票3D', round: '2026050期', availableAt: '2026-02-20T01:59:59Z' };
    expect(quotaDecider.decide(setQuota({ beacon }), empty, '')).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolation', field: 'beacon.availableAt', rule: 'after-freeze' } });
  });

  it('reopens a round for a redraw: a reason, a new freeze and a new v2 commitment in one decision, numbered', () => {
    const first = quotaDecider.decide(setQuota(), empty, '');
    if (first.kind !== 'accepted') throw new Error('fixture');
    const state = foldWith(quotaDecider, stored(first.events));
    const beacon = { source: '中国福利彩票3D', round: '2026060期', availableAt: '2026-03-02T13:30:00Z' };
    const { type: _t, quota: _q, setOn: _s, workingDaysInMonth: _w, ...facts } = setQuota();
    const reopen = { ...facts, type: 'reopenDrawRound' as const, reason: '抽取现场断电', beacon, commitment: 'd'.repeat(64), now: '2026-02-28T02:00:00Z' };
    const decision = quotaDecider.decide(reopen, state, '');
    if (decision.kind !== 'accepted') throw new Error(JSON.stringify(decision.error));
    expect(decision.events.map((e) => e.type)).toEqual([T.DrawRoundReopened, T.EligiblePopulationFrozen, T.DrawSeedCommittedV2]);
    expect(decision.events[0]!.data).toEqual({ planId: 'yx-2026', month: '2026-03', round: 1, reason: '抽取现场断电' });
    expect(decision.events[2]!.data).toMatchObject({ commitment: 'd'.repeat(64), beacon });
    const after = foldWith(quotaDecider, stored([...first.events, ...decision.events]));
    expect(after.reopenedRounds).toBe(1);
    expect(quotaDecider.decide({ ...reopen, reason: ' ' }, after, '')).toMatchObject({ kind: 'rejected', error: { field: 'reason', rule: 'required' } });
    expect(quotaDecider.decide(reopen, empty, '')).toMatchObject({ kind: 'rejected', error: { kind: 'quotaNotSet' } });
  });

  it('accepts a late quota with a reason, and flags it', () => {
    const decision = quotaDecider.decide(setQuota({ setOn: '2026-02-27', lateReason: '上级临时调整' }), empty, '');
    expect(decision).toMatchObject({ kind: 'accepted', events: [{ data: { late: true, lateReason: '上级临时调整' } }, {}, {}] });
  });
});
