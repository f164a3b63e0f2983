import { SettingError } from './setting-error';
import { integerSetting, rawSetting, type SettingsEnvironment } from './setting-values';

/** Outgoing reminder webhooks (docs/reminders.md, "Webhooks"). */
export interface WebhookSettings {
  /** Receivers (the province's messaging gateways); none: webhooks are off. */
  readonly urls: readonly string[];
  /** The HMAC-SHA256 key every body is signed with; required when there are receivers. */
  readonly secret: string | null;
  /** How often due reminders are looked for and undelivered ones sent (again). */
  readonly intervalSeconds: number;
}

export const WEBHOOK_SETTING = {
  webhookUrls: 'SHUANGSUI_WEBHOOK_URLS',
  webhookSecret: 'SHUANGSUI_WEBHOOK_SECRET',
  webhookIntervalSeconds: 'SHUANGSUI_WEBHOOK_INTERVAL_SECONDS',
} as const;

export function loadWebhookSettings(env: SettingsEnvironment): WebhookSettings {
  const urls = (rawSetting(env, WEBHOOK_SETTING.webhookUrls) ?? '').split(',').map((url) => url.trim()).filter((url) => url !== '');
  for (const url of urls) {
    if (!/^https?:\/\/[^\s]+$/.test(url)) throw new SettingError(WEBHOOK_SETTING.webhookUrls, url, 'must be a comma-separated list of http(s) URLs');
  }
  const secret = rawSetting(env, WEBHOOK_SETTING.webhookSecret) ?? null;
  if (urls.length > 0 && (secret === null || secret.length < 16)) {
    throw new SettingError(WEBHOOK_SETTING.webhookSecret, secret === null ? '(unset)' : '(hidden)', 'must be at least 16 characters when SHUANGSUI_WEBHOOK_URLS is set');
  }
  return { urls, secret, intervalSeconds: integerSetting(env, WEBHOOK_SETTING.webhookIntervalSeconds, 60, 1, 86_400) };
}
