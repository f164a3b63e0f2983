export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { migrateEventStore, type MigrationReport } from './migrate';
export { EVENT_STORE_MIGRATIONS, type Migration } from './migrations';
export { DEFAULT_SCHEMA as DEFAULT_POSTGRES_SCHEMA } from './schema-name';
export { openNamingSetting, parsePostgresSetting, redactPostgresUrl, type PostgresSetting } from './postgres-url';
