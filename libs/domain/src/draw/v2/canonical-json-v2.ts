import { hasLoneSurrogate } from './hashing';

/**
 * Canonical JSON of version 2 (docs/draw-algorithm.md §V2.4): as version 1 (members sorted by key in
 * UTF-16 code-unit order, no whitespace, strings escaped as JSON.stringify does, other characters as
 * UTF-8), and strict: only strings, booleans, safe integers, arrays and objects. null, non-integer
 * numbers, undefined members and strings with a lone surrogate are refused, so every value has exactly
 * one encoding and every implementation can produce it.
 */
export function canonicalJsonV2(value: unknown, path = '$'): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') {
    if (hasLoneSurrogate(value)) throw new TypeError(`${path}: string with a lone surrogate`);
    return JSON.stringify(value);
  }
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${path}: only safe integers are allowed, got ${value}`);
    return String(value);
  }
  if (Array.isArray(value)) return `[${value.map((item, i) => canonicalJsonV2(item, `${path}[${i}]`)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .map((key) => {
        if (hasLoneSurrogate(key)) throw new TypeError(`${path}: key with a lone surrogate`);
        return `${JSON.stringify(key)}:${canonicalJsonV2(record[key], `${path}.${key}`)}`;
      });
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`${path}: ${value === null ? 'null' : typeof value} is not allowed in canonical JSON v2`);
}
