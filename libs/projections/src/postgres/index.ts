export { PostgresReadStore, DEFAULT_READ_SCHEMA, type PostgresReadStoreOptions } from './postgres-read-store';
export { openPostgresReadStoreFromUrl } from './postgres-read-store-url';
export { migrateReadStore } from './migrate-read-store';
export { READ_STORE_MIGRATIONS } from './migrations';
