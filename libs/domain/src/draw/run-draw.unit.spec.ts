import fc from 'fast-check';
import type { RiskGrade } from '../inspection/inspection.events';
import { availableForMonth } from './inspector-pairing';
import { drawInput, inspector, inspectors, MONTH, population, secretFor, unit, units, WITNESS } from './testing/draw.fixtures';
import { ALGORITHM_VERSION, STRATA, type DrawInspector, type DrawResult, type DrawUnit, type FrozenPopulation } from './draw.types';
import { runDraw, stratumOf } from './run-draw';
import { commitmentOf } from './seed';

const GRADES: RiskGrade[] = ['A', 'B', 'C', 'D'];

/** Random small populations with every complication: conflicts, leaves, expiring certificates, last pairs, joint plans. */
const arbitraryPopulation: fc.Arbitrary<FrozenPopulation> = fc
  .record({
    unitCount: fc.integer({ min: 1, max: 60 }),
    inspectorCount: fc.integer({ min: 2, max: 9 }),
    jointPlan: fc.boolean(),
    quotaFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    traits: fc.array(fc.tuple(fc.nat(3), fc.boolean(), fc.nat(99)), { minLength: 60, maxLength: 60 }),
    people: fc.array(fc.tuple(fc.boolean(), fc.nat(9), fc.nat(9), fc.array(fc.nat(59), { maxLength: 4 }), fc.nat(3)), { minLength: 9, maxLength: 9 }),
  })
  .map(({ unitCount, inspectorCount, jointPlan, quotaFraction, traits, people }) => {
    const inspectorIds = Array.from({ length: inspectorCount }, (_, i) => `I${i}`);
    const unitList: DrawUnit[] = Array.from({ length: unitCount }, (_, i) => {
      const [grade, key, last] = traits[i] as [number, boolean, number];
      const a = last % inspectorCount;
      const b = (a + 1 + (last % (inspectorCount - 1))) % inspectorCount;
      return unit(`U${String(i).padStart(3, '0')}`, GRADES[grade] as RiskGrade, key, last < 40 ? [inspectorIds[a] as string, inspectorIds[b] as string] : undefined);
    });
    const inspectorList: DrawInspector[] = inspectorIds.map((id, i) => {
      const [fire, leadRoll, availability, conflicts, prior] = people[i] as [boolean, number, number, number[], number];
      return inspector(id, {
        isFireInspector: fire,
        canLead: leadRoll < 8,
        certificateValidTo: availability === 0 ? '2026-03-20' : '2028-12-31',
        leaves: availability === 1 ? [{ from: '2026-03-05', to: '2026-03-06' }] : [],
        conflictUnitIds: [...new Set(conflicts.filter((u) => u < unitCount).map((u) => `U${String(u).padStart(3, '0')}`))],
        priorAssignments: prior,
      });
    });
    return population({ units: unitList, inspectors: inspectorList, jointPlan, quota: Math.floor(unitCount * quotaFraction) });
  });

/** Brute force: is there any valid pair for this unit? (The reference the draw's failure is checked against.) */
function someValidPair(pop: FrozenPopulation, u: DrawUnit): boolean {
  const ok = pop.inspectors.filter((s) => availableForMonth(s, pop.month) && !s.conflictUnitIds.includes(u.id));
  for (const x of ok) {
    for (const y of ok) {
      if (x.id >= y.id) continue;
      if (!x.canLead && !y.canLead) continue;
      if (pop.jointPlan && !x.isFireInspector && !y.isFireInspector) continue;
      if (u.lastPair && new Set([...u.lastPair, x.id, y.id]).size === 2) continue;
      return true;
    }
  }
  return false;
}

function checkInvariants(pop: FrozenPopulation, result: DrawResult): void {
  const byId = new Map(pop.units.map((u) => [u.id, u]));
  const staff = new Map(pop.inspectors.map((s) => [s.id, s]));
  expect(result.assignments).toHaveLength(pop.quota);
  expect(new Set(result.assignments.map((a) => a.unitId)).size).toBe(pop.quota);
  // Counts per stratum: as allocated, and each unit really in its stratum.
  for (const s of result.strata) {
    expect(s.eligible).toBe(pop.units.filter((u) => stratumOf(u) === s.stratum).length);
    expect(result.assignments.filter((a) => a.stratum === s.stratum)).toHaveLength(s.allocated);
  }
  for (const a of result.assignments) {
    const u = byId.get(a.unitId) as DrawUnit;
    expect(stratumOf(u)).toBe(a.stratum);
    const [x, y] = a.inspectorIds.map((id) => staff.get(id) as DrawInspector) as [DrawInspector, DrawInspector];
    expect(x.id).not.toBe(y.id);
    for (const s of [x, y]) {
      expect(availableForMonth(s, pop.month)).toBe(true);
      expect(s.conflictUnitIds).not.toContain(u.id); // no conflicts of interest
    }
    if (u.lastPair) expect(new Set([...u.lastPair, x.id, y.id]).size).toBeGreaterThan(2); // not the last pair again
    expect(x.canLead || y.canLead).toBe(true);
    expect(staff.get(a.leadInspectorId)?.canLead).toBe(true);
    if (pop.jointPlan) expect(x.isFireInspector || y.isFireInspector).toBe(true);
  }
}

