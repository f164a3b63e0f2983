import { SettingError } from './setting-error';
import { integerSetting, rawSetting, type SettingsEnvironment } from './setting-values';

/** What operators' monitoring reads (docs/operations.md, "Watching it"). */
export interface MonitoringSettings {
  /** The bearer token of GET /metrics; null: the endpoint is off. */
  readonly metricsToken: string | null;
  /** GET /health/ready answers 503 while a projection is further behind the log than this many positions. */
  readonly readyMaxLag: number;
}

export const MONITORING_SETTING = {
  metricsToken: 'SHUANGSUI_METRICS_TOKEN',
  readyMaxLag: 'SHUANGSUI_READY_MAX_LAG',
} as const;

export const DEFAULT_READY_MAX_LAG = 1_000;

export function loadMonitoringSettings(env: SettingsEnvironment): MonitoringSettings {
  const token = rawSetting(env, MONITORING_SETTING.metricsToken) ?? null;
  if (token !== null && token.length < 16) throw new SettingError(MONITORING_SETTING.metricsToken, '(hidden)', 'must be at least 16 characters');
  return { metricsToken: token, readyMaxLag: integerSetting(env, MONITORING_SETTING.readyMaxLag, DEFAULT_READY_MAX_LAG, 0) };
}
