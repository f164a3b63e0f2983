import { join } from 'node:path';
// The one file, not the package index: the read side's defaults without loading the read side.
import { DEFAULT_DEADLINE_SETTINGS } from '@shuangsui/projections/models/deadlines';
import { HTTP_SETTING, loadHttpSettings, type HttpSettings } from './http-settings';
import { AUTH_SETTING, loadAuthSettings, type AuthSettings } from './auth-settings';
import { DOCUMENT_SETTING, loadDocumentSettings, type DocumentSettings } from './document-settings';
import { EVIDENCE_SETTING, loadEvidenceSettings, type EvidenceSettings } from './evidence-settings';
import { loadWebhookSettings, WEBHOOK_SETTING, type WebhookSettings } from './webhook-settings';
import { loadMonitoringSettings, MONITORING_SETTING, type MonitoringSettings } from './monitoring-settings';
import { loadTransparencySettings, TRANSPARENCY_SETTING, type TransparencySettings } from './transparency-settings';
import { SettingError } from './setting-error';
import { EVENT_STORE_SCHEMES, integerSetting, rawSetting, READ_STORE_SCHEMES, storeUrlSetting, type SettingsEnvironment } from './setting-values';
import { defaultReadStoreUrl, defaultSecretsDirectory, sameSqliteFile } from './store-locations';

/**
 * Every setting of shuangsui, read in this one place, once, at start-up, by the server, the CLI and
 * the demo alike: so the same environment always means the same stores, whoever reads it. The table
 * in docs/operations.md lists exactly these names (a unit test keeps the two equal).
 */
export const SETTING = {
  eventStore: 'SHUANGSUI_EVENT_STORE',
  readStore: 'SHUANGSUI_READ_STORE',
  secretsDir: 'SHUANGSUI_SECRETS_DIR',
  calendarDir: 'SHUANGSUI_CALENDAR_DIR',
  reviewWorkingDays: 'SHUANGSUI_REVIEW_WORKING_DAYS',
  publicationWorkingDays: 'SHUANGSUI_PUBLICATION_WORKING_DAYS',
  minWitnessInputs: 'SHUANGSUI_MIN_WITNESS_INPUTS',
  reminderNearWorkingDays: 'SHUANGSUI_REMINDER_NEAR_WORKING_DAYS',
  port: 'PORT',
  host: 'HOST',
  ...HTTP_SETTING,
  ...AUTH_SETTING,
  ...DOCUMENT_SETTING,
  ...EVIDENCE_SETTING,
  ...TRANSPARENCY_SETTING,
  ...MONITORING_SETTING,
  ...WEBHOOK_SETTING,
} as const;

export interface Settings {
  /** `sqlite:<path>`, `sqlite::memory:`, `postgres://…` or `esdb://…` / `esdb+discover://…`. */
  readonly eventStoreUrl: string;
  /** `sqlite:<path>`, `sqlite::memory:` or `postgres://…`; by default a file beside a SQLite event store. */
  readonly readStoreUrl: string;
  /** Seed secrets between a quota's commitment and its draw. */
  readonly secretsDir: string;
  /** Extra `<year>.json` holiday calendars. */
  readonly calendarDir: string;
  /** Working days a review may stay pending before it is overdue. */
  readonly reviewWorkingDays: number;
  /** Working days from approval to publication before it is overdue (docs/domain.md §4.5: default 20). */
  readonly publicationWorkingDays: number;
  /** Public witness inputs a draw needs at least. */
  readonly minWitnessInputs: number;
  /** A reminder turns "near" this many working days before its deadline. */
  readonly reminderNearWorkingDays: number;
  readonly port: number;
  readonly host: string;
  /** Limits, timeouts, CORS and log level of the HTTP server (http-settings.ts). */
  readonly http: HttpSettings;
  /** Sign-in, tokens, cookie, the first administrator (docs/security.md). */
  readonly auth: AuthSettings;
  /** Document numbers, the public link and the font of the statutory documents (document-settings.ts). */
  readonly documents: DocumentSettings;
  /** Where evidence files go, their size limit, the EXIF location policy (evidence-settings.ts). */
  readonly evidence: EvidenceSettings;
  /** The transparency log's signing key and head interval (transparency-settings.ts). */
  readonly transparency: TransparencySettings;
  /** The metrics scrape credential and the readiness threshold (monitoring-settings.ts). */
  readonly monitoring: MonitoringSettings;
  /** Outgoing reminder webhooks (webhook-settings.ts). */
  readonly webhooks: WebhookSettings;
}

