/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * 18 characters from a 31-character set (digits and capitals without I, O, S, V, Z):
 *   1      registration-authority code (登记管理部门代码)
 *   2      institution-type code (机构类别代码)
 *   3–8    administrative-division code of the registering authority (GB/T 2260, six digits)
 *   9–17   organisation code (GB 11714)
 *   18     check character over characters 1–17
 * Check character: sum of value(c_i) × (3^i mod 31) for i = 0..16; check value = 31 − (sum mod 31),
 * with 31 written as 0.
 */

export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export const CREDIT_CODE_LENGTH = 18;

/** Weights 3^i mod 31, i = 0..16 (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28). */
export const CREDIT_CODE_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k += 1) w = (w * 3) % 31;
  return w;
});

/**
 * Registration-authority codes of GB 32100-2015 and its published allocations:
 * 1 机构编制, 2 外交, 3 司法行政, 4 文化, 5 民政, 6 旅游, 7 宗教, 8 工会, 9 市场监管(工商), A 中央军委改革和编制办公室,
 * N 农业, Y 其他.
 */
export const REGISTRATION_AUTHORITY_CODES = '123456789ANY';

export type CreditCodeRule = 'length' | 'charset' | 'registration-authority' | 'division-code' | 'check-digit';

export type CreditCodeCheck =
  | { readonly valid: true; readonly code: string }
  | {
      readonly valid: false;
      readonly rule: CreditCodeRule;
      /** For people: Simplified Chinese, precise enough to fix the code. */
      readonly message: string;
      /** 1-based position of the offending character, when there is one. */
      readonly position?: number;
      readonly expected?: string;
      readonly got?: string;
    };

const valueOf = (char: string): number => CREDIT_CODE_CHARSET.indexOf(char);

/** The check character for the first 17 characters (which must already be in the charset). */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError(`creditCodeCheckChar: need 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = valueOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`creditCodeCheckChar: character ${first17.charAt(i)} not in charset`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARSET.charAt(check);
}

/** Completes a 17-character prefix with its check character (test data, the demo district). */
export function makeCreditCode(prefix17: string): string {
  return prefix17 + creditCodeCheckChar(prefix17);
}

/**
 * Validates a code exactly as given: no trimming, no case folding (callers that accept user input
 * normalise first with `normalizeCreditCode`, so what is stored is what was checked).
 */
export function validateCreditCode(code: string): CreditCodeCheck {
  if (code.length !== CREDIT_CODE_LENGTH) {
    return {
      valid: false,
      rule: 'length',
      message: `统一社会信用代码应为18位，实际为${code.length}位`,
      expected: '18',
      got: String(code.length),
    };
  }
  for (let i = 0; i < code.length; i += 1) {
    const char = code.charAt(i);
    if (valueOf(char) < 0) {
      return {
        valid: false,
        rule: 'charset',
        message: `统一社会信用代码第${i + 1}位“${char}”不是允许的字符（数字或除I、O、S、V、Z外的大写字母）`,
        position: i + 1,
        got: char,
      };
    }
  }
  const authority = code.charAt(0);
  if (!REGISTRATION_AUTHORITY_CODES.includes(authority)) {
    return {
      valid: false,
      rule: 'registration-authority',
      message: `统一社会信用代码第1位登记管理部门代码“${authority}”无效`,
      position: 1,
      got: authority,
    };
  }
  for (let i = 2; i < 8; i += 1) {
    const char = code.charAt(i);
    if (char < '0' || char > '9') {
      return {
        valid: false,
        rule: 'division-code',
        message: `统一社会信用代码第3至8位应为行政区划码（数字），第${i + 1}位为“${char}”`,
        position: i + 1,
        got: char,
      };
    }
  }
  const expected = creditCodeCheckChar(code.slice(0, 17));
  const got = code.charAt(17);
  if (expected !== got) {
    return {
      valid: false,
      rule: 'check-digit',
      message: `统一社会信用代码校验位错误：应为“${expected}”，实际为“${got}”`,
      position: 18,
      expected,
      got,
    };
  }
  return { valid: true, code };
}

/** Trims surrounding whitespace (including full-width spaces) and upper-cases: what import files need. */
export function normalizeCreditCode(raw: string): string {
  return raw.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '').toUpperCase();
}
