import type { FieldViolation } from './validation-messages';

/**
 * Keys that would reach an object's prototype machinery if any code ever merged the input into an
 * object. class-transformer drops them silently, so a typo-checker (forbidNonWhitelisted) never
 * sees them: they are refused here like any other unknown field.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** No field holds more than this (the longest, free text, allows 2,000); a larger string is an attack. */
export const MAX_STRING_LENGTH = 10_000;

/**
 * What every body and query goes through before validation: strings are NFKC-normalised (full-width
 * letters and digits become the ASCII they stand for, so an id has one spelling) and trimmed, overlong strings and
 * prototype keys are refused. Returns the cleaned copy and every violation found, each with its
 * field path (`items.2.note`). The JSON depth is bounded before parsing, so recursion is safe.
 */
export function normaliseInput(value: unknown, path: string, violations: FieldViolation[]): unknown {
  if (typeof value === 'string') {
    const clean = value.normalize('NFKC').trim();
    if (clean.length > MAX_STRING_LENGTH) {
      violations.push({ field: path || 'value', rule: 'maxLength', message: `${path || '参数'} 过长（最多 ${MAX_STRING_LENGTH} 个字符）` });
    }
    return clean;
  }
  if (Array.isArray(value)) return value.map((item, index) => normaliseInput(item, join(path, String(index)), violations));
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = join(path, key);
    if (FORBIDDEN_KEYS.has(key)) {
      violations.push({ field, rule: 'whitelistValidation', message: `不允许的字段 ${field}` });
      continue;
    }
    copy[key] = normaliseInput((value as Record<string, unknown>)[key], field, violations);
  }
  return copy;
}

const join = (path: string, key: string): string => (path ? `${path}.${key}` : key);
