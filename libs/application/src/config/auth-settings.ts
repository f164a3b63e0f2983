import { SettingError } from './setting-error';
import { integerSetting, rawSetting, type SettingsEnvironment } from './setting-values';

/** Identity and access settings (docs/security.md). */
export interface AuthSettings {
  /** The first administrator, created at first start. */
  readonly adminUser: string;
  /** Without it the first administrator gets a one-time password, printed once. */
  readonly adminPassword?: string;
  /** A shared token-signing secret for several servers; else a key file is generated in the secrets directory. */
  readonly signingSecret?: string;
  readonly accessTokenTtlSeconds: number;
  readonly sessionTtlSeconds: number;
  /** `auto`: the session cookie is Secure when the request came over https. */
  readonly cookieSecure: 'auto' | boolean;
}

export const AUTH_SETTING = {
  adminUser: 'SHUANGSUI_ADMIN_USER',
  adminPassword: 'SHUANGSUI_ADMIN_PASSWORD',
  authSecret: 'SHUANGSUI_AUTH_SECRET',
  accessTokenTtl: 'SHUANGSUI_ACCESS_TOKEN_TTL',
  sessionTtl: 'SHUANGSUI_SESSION_TTL',
  cookieSecure: 'SHUANGSUI_COOKIE_SECURE',
} as const;

const USERNAME = /^[A-Za-z0-9._:@-]{1,128}$/;

export function loadAuthSettings(env: SettingsEnvironment): AuthSettings {
  const adminUser = rawSetting(env, AUTH_SETTING.adminUser) ?? 'admin';
  if (!USERNAME.test(adminUser)) throw new SettingError(AUTH_SETTING.adminUser, adminUser, 'must be 1–128 letters, digits or . _ : @ -');
  const adminPassword = rawSetting(env, AUTH_SETTING.adminPassword);
  if (adminPassword !== undefined && adminPassword.length < 12) throw new SettingError(AUTH_SETTING.adminPassword, '***', 'must be at least 12 characters');
  const signingSecret = rawSetting(env, AUTH_SETTING.authSecret);
  if (signingSecret !== undefined && signingSecret.length < 32) throw new SettingError(AUTH_SETTING.authSecret, '***', 'must be at least 32 characters');
  const secure = rawSetting(env, AUTH_SETTING.cookieSecure) ?? 'auto';
  if (secure !== 'auto' && secure !== 'true' && secure !== 'false') throw new SettingError(AUTH_SETTING.cookieSecure, secure, 'must be auto, true or false');
  return {
    adminUser,
    ...(adminPassword === undefined ? {} : { adminPassword }),
    ...(signingSecret === undefined ? {} : { signingSecret }),
    accessTokenTtlSeconds: integerSetting(env, AUTH_SETTING.accessTokenTtl, 900, 30, 86_400),
    sessionTtlSeconds: integerSetting(env, AUTH_SETTING.sessionTtl, 8 * 3600, 60, 30 * 86_400),
    cookieSecure: secure === 'auto' ? 'auto' : secure === 'true',
  };
}
