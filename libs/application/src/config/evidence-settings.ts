import { dirname, join } from 'node:path';
import { SettingError } from './setting-error';
import { integerSetting, rawSetting, type SettingsEnvironment } from './setting-values';
import { sqliteFileOf } from './store-locations';

/** Evidence files (docs/field-records.md). */
export interface EvidenceSettings {
  /** `directory` (default) or `postgres` (the default when the event store is PostgreSQL; uses its database). */
  readonly store: 'directory' | 'postgres';
  /** The directory store's folder. */
  readonly directory: string;
  readonly uploadLimitBytes: number;
  /** EXIF GPS location of JPEG photos: kept for the authority (default), or removed before storing. */
  readonly gps: 'keep' | 'strip';
}

export const EVIDENCE_SETTING = {
  evidenceStore: 'SHUANGSUI_EVIDENCE_STORE',
  evidenceDir: 'SHUANGSUI_EVIDENCE_DIR',
  evidenceLimitMb: 'SHUANGSUI_EVIDENCE_LIMIT_MB',
  evidenceGps: 'SHUANGSUI_EVIDENCE_GPS',
} as const;

export const EVIDENCE_DEFAULT_LIMIT_MB = 100;

export function loadEvidenceSettings(env: SettingsEnvironment, eventStoreUrl: string, cwd: string): EvidenceSettings {
  const postgresEvents = /^postgres(ql)?:/.test(eventStoreUrl);
  const store = rawSetting(env, EVIDENCE_SETTING.evidenceStore) ?? (postgresEvents ? 'postgres' : 'directory');
  if (store !== 'directory' && store !== 'postgres') throw new SettingError(EVIDENCE_SETTING.evidenceStore, store, 'must be directory or postgres');
  if (store === 'postgres' && !postgresEvents) {
    throw new SettingError(EVIDENCE_SETTING.evidenceStore, store, 'needs a PostgreSQL event store (the files go into its database)');
  }
  const gps = rawSetting(env, EVIDENCE_SETTING.evidenceGps) ?? 'keep';
  if (gps !== 'keep' && gps !== 'strip') throw new SettingError(EVIDENCE_SETTING.evidenceGps, gps, 'must be keep or strip');
  const file = sqliteFileOf(eventStoreUrl);
  return {
    store,
    directory: rawSetting(env, EVIDENCE_SETTING.evidenceDir) ?? (file === null ? join(cwd, 'data', 'evidence') : join(dirname(file), 'evidence')),
    uploadLimitBytes: integerSetting(env, EVIDENCE_SETTING.evidenceLimitMb, EVIDENCE_DEFAULT_LIMIT_MB, 1) * 1024 * 1024,
    gps,
  };
}
