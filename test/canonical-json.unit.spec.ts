import fc from 'fast-check';
import { canonicalJson as domainEncoding } from '@shuangsui/domain/shared/canonical-json';
import { canonicalJson as storeEncoding } from '@shuangsui/event-store/canonical-json';

/**
 * Two copies of one format: the domain hashes draws with it, the event store seals its hash chain
 * with it, and neither layer may import the other. They must give the same bytes for every value.
 */
describe('canonical JSON: the domain and the event store encode alike', () => {
  it('for any JSON value, with undefined members and holes', () => {
    const value = fc.jsonValue().chain((json) => fc.constantFrom(json, { json, dropped: undefined }, [json, undefined]));
    fc.assert(fc.property(value, (v) => expect(storeEncoding(v)).toBe(domainEncoding(v))), { numRuns: 500 });
  });

  it('and both refuse what JSON cannot hold', () => {
    for (const bad of [Number.NaN, Infinity, () => 1]) {
      expect(() => storeEncoding(bad)).toThrow(TypeError);
      expect(() => domainEncoding(bad)).toThrow(TypeError);
    }
  });
});
