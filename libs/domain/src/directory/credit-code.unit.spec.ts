import fc from 'fast-check';
import { CREDIT_CODE_CHARSET, CREDIT_CODE_WEIGHTS, creditCodeCheckChar, makeCreditCode, normalizeCreditCode, validateCreditCode } from './credit-code';

/** 17-character prefixes shaped like real codes: authority + type + 6-digit division + 9 organisation chars. */
const prefix17 = fc
  .tuple(
    fc.constantFrom('1', '5', '9', 'Y'),
    fc.constantFrom('1', '2', '3'),
    fc.stringMatching(/^[0-9]{6}$/),
    fc.array(fc.constantFrom(...CREDIT_CODE_CHARSET.split('')), { minLength: 9, maxLength: 9 }),
  )
  .map(([a, t, division, org]) => `${a}${t}${division}${org.join('')}`);

describe('unified social credit code (GB 32100-2015)', () => {
  it('uses the weights 3^i mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it.each([
    // The example of the standard itself, and published codes of well-known enterprises.
    '91350100M000100Y43',
    '91330100716105852F',
    '9144030071526726XG',
    '914403001922038216',
  ])('accepts the published code %s', (code) => {
    expect(validateCreditCode(code)).toEqual({ valid: true, code });
  });

  it('computes the check character of a real-shaped prefix (check value 31 is written 0)', () => {
    expect(creditCodeCheckChar('91350100M000100Y4')).toBe('3');
    // A prefix whose weighted sum is a multiple of 31 gets check value 0.
    expect(creditCodeCheckChar('00000000000000000')).toBe('0');
  });

  it('reports the wrong length with both lengths', () => {
    expect(validateCreditCode('91350100M000100Y4')).toMatchObject({ valid: false, rule: 'length', expected: '18', got: '17' });
  });

  it('reports a character outside the charset with its position', () => {
    const result = validateCreditCode('91350100M00O100Y43');
    expect(result).toMatchObject({ valid: false, rule: 'charset', position: 12, got: 'O' });
    if (!result.valid) expect(result.message).toContain('第12位');
  });

  it('rejects lower case: callers normalise first', () => {
    expect(validateCreditCode('91350100m000100y43')).toMatchObject({ valid: false, rule: 'charset', position: 9 });
    expect(validateCreditCode(normalizeCreditCode(' 91350100m000100y43\u3000'))).toEqual({ valid: true, code: '91350100M000100Y43' });
  });

  it('reports an unknown registration-authority code', () => {
    expect(validateCreditCode(makeCreditCode('B1350100M000100Y4'))).toMatchObject({ valid: false, rule: 'registration-authority', got: 'B' });
  });

  it('reports a non-digit in the administrative-division code', () => {
    expect(validateCreditCode(makeCreditCode('9135A100M000100Y4'))).toMatchObject({ valid: false, rule: 'division-code', position: 5 });
  });

  it('reports a wrong check digit with expected and actual characters', () => {
    const result = validateCreditCode('91350100M000100Y44');
    expect(result).toMatchObject({ valid: false, rule: 'check-digit', expected: '3', got: '4' });
    if (!result.valid) expect(result.message).toBe('统一社会信用代码校验位错误：应为“3”，实际为“4”');
  });

  it('accepts every code completed by makeCreditCode', () => {
    fc.assert(fc.property(prefix17, (p) => validateCreditCode(makeCreditCode(p)).valid));
  });

  it('detects every single-character substitution (31 is prime and no weight is 0)', () => {
    fc.assert(
      fc.property(prefix17, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (p, position, shift) => {
        const code = makeCreditCode(p);
        const old = CREDIT_CODE_CHARSET.indexOf(code.charAt(position));
        const replacement = CREDIT_CODE_CHARSET.charAt((old + shift) % 31);
        const mutated = code.slice(0, position) + replacement + code.slice(position + 1);
        return !validateCreditCode(mutated).valid;
      }),
    );
  });

  it('detects swaps of two adjacent different characters', () => {
    fc.assert(
      fc.property(prefix17, fc.integer({ min: 8, max: 15 }), (p, position) => {
        const code = makeCreditCode(p);
        const a = code.charAt(position);
        const b = code.charAt(position + 1);
        fc.pre(a !== b);
        return !validateCreditCode(code.slice(0, position) + b + a + code.slice(position + 2)).valid;
      }),
    );
  });
});
