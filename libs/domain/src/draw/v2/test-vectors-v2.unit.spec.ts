import { createHash } from 'node:crypto';
import { makeCreditCode } from '../../directory/credit-code';
import type { Inspector } from '../../directory/inspector';
import type { Unit } from '../../directory/unit';
import { DEFAULT_SAMPLING_RATIOS } from '../../plan/sampling-ratios';
import { buildFrozenPopulation } from '../population-builder';
import { HashCounterPrng } from '../prng';
import { canonicalJsonV2 } from './canonical-json-v2';
import { commitmentHashOf } from './commit-reveal';
import { drawToBundle, pendingBundle } from './make-bundle';
import { encodePopulationV2, populationHashV2 } from './population-v2';
import { V2_FACTS, V2_NOW, V2_POPULATION, V2_REVEAL } from '../testing/v2-example';

describe('test vector 3 (docs/draw-algorithm.md §V2.8): a later month with last pairs, prior loads, leaves and recusals', () => {
  const outcome = drawToBundle(V2_FACTS, V2_REVEAL, V2_NOW);
  const result = outcome.ok ? outcome.bundle.result : undefined;

  it('gives the documented hashes, seed and result', () => {
    expect(populationHashV2(V2_POPULATION)).toBe('5e705b1ee55477ffc1c978c90978704aa8d68483bb655d70478cf6baaff4692e');
    expect(commitmentHashOf(V2_FACTS.commitment)).toBe('bd6eef573958acb0cb0482a8a310b501a90f6eecfcdb65b324c2932c1b11130c');
    expect(result?.seed).toBe('ee2b1489ba129760b66ad3bf9038a6cc2bdb9c5075d9421750cc77ebb0ad29b5');
    expect(result?.strata.map((s) => s.allocated)).toEqual([0, 0, 0, 1, 1, 1, 1, 1]);
    expect(result?.assignments.map((a) => `${a.unitId}<-${a.inspectorIds.join(',')}/${a.leadInspectorId}`)).toEqual([
      'U05<-I5,I2/I5',
      'U11<-I5,I4/I5',
      'U12<-I5,I2/I5',
      'U13<-I1,I3/I1',
      'U14<-I4,I5/I5',
    ]);
    expect(result?.resultHash).toBe('30da98fb3e1f246d0a549396c6faa1859dfc7267a6668b823e88a049628d8152');
  });

  it('honours the month rules: I6 (leave in April) and I7 (certificate lapses in April) are never drawn, nor the last pairs or recusals', () => {
    const drawn = new Set(result?.assignments.flatMap((a) => a.inspectorIds));
    expect(drawn.has('I6') || drawn.has('I7')).toBe(false);
    const u13 = result?.assignments.find((a) => a.unitId === 'U13');
    expect(u13?.inspectorIds).not.toContain('I2');
    expect(new Set(u13?.inspectorIds)).not.toEqual(new Set(['I1', 'I5']));
  });

  it('encodes lists sorted by UTF-16 code units, leaves sorted as "from..to" text', () => {
    const text = encodePopulationV2(V2_POPULATION);
    expect(text.startsWith('shuangsui-draw-population/2\n')).toBe(true);
    expect(text).toContain('U03\tB\tK\tI2,I3\n');
    expect(text).toContain('I2\tF\tL\t2024-01-01\t2028-12-31\t-\tU11,U13\t2\n');
    expect(text).toContain('\t2026-03-10..2026-03-12,2026-05-02..2026-05-06\t');
    const shuffled = { ...V2_POPULATION, units: [...V2_POPULATION.units].reverse(), inspectors: [...V2_POPULATION.inspectors].reverse() };
    expect(populationHashV2(shuffled)).toBe(populationHashV2(V2_POPULATION));
  });

  it('reads the PRNG stream block(i) = SHA-256(seed ‖ u64be(i)) as big-endian words, checked against node:crypto', () => {
    const seed = createHash('sha256').update('v2 prng').digest();
    const prng = new HashCounterPrng(new Uint8Array(seed));
    for (let i = 0; i < 3; i += 1) {
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(i));
      const block = createHash('sha256').update(seed).update(counter).digest();
      for (let w = 0; w < 8; w += 1) expect(prng.nextUint32()).toBe(block.readUInt32BE(w * 4));
    }
  });
});

