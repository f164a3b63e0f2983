import { makeCreditCode } from '../directory/credit-code';
import type { Inspector } from '../directory/inspector';
import type { Unit } from '../directory/unit';
import { DEFAULT_SAMPLING_RATIOS } from '../plan/sampling-ratios';
import { buildFrozenPopulation } from './population-builder';
import { populationHash } from './population-encoding';

const unitRecord = (id: string, overrides: Partial<Unit> = {}): Unit => ({
  id,
  name: `示例单位${id}`,
  creditCode: makeCreditCode(`9133070${id.replace(/\D/g, '').padStart(2, '0')}MA2D8K3L`.slice(0, 17)),
  address: '示例市东城区云杉路1号',
  district: '云杉街道',
  industry: '餐饮',
  isKeyUnit: false,
  isCrowdDense: false,
  riskGrade: 'B',
  responsiblePerson: '林晓川',
  manager: '周一鸣',
  contactPhone: '13800000000',
  status: 'active',
  ...overrides,
});

const staff = (id: string, overrides: Partial<Inspector> = {}): Inspector => ({
  id,
  name: `检查员${id}`,
  certificateNo: `ZJ-${id}`,
  certificateValidFrom: '2024-01-01',
  certificateValidTo: '2028-12-31',
  department: '消防救援大队',
  isFireInspector: true,
  canLead: true,
  leaves: [],
  conflicts: [{ unitId: 'U2', reason: '曾在该单位任职' }],
  active: true,
  ...overrides,
});

describe('buildFrozenPopulation', () => {
  const request = {
    month: '2026-04',
    quota: 2,
    ratios: DEFAULT_SAMPLING_RATIOS,
    jointPlan: false,
    period: { from: '2026-01-01', to: '2026-12-31' },
    scope: { includeKeyUnits: true, includeNonKeyUnits: true },
    units: [
      { unit: unitRecord('U1'), history: { drawsThisPeriod: 0 } },
      { unit: unitRecord('U2', { isKeyUnit: true, isCrowdDense: true }), history: { drawsThisPeriod: 0, lastPair: ['S1', 'S2'] as const } },
      { unit: unitRecord('U3', { status: 'closed', statusDate: '2026-02-01' }), history: { drawsThisPeriod: 0 } },
      { unit: unitRecord('U4'), history: { drawsThisPeriod: 1 } },
    ],
    inspectors: [staff('S1'), staff('S2'), staff('S3', { active: false })],
    priorAssignments: new Map([['S1', 4]]),
  };

  it('keeps eligible units and active inspectors with only the fields the draw uses', () => {
    const { population, excluded, dueUnitIds } = buildFrozenPopulation(request);
    expect(population.units).toEqual([
      { id: 'U1', riskGrade: 'B', isKeyUnit: false },
      { id: 'U2', riskGrade: 'B', isKeyUnit: true, lastPair: ['S1', 'S2'] },
    ]);
    expect(population.inspectors.map((s) => [s.id, s.priorAssignments, s.conflictUnitIds])).toEqual([
      ['S1', 4, ['U2']],
      ['S2', 0, ['U2']],
    ]);
    expect(population.ratiosBp).toEqual({ A: 500, B: 2000, C: 6000, D: 10000 });
    expect(excluded.map((e) => [e.unitId, e.reason])).toEqual([
      ['U3', 'not-active'],
      ['U4', 'already-drawn-this-period'],
    ]);
    expect(dueUnitIds).toEqual(['U2']);
    expect(populationHash(population)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the same hash whatever order the directory is read in', () => {
    const reversed = { ...request, units: [...request.units].reverse(), inspectors: [...request.inspectors].reverse() };
    expect(populationHash(buildFrozenPopulation(reversed).population)).toBe(populationHash(buildFrozenPopulation(request).population));
  });
});