describe('runDraw', () => {
  it('draws the quota per stratum, with valid pairs, or fails naming a unit that truly has no valid pair', () => {
    fc.assert(
      fc.property(arbitraryPopulation, fc.nat(), (pop, n) => {
        const outcome = runDraw(drawInput(pop, secretFor(n + 1)));
        if (outcome.ok) {
          checkInvariants(pop, outcome.result);
          expect(outcome.result.algorithmVersion).toBe(ALGORITHM_VERSION);
        } else {
          expect(outcome.failure.code).toBe('NO_VALID_PAIR');
          const u = pop.units.find((x) => x.id === outcome.failure.unitId) as DrawUnit;
          expect(someValidPair(pop, u)).toBe(false);
          expect(outcome.failure.message).toContain(u.id);
          expect(outcome).not.toHaveProperty('result');
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same draw for the same seed inputs, and a different one for another secret or witness input', () => {
    const pop = population({ units: units(200), inspectors: inspectors(8), quota: 20 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), fc.integer({ min: 1, max: 1e9 }), (a, b) => {
        fc.pre(a !== b);
        const first = runDraw(drawInput(pop, secretFor(a)));
        const again = runDraw(drawInput(pop, secretFor(a)));
        const other = runDraw(drawInput(pop, secretFor(b)));
        const otherWitness = runDraw(drawInput(pop, secretFor(a), [{ ...WITNESS[0]!, value: `${a}!` }]));
        if (!first.ok || !again.ok || !other.ok || !otherWitness.ok) return false;
        expect(again.result).toEqual(first.result);
        expect(other.result.assignments).not.toEqual(first.result.assignments);
        expect(otherWitness.result.assignments).not.toEqual(first.result.assignments);
        return true;
      }),
      { numRuns: 40 },
    );
  });

  it('does not depend on the order the population is handed over in', () => {
    const pop = population({ units: units(50), quota: 12 });
    const reversed = { ...pop, units: [...pop.units].reverse(), inspectors: [...pop.inspectors].reverse() };
    const a = runDraw(drawInput(pop));
    const b = runDraw(drawInput(reversed));
    expect(a.ok && b.ok && a.result.resultHash === b.result.resultHash).toBe(true);
  });

  it('keeps loads balanced: with no constraints the busiest and idlest inspector differ by at most one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 80 }), fc.nat(), (staffCount, quota, n) => {
        const pop = population({ units: units(80), inspectors: inspectors(staffCount), quota });
        const outcome = runDraw(drawInput(pop, secretFor(n + 1)));
        if (!outcome.ok) return false;
        const loads = new Map(pop.inspectors.map((s) => [s.id, 0]));
        for (const a of outcome.result.assignments) for (const id of a.inspectorIds) loads.set(id, (loads.get(id) ?? 0) + 1);
        return Math.max(...loads.values()) - Math.min(...loads.values()) <= 1;
      }),
    );
  });

  it('starts balancing from the loads already assigned this period', () => {
    const staff = [inspector('I0', { priorAssignments: 5 }), inspector('I1'), inspector('I2')];
    const outcome = runDraw(drawInput(population({ units: units(10), inspectors: staff, quota: 2 })));
    expect(outcome.ok && outcome.result.assignments.flatMap((a) => a.inspectorIds).sort()).toEqual(['I1', 'I1', 'I2', 'I2']);
  });

  // Tolerance: chi-square below the 0.1 % critical value. The seeds are fixed, so the test is
  // deterministic; a biased sampler would exceed the bound by orders of magnitude.
  it('selects units uniformly within a stratum over many seeds (chi-square, 11 df, < 31.26)', () => {
    const pop = population({ units: Array.from({ length: 12 }, (_, i) => unit(`U${i}`, 'C')), quota: 3 });
    const counts = new Map<string, number>();
    const runs = 4000;
    for (let n = 1; n <= runs; n += 1) {
      const outcome = runDraw(drawInput(pop, secretFor(n)));
      if (!outcome.ok) throw new Error(outcome.failure.message);
      for (const a of outcome.result.assignments) counts.set(a.unitId, (counts.get(a.unitId) ?? 0) + 1);
    }
    const expected = (runs * 3) / 12;
    const chi2 = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(counts.size).toBe(12);
    expect(chi2).toBeLessThan(31.26);
  });

  it('selects inspector pairs uniformly when nothing distinguishes them (chi-square, 14 df, < 36.12)', () => {
    const pop = population({ units: [unit('U1', 'D')], inspectors: inspectors(6), quota: 1 });
    const counts = new Map<string, number>();
    const runs = 3000;
    for (let n = 1; n <= runs; n += 1) {
      const outcome = runDraw(drawInput(pop, secretFor(n)));
      if (!outcome.ok) throw new Error(outcome.failure.message);
      const key = [...(outcome.result.assignments[0]?.inspectorIds ?? [])].sort().join('+');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const expected = runs / 15;
    const chi2 = [...counts.values()].reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    expect(counts.size).toBe(15);
    expect(chi2).toBeLessThan(36.12);
  });

  describe('refuses and draws nothing', () => {
    it('when no valid pair exists, naming the unit and the reason', () => {
      const staff = [inspector('I0', { conflictUnitIds: ['U00003'] }), inspector('I1'), inspector('I2', { leaves: [{ from: '2026-03-30', to: '2026-04-02' }] })];
      const pop = population({ units: units(4), inspectors: staff, quota: 4, ratiosBp: { A: 10000, B: 10000, C: 10000, D: 10000 } });
      const outcome = runDraw(drawInput(pop));
      expect(outcome).toEqual({
        ok: false,
        failure: {
          algorithmVersion: ALGORITHM_VERSION,
          code: 'NO_VALID_PAIR',
          unitId: 'U00003',
          message: '单位“U00003”无法派出符合规定的两名检查人员：2026-03可派执法人员2名（执法证有效且未请假），其中1名须回避，剩余不足两名',
        },
      });
    });

    it('when the only valid pair is the unit’s last pair', () => {
      const pop = population({ units: [unit('U1', 'D', true, ['I001', 'I000'])], inspectors: inspectors(2), quota: 1 });
      const outcome = runDraw(drawInput(pop));
      expect(!outcome.ok && outcome.failure.message).toContain('上次检查的人员组合');
    });

    it('when a joint plan has no fire inspector available', () => {
      const staff = [inspector('I0', { isFireInspector: false }), inspector('I1', { isFireInspector: false })];
      const outcome = runDraw(drawInput(population({ inspectors: staff, jointPlan: true, quota: 1 })));
      expect(!outcome.ok && outcome.failure.message).toContain('联合抽查每组须至少有一名消防执法人员');
    });

    it('when the secret does not match the commitment', () => {
      const input = { ...drawInput(), commitment: commitmentOf(secretFor(99)) };
      expect(runDraw(input)).toMatchObject({ ok: false, failure: { code: 'COMMITMENT_MISMATCH' } });
    });

    it('when the population is not the frozen one', () => {
      const input = drawInput();
      const changed = { ...input, population: { ...input.population, units: input.population.units.slice(1) } };
      expect(runDraw(changed)).toMatchObject({ ok: false, failure: { code: 'POPULATION_HASH_MISMATCH' } });
    });

    it('without the minimum number of witness inputs', () => {
      expect(runDraw(drawInput(population(), undefined, []))).toMatchObject({ ok: false, failure: { code: 'NOT_ENOUGH_WITNESS_INPUTS' } });
      expect(runDraw({ ...drawInput(), minWitnessInputs: 2 })).toMatchObject({ ok: false, failure: { code: 'NOT_ENOUGH_WITNESS_INPUTS' } });
    });

    it('when the quota exceeds the eligible population', () => {
      expect(runDraw(drawInput(population({ quota: 41 })))).toMatchObject({ ok: false, failure: { code: 'QUOTA_EXCEEDS_POPULATION' } });
    });

    it('on malformed input, listing the fields', () => {
      const pop = population({ units: [unit('U 1', 'A'), unit('U2', 'A'), unit('U2', 'B')], quota: 1, month: '2026-13' });
      const outcome = runDraw(drawInput({ ...pop, month: MONTH }));
      const bad = runDraw({ ...drawInput({ ...pop, month: MONTH }), population: pop });
      expect(outcome).toMatchObject({ ok: false, failure: { code: 'INVALID_INPUT' } });
      expect(!bad.ok && bad.failure.violations?.map((v) => v.rule)).toEqual(['month', 'id-format', 'duplicate']);
    });
  });

  it('lists strata in the fixed order', () => {
    const outcome = runDraw(drawInput());
    expect(outcome.ok && outcome.result.strata.map((s) => s.stratum)).toEqual([...STRATA]);
  });
});
