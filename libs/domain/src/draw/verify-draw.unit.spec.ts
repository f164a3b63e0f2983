import { drawInput, population, secretFor, units, inspectors } from './testing/draw.fixtures';
import type { DrawRecord, DrawResult } from './draw.types';
import { resultHashOf, runDraw } from './run-draw';
import { commitmentOf } from './seed';
import { verifyDraw } from './verify-draw';

function recorded(): DrawRecord {
  const input = drawInput(population({ units: units(60), inspectors: inspectors(7), quota: 12 }));
  const outcome = runDraw(input);
  if (!outcome.ok) throw new Error(outcome.failure.message);
  return { input, result: outcome.result };
}

describe('verifyDraw', () => {
  it('confirms an untouched draw on every check', () => {
    expect(verifyDraw(recorded())).toEqual({ match: true, checks: { commitment: true, populationHash: true, result: true }, differences: [] });
  });

  it('catches a changed population (a unit removed after the freeze)', () => {
    const record = recorded();
    const changed = { ...record, input: { ...record.input, population: { ...record.input.population, units: record.input.population.units.slice(0, -1) } } };
    const v = verifyDraw(changed);
    expect(v.match).toBe(false);
    expect(v.checks.populationHash).toBe(false);
    expect(v.differences[0]).toContain('名录哈希不符');
  });

  it('catches a changed unit attribute (a grade edited after the freeze)', () => {
    const record = recorded();
    const unitsEdited = record.input.population.units.map((u, i) => (i === 7 ? { ...u, riskGrade: u.riskGrade === 'D' ? ('A' as const) : ('D' as const) } : u));
    const v = verifyDraw({ ...record, input: { ...record.input, population: { ...record.input.population, units: unitsEdited } } });
    expect(v.checks.populationHash).toBe(false);
    expect(v.match).toBe(false);
  });

  it('catches a changed secret, even when the commitment is changed along with it', () => {
    const record = recorded();
    const otherSecret = secretFor(7);
    const v = verifyDraw({ ...record, input: { ...record.input, secret: otherSecret } });
    expect(v.checks.commitment).toBe(false);
    expect(v.match).toBe(false);
    // Swapping secret and commitment together still fails: the result no longer re-runs.
    const both = verifyDraw({ ...record, input: { ...record.input, secret: otherSecret, commitment: commitmentOf(otherSecret) } });
    expect(both.match).toBe(false);
    expect(both.checks.result).toBe(false);
  });

  it('catches a changed witness input', () => {
    const record = recorded();
    const witnessInputs = record.input.witnessInputs.map((w) => ({ ...w, value: `${w.value}0` }));
    const v = verifyDraw({ ...record, input: { ...record.input, witnessInputs } });
    expect(v.checks).toEqual({ commitment: true, populationHash: true, result: false });
    expect(v.differences.some((d) => d.startsWith('种子不符'))).toBe(true);
  });

  it('catches a changed witness source (who gave it is part of the seed)', () => {
    const record = recorded();
    const witnessInputs = record.input.witnessInputs.map((w) => ({ ...w, source: `${w.source}（代）` }));
    expect(verifyDraw({ ...record, input: { ...record.input, witnessInputs } }).checks.result).toBe(false);
  });

  it('catches an edited result: an inspector swapped, with or without fixing the result hash', () => {
    const record = recorded();
    const [first, ...rest] = record.result.assignments;
    const edited = { ...first!, inspectorIds: [first!.inspectorIds[1], first!.inspectorIds[0]] as const };
    const result: DrawResult = { ...record.result, assignments: [edited, ...rest] };
    const v = verifyDraw({ ...record, result });
    expect(v.checks).toEqual({ commitment: true, populationHash: true, result: false });
    expect(v.differences[0]).toContain('第1条抽取结果不符');
    expect(v.differences).toContain('抽取结果的结果哈希与其内容不符（结果记录被改动）');
    const rehashed = verifyDraw({ ...record, result: { ...result, resultHash: resultHashOf(result) } });
    expect(rehashed.checks.result).toBe(false);
    expect(rehashed.differences[0]).toContain('第1条抽取结果不符');
  });

  it('catches a unit dropped from the result', () => {
    const record = recorded();
    const v = verifyDraw({ ...record, result: { ...record.result, assignments: record.result.assignments.slice(1) } });
    expect(v.match).toBe(false);
    expect(v.differences).toContain('抽中单位数不符：记录11家，重新抽取12家');
  });

  it('refuses to compare a draw made by another algorithm version', () => {
    const record = recorded();
    const v = verifyDraw({ ...record, result: { ...record.result, algorithmVersion: 'shuangsui-draw/0' } });
    expect(v.match).toBe(false);
    expect(v.differences[0]).toContain('算法版本');
  });
});
