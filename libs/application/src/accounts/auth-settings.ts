/**
 * Identity and access settings, read in one place (to move into libs/application/src/config with
 * the other settings).
 */
export interface AuthSettings {
  readonly adminUser: string;
  readonly adminPassword?: string;
  /** SHUANGSUI_AUTH_SECRET: a shared signing secret for several servers; else a key file is generated. */
  readonly signingSecret?: string;
  /** SHUANGSUI_ACCESS_TOKEN_TTL (seconds, default 900). */
  readonly accessTokenTtlSeconds: number;
  /** SHUANGSUI_SESSION_TTL (seconds, default 28800 = one working day). */
  readonly sessionTtlSeconds: number;
  /** SHUANGSUI_COOKIE_SECURE: `true`, `false`, or `auto` (Secure when the request came over https). */
  readonly cookieSecure: 'auto' | boolean;
}

function seconds(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 30 || value > 30 * 86400) throw new Error(`Setting ${name} must be a number of seconds (30–2592000), got "${raw}"`);
  return value;
}

export function authSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const secure = env['SHUANGSUI_COOKIE_SECURE'] ?? 'auto';
  if (secure !== 'auto' && secure !== 'true' && secure !== 'false') throw new Error(`Setting SHUANGSUI_COOKIE_SECURE must be auto, true or false, got "${secure}"`);
  const adminPassword = env['SHUANGSUI_ADMIN_PASSWORD'] || undefined;
  return {
    adminUser: env['SHUANGSUI_ADMIN_USER'] || 'admin',
    ...(adminPassword ? { adminPassword } : {}),
    ...(env['SHUANGSUI_AUTH_SECRET'] ? { signingSecret: env['SHUANGSUI_AUTH_SECRET'] } : {}),
    accessTokenTtlSeconds: seconds(env, 'SHUANGSUI_ACCESS_TOKEN_TTL', 900),
    sessionTtlSeconds: seconds(env, 'SHUANGSUI_SESSION_TTL', 8 * 3600),
    cookieSecure: secure === 'auto' ? 'auto' : secure === 'true',
  };
}
