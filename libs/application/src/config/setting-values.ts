import { SettingError } from './setting-error';

/** Where settings are read from: the process environment, or a plain object in tests. */
export type SettingsEnvironment = Readonly<Record<string, string | undefined>>;

/** An empty or blank variable counts as unset (a `PORT=` line in a compose file means "default"). */
export function rawSetting(env: SettingsEnvironment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/**
 * A whole number within [min, max]. Digits only: `Number()` would accept "3e3", "0x10" and " ",
 * which nobody means as a port or a count of days.
 */
export function integerSetting(env: SettingsEnvironment, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = rawSetting(env, name);
  if (value === undefined) return fallback;
  const parsed = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min || parsed > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`;
    throw new SettingError(name, value, `must be ${range}`);
  }
  return parsed;
}

/** The schemes each kind of store accepts, as a store URL starts. */
export const EVENT_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:', 'esdb:', 'esdb+discover:'] as const;
export const READ_STORE_SCHEMES = ['sqlite:', 'postgres:', 'postgresql:'] as const;

/**
 * Checks a store URL's scheme at start-up, before anything is opened: a typo (`sqlite3:`, `pg://`)
 * fails at once naming the setting, instead of as a stack trace from the first adapter that tries.
 * Whether the store is reachable is the adapter's question, asked when it opens.
 */
export function storeUrlSetting(name: string, url: string, schemes: readonly string[], expected: string): string {
  const scheme = url.slice(0, url.indexOf(':') + 1);
  if (!schemes.includes(scheme)) throw new SettingError(name, url, `is not a supported store URL (expected ${expected})`);
  if (scheme === 'sqlite:' && url.length === 'sqlite:'.length) throw new SettingError(name, url, 'names no file (expected sqlite:<path> or sqlite::memory:)');
  return url;
}
