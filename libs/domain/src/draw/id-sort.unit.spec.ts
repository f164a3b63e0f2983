import fc from 'fast-check';
import { sortedOrder } from './id-sort';

const byCodeUnits = (ids: readonly string[]): number[] =>
  ids.map((_, i) => i).sort((a, b) => ((ids[a] as string) < (ids[b] as string) ? -1 : (ids[a] as string) > (ids[b] as string) ? 1 : a - b));

describe('sortedOrder', () => {
  it('orders like a stable comparison sort on ASCII ids of any length, prefixes first', () => {
    const id = fc.stringMatching(/^[A-Za-z0-9_.:-]{1,6}$/);
    fc.assert(fc.property(fc.array(fc.oneof(id, fc.constantFrom('U1', 'U10', 'U100', 'U')), { maxLength: 300 }), (ids) => {
      expect(Array.from(sortedOrder(ids))).toEqual(byCodeUnits(ids));
    }));
  });

  it('falls back to a comparison sort for non-ASCII ids', () => {
    const ids = ['单位2', 'a', '单位1', 'a'];
    expect(Array.from(sortedOrder(ids))).toEqual(byCodeUnits(ids));
  });

  it('sorts a large shuffled range', () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `U${String((i * 7919) % 20000).padStart(5, '0')}`);
    const order = sortedOrder(ids);
    for (let k = 1; k < order.length; k += 1) expect((ids[order[k - 1] as number] as string) < (ids[order[k] as number] as string)).toBe(true);
  });
});
