export * from './settings';
export * from './auth-settings';
export { maskPassword, SettingError } from './setting-error';
export { type SettingsEnvironment } from './setting-values';
export { defaultReadStoreUrl, defaultSecretsDirectory, sqliteFileOf } from './store-locations';
export * from './http-settings';
export * from './document-settings';
export * from './evidence-settings';
export * from './transparency-settings';
