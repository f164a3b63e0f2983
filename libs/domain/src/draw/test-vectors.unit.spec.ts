/**
 * The test vectors printed in docs/draw-algorithm.md §10–11. If one of these fails, either the
 * algorithm changed (then ALGORITHM_VERSION and the document must change too) or it is broken.
 */
import { createHash } from 'node:crypto';
import { drawInput, inspectors, population, secretFor, units } from './testing/draw.fixtures';
import { EXAMPLE_INPUT, EXAMPLE_POPULATION } from './testing/worked-example';
import { encodePopulation } from './population-encoding';
import { HashCounterPrng } from './prng';
import { runDraw } from './run-draw';
import { deriveSeed, seedMaterial } from './seed';
import { verifyDraw } from './verify-draw';

const EXAMPLE_ENCODING = [
  'shuangsui-draw-population/1',
  'month\t2026-03',
  'quota\t4',
  'ratios\t500\t2000\t6000\t10000',
  'joint\t1',
  'units\t10',
  'U01\tA\tN\t-',
  'U02\tA\tN\t-',
  'U03\tB\tK\t-',
  'U04\tB\tN\t-',
  'U05\tB\tN\t-',
  'U06\tC\tK\tI1,I2',
  'U07\tC\tN\t-',
  'U08\tC\tN\t-',
  'U09\tD\tK\t-',
  'U10\tD\tN\t-',
  'inspectors\t5',
  'I1\tF\tL\t2024-01-01\t2028-12-31\t-\t-\t1',
  'I2\tF\tL\t2024-01-01\t2028-12-31\t-\tU09\t0',
  'I3\t-\tL\t2024-01-01\t2027-06-30\t-\t-\t0',
  'I4\tF\t-\t2024-01-01\t2028-12-31\t-\t-\t0',
  'I5\tF\tL\t2024-01-01\t2028-12-31\t2026-03-10..2026-03-12\t-\t0',
  '',
].join('\n');

describe('test vectors of docs/draw-algorithm.md', () => {
  it('vector 1 (worked example): encoding, population hash, commitment', () => {
    const encoding = encodePopulation(EXAMPLE_POPULATION);
    expect(encoding).toBe(EXAMPLE_ENCODING);
    expect(Buffer.byteLength(encoding)).toBe(409);
    expect(createHash('sha256').update(encoding).digest('hex')).toBe('d492400a627d3849d26adad4de098f2680564d0596024a435d416e1bb96abbfb');
    expect(EXAMPLE_INPUT.populationHash).toBe('d492400a627d3849d26adad4de098f2680564d0596024a435d416e1bb96abbfb');
    expect(EXAMPLE_INPUT.commitment).toBe('08e1be0284ec0ac7524011ad44c3f367e66da7dc0904c56eb8151d0c12d9bfff');
  });

  it('vector 1: seed material, seed, PRNG words and uniform draws (one with a rejection)', () => {
    const material = seedMaterial(EXAMPLE_INPUT.populationHash, EXAMPLE_INPUT.secret, EXAMPLE_INPUT.witnessInputs);
    expect(material.length).toBe(274);
    expect(material.subarray(0, 25).toString('hex')).toBe('00000015736875616e677375692f647261772d736565642f31');
    const seed = deriveSeed(EXAMPLE_INPUT.populationHash, EXAMPLE_INPUT.secret, EXAMPLE_INPUT.witnessInputs);
    expect(seed.toString('hex')).toBe('57d38b614bb2ae9782a6133350c3a72d4e843d87b85f9e6cf7723773aade91d1');
    const words = new HashCounterPrng(seed);
    expect(Array.from({ length: 10 }, () => words.nextUint32().toString(16).padStart(8, '0'))).toEqual([
      '75b6bf29', '976d5616', '3edfb289', 'a12269dd', '6cc86abb', '84ce0dfa', '221c0511', 'b5dd02c6', '2ca08520', '5f8df282',
    ]);
    const draws = new HashCounterPrng(seed);
    expect([1000, 1000, 1000, 7, 7, 2 ** 31 + 1].map((n) => draws.uniform(n))).toEqual([761, 78, 625, 2, 6, 572261649]);
  });

  it('vector 1: the draw', () => {
    const outcome = runDraw(EXAMPLE_INPUT);
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(outcome.result.strata.map((s) => [s.stratum, s.eligible, s.allocated])).toEqual([
      ['A-key', 0, 0],
      ['A-non-key', 2, 0],
      ['B-key', 1, 0],
      ['B-non-key', 2, 0],
      ['C-key', 1, 1],
      ['C-non-key', 2, 1],
      ['D-key', 1, 1],
      ['D-non-key', 1, 1],
    ]);
    expect(outcome.result.assignments.map((a) => [a.unitId, ...a.inspectorIds, a.leadInspectorId])).toEqual([
      ['U06', 'I3', 'I2', 'I3'],
      ['U07', 'I4', 'I3', 'I3'],
      ['U09', 'I1', 'I4', 'I1'],
      ['U10', 'I2', 'I3', 'I2'],
    ]);
    expect(outcome.result.resultHash).toBe('02546e30abe1ef33d7bc2dc04910c95ebba29d4a9b13721b4e0405323da7a5d6');
    expect(verifyDraw({ input: EXAMPLE_INPUT, result: outcome.result }).match).toBe(true);
  });

  it('vector 2: 1,000 generated units, 8 inspectors, quota 50', () => {
    const input = drawInput(population({ units: units(1000), inspectors: inspectors(8), quota: 50 }), secretFor(1));
    expect(input.populationHash).toBe('7c4bee1aa4121cc703e3be2f5a06ddba451587e20da6ba721b5abbc688004ec7');
    expect(input.commitment).toBe('ec4916dd28fc4c10d78e287ca5d9cc51ee1ae73cbfde08c6b37324cbfaac8bc5');
    const outcome = runDraw(input);
    if (!outcome.ok) throw new Error(outcome.failure.message);
    expect(outcome.result.seed).toBe('d8ddd5af8b2febdec59f12574cee26603d96503edf84c8e82abf23da894e92c5');
    expect(outcome.result.strata.map((s) => s.allocated)).toEqual([0, 1, 1, 4, 3, 13, 6, 22]);
    expect(outcome.result.assignments.slice(0, 5).map((a) => [a.unitId, ...a.inspectorIds])).toEqual([
      ['U00244', 'I002', 'I004'],
      ['U00725', 'I006', 'I005'],
      ['U00201', 'I007', 'I000'],
      ['U00053', 'I003', 'I001'],
      ['U00269', 'I007', 'I000'],
    ]);
    expect(outcome.result.resultHash).toBe('c04a87bbbfb0b2f5f0c0b32a96f96126c71bb09652c0427cb1b7e98e638df15a');
  });
});