describe('canonical JSON v2', () => {
  it('sorts members by UTF-16 code units and writes integers, strings and booleans only', () => {
    expect(canonicalJsonV2({ b: 1, a: [true, '中'], 'é': 'x', Z: 0 })).toBe('{"Z":0,"a":[true,"中"],"b":1,"é":"x"}');
  });
  it.each([
    ['null', { a: null }],
    ['a non-integer', { a: 1.5 }],
    ['an unsafe integer', { a: 2 ** 53 }],
    ['undefined', { a: undefined }],
    ['a lone surrogate', { a: '\ud800' }],
    ['a lone surrogate key', { '\udc00': 1 }],
  ])('refuses %s', (_what, value) => {
    expect(() => canonicalJsonV2(value)).toThrow(TypeError);
  });
});

describe('what the population does not contain', () => {
  const unitRecord = (id: string, name: string, phone: string): Unit => ({
    id,
    name,
    creditCode: makeCreditCode(`91330700${id.replace(/\D/g, '').padStart(2, '0')}MA2D8K3`.slice(0, 17)),
    address: '示例市东城区云杉路1号',
    district: '云杉街道',
    industry: '餐饮',
    isKeyUnit: false,
    isCrowdDense: false,
    riskGrade: 'B',
    responsiblePerson: '林晓川',
    manager: '周一鸣',
    contactPhone: phone,
    status: 'active',
  });
  const staff = (id: string): Inspector => ({
    id,
    name: `检查员${id}`,
    certificateNo: `ZJ-CERT-${id}`,
    certificateValidFrom: '2024-01-01',
    certificateValidTo: '2028-12-31',
    department: '消防救援大队',
    isFireInspector: true,
    canLead: true,
    leaves: [],
    conflicts: [],
    active: true,
  });
  const freeze = (names: [string, string]) =>
    buildFrozenPopulation({
      month: '2026-04',
      quota: 1,
      ratios: DEFAULT_SAMPLING_RATIOS,
      jointPlan: false,
      period: { from: '2026-01-01', to: '2026-12-31' },
      scope: { includeKeyUnits: true, includeNonKeyUnits: true },
      units: [
        { unit: unitRecord('U1', names[0], '13800000001'), history: { drawsThisPeriod: 0 } },
        { unit: unitRecord('U2', names[1], '13800000002'), history: { drawsThisPeriod: 0 } },
      ],
      inspectors: [staff('S1'), staff('S2')],
    }).population;

  it('a unit name in Chinese or any other text does not change the population hash', () => {
    expect(populationHashV2(freeze(['云杉餐饮有限公司', '𠮷野家（示例店）']))).toBe(populationHashV2(freeze(['A Co.', 'B Co.'])));
  });

  it('the public bundle carries no name, phone, certificate number or address, nor such fields', () => {
    const population = freeze(['云杉餐饮有限公司', '𠮷野家（示例店）']);
    const text = JSON.stringify(pendingBundle({ ...V2_FACTS, population, commitment: { ...V2_FACTS.commitment, populationHash: populationHashV2(population) } }));
    for (const secret of ['云杉餐饮有限公司', '𠮷野家', '13800000001', 'ZJ-CERT-S1', '检查员S1', '林晓川', '周一鸣', '云杉路', '消防救援大队']) expect(text).not.toContain(secret);
    for (const key of ['name', 'contactPhone', 'certificateNo', 'address', 'responsiblePerson', 'manager', 'creditCode', 'department']) expect(text).not.toContain(`"${key}"`);
  });
});
