import { openNamingSetting, parsePostgresSetting } from '@shuangsui/event-store';
import { PostgresReadStore } from './postgres-read-store';

/**
 * Opens a PostgresReadStore from the read-store setting's URL (same form as the event store's;
 * `schema` defaults to shuangsui_read). Errors name the setting, password hidden.
 */
export async function openPostgresReadStoreFromUrl(url: string, settingName: string): Promise<PostgresReadStore> {
  const setting = parsePostgresSetting(url, settingName);
  return openNamingSetting(url, settingName, 'PostgreSQL read store', () => PostgresReadStore.connect(setting));
}
