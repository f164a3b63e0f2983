import { dirname, join } from 'node:path';
import { integerSetting, rawSetting, type SettingsEnvironment } from './setting-values';
import { sqliteFileOf } from './store-locations';

/** The transparency log's signing (docs/transparency-log.md). */
export interface TransparencySettings {
  /** The Ed25519 private key (PKCS#8 PEM), created at first start when missing. */
  readonly keyFile: string;
  /** While events arrive, a new head is signed at least this often. */
  readonly headIntervalSeconds: number;
}

export const TRANSPARENCY_SETTING = {
  logKeyFile: 'SHUANGSUI_LOG_KEY_FILE',
  logHeadIntervalSeconds: 'SHUANGSUI_LOG_HEAD_INTERVAL_SECONDS',
} as const;

export const DEFAULT_HEAD_INTERVAL_SECONDS = 60;

export function loadTransparencySettings(env: SettingsEnvironment, eventStoreUrl: string, cwd: string): TransparencySettings {
  const file = sqliteFileOf(eventStoreUrl);
  return {
    keyFile: rawSetting(env, TRANSPARENCY_SETTING.logKeyFile) ?? (file === null ? join(cwd, 'data', 'transparency-key.pem') : join(dirname(file), 'transparency-key.pem')),
    headIntervalSeconds: integerSetting(env, TRANSPARENCY_SETTING.logHeadIntervalSeconds, DEFAULT_HEAD_INTERVAL_SECONDS, 1, 86_400),
  };
}
