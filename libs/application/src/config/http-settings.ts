import { SettingError } from './setting-error';
import { integerSetting, rawSetting, type SettingsEnvironment } from './setting-values';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The names of the HTTP edge's settings (part of SETTING, settings.ts). */
export const HTTP_SETTING = {
  bodyLimitKb: 'SHUANGSUI_BODY_LIMIT_KB',
  jsonMaxDepth: 'SHUANGSUI_JSON_MAX_DEPTH',
  uploadLimitMb: 'SHUANGSUI_UPLOAD_LIMIT_MB',
  headersTimeoutMs: 'SHUANGSUI_HEADERS_TIMEOUT_MS',
  requestTimeoutMs: 'SHUANGSUI_REQUEST_TIMEOUT_MS',
  idleTimeoutMs: 'SHUANGSUI_IDLE_TIMEOUT_MS',
  keepAliveTimeoutMs: 'SHUANGSUI_KEEP_ALIVE_TIMEOUT_MS',
  corsOrigins: 'SHUANGSUI_CORS_ORIGINS',
  logLevel: 'SHUANGSUI_LOG_LEVEL',
} as const;

/** What a hostile or broken client may cost the server: sizes, depths, how long a socket may idle. */
export interface HttpSettings {
  /** Largest JSON body; commands are a few kilobytes. */
  readonly bodyLimitBytes: number;
  /** Deeper nesting is refused before parsing (no DTO nests beyond 4). */
  readonly jsonMaxDepth: number;
  /** Largest directory file; a 100,000-row directory is about 30 MB. */
  readonly uploadLimitBytes: number;
  /** The request line and headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** The whole request, body included (an upload on a slow link too). */
  readonly requestTimeoutMs: number;
  /** A request whose client sends nothing for this long is dropped (above the live feed's 15 s keep-alive). */
  readonly idleTimeoutMs: number;
  /** How long a finished keep-alive connection waits for the next request. */
  readonly keepAliveTimeoutMs: number;
  /** Browser origins allowed to call the API; none by default (CORS closed). */
  readonly corsOrigins: readonly string[];
  /** pino level; `silent` in tests. */
  readonly logLevel: LogLevel;
}

export const DEFAULT_HTTP_SETTINGS: HttpSettings = {
  bodyLimitBytes: 1024 * 1024,
  jsonMaxDepth: 64,
  uploadLimitBytes: 64 * 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  idleTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  corsOrigins: [],
  logLevel: 'info',
};

export function loadHttpSettings(env: SettingsEnvironment): HttpSettings {
  const d = DEFAULT_HTTP_SETTINGS;
  const n = HTTP_SETTING;
  const logLevel = rawSetting(env, n.logLevel) ?? d.logLevel;
  if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) throw new SettingError(n.logLevel, logLevel, `must be one of ${LOG_LEVELS.join(', ')}`);
  return {
    bodyLimitBytes: integerSetting(env, n.bodyLimitKb, d.bodyLimitBytes / 1024, 1) * 1024,
    jsonMaxDepth: integerSetting(env, n.jsonMaxDepth, d.jsonMaxDepth, 1),
    uploadLimitBytes: integerSetting(env, n.uploadLimitMb, d.uploadLimitBytes / 1024 / 1024, 1) * 1024 * 1024,
    headersTimeoutMs: integerSetting(env, n.headersTimeoutMs, d.headersTimeoutMs, 1),
    requestTimeoutMs: integerSetting(env, n.requestTimeoutMs, d.requestTimeoutMs, 1),
    idleTimeoutMs: integerSetting(env, n.idleTimeoutMs, d.idleTimeoutMs, 1),
    keepAliveTimeoutMs: integerSetting(env, n.keepAliveTimeoutMs, d.keepAliveTimeoutMs, 1),
    corsOrigins: (rawSetting(env, n.corsOrigins) ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter((origin) => origin !== ''),
    logLevel: logLevel as LogLevel,
  };
}
