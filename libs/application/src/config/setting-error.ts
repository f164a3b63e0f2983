/**
 * A setting with a value the process cannot run with. The message names the setting and the value
 * (passwords masked), so an operator can fix the environment without reading code.
 */
export class SettingError extends Error {
  override readonly name = 'SettingError';
  constructor(
    readonly setting: string,
    value: string,
    problem: string,
  ) {
    super(`Setting ${setting}="${maskPassword(value)}" ${problem}`);
  }
}

/** `scheme://user:password@host` → `scheme://user:***@host`: a setting's value goes into logs. */
export function maskPassword(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