/** What the CLI's `--store` / `--read-store` put in place of the environment's values. */
export interface SettingsOverrides {
  readonly eventStoreUrl?: string;
  readonly readStoreUrl?: string;
}

export const DEFAULT_EVENT_STORE_URL = 'sqlite:./data/events.db';

/** The defaults of the plain values (the deadlines' are the read side's own, Deadlines' defaults). */
export const SETTING_DEFAULTS = {
  reviewWorkingDays: DEFAULT_DEADLINE_SETTINGS.reviewWorkingDays,
  publicationWorkingDays: DEFAULT_DEADLINE_SETTINGS.publicationWorkingDays,
  minWitnessInputs: 1,
  reminderNearWorkingDays: 1,
  port: 3000,
  host: '0.0.0.0',
} as const;

/**
 * Reads and checks every setting; throws SettingError naming the first bad one. Stores default in
 * this order: an override, else the variable, else derived from the event store actually used, so
 * `--store sqlite:/srv/x/events.db` finds /srv/x/read-models.db exactly as a server started with
 * SHUANGSUI_EVENT_STORE=sqlite:/srv/x/events.db does.
 */
export function loadSettings(env: SettingsEnvironment = process.env, overrides: SettingsOverrides = {}, cwd: string = process.cwd()): Settings {
  const eventStoreUrl = storeUrlSetting(
    SETTING.eventStore,
    overrides.eventStoreUrl ?? rawSetting(env, SETTING.eventStore) ?? DEFAULT_EVENT_STORE_URL,
    EVENT_STORE_SCHEMES,
    'sqlite:<path>, sqlite::memory:, postgres://… or esdb://…',
  );
  const readStoreUrl = storeUrlSetting(
    SETTING.readStore,
    overrides.readStoreUrl ?? rawSetting(env, SETTING.readStore) ?? defaultReadStoreUrl(eventStoreUrl),
    READ_STORE_SCHEMES,
    'sqlite:<path>, sqlite::memory: or postgres://…',
  );
  // A rebuild writes and swaps tables in the read store: it must never be the history's own file.
  if (sameSqliteFile(eventStoreUrl, readStoreUrl, cwd)) {
    throw new SettingError(SETTING.readStore, readStoreUrl, "is the event store's own file; the read store needs a file of its own");
  }
  return {
    eventStoreUrl,
    readStoreUrl,
    secretsDir: rawSetting(env, SETTING.secretsDir) ?? defaultSecretsDirectory(eventStoreUrl, cwd),
    calendarDir: rawSetting(env, SETTING.calendarDir) ?? join(cwd, 'data', 'calendar'),
    reviewWorkingDays: integerSetting(env, SETTING.reviewWorkingDays, SETTING_DEFAULTS.reviewWorkingDays, 0),
    publicationWorkingDays: integerSetting(env, SETTING.publicationWorkingDays, SETTING_DEFAULTS.publicationWorkingDays, 0),
    minWitnessInputs: integerSetting(env, SETTING.minWitnessInputs, SETTING_DEFAULTS.minWitnessInputs, 1),
    reminderNearWorkingDays: integerSetting(env, SETTING.reminderNearWorkingDays, SETTING_DEFAULTS.reminderNearWorkingDays, 0, 20),
    port: integerSetting(env, SETTING.port, SETTING_DEFAULTS.port, 0, 65535),
    host: rawSetting(env, SETTING.host) ?? SETTING_DEFAULTS.host,
    http: loadHttpSettings(env),
    auth: loadAuthSettings(env),
    documents: loadDocumentSettings(env),
    evidence: loadEvidenceSettings(env, eventStoreUrl, cwd),
    transparency: loadTransparencySettings(env, eventStoreUrl, cwd),
    monitoring: loadMonitoringSettings(env),
    webhooks: loadWebhookSettings(env),
  };
}
