export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store';
export { applyMigrations, migrateEventStore, openMigratedPool, type MigrationReport, type MigrationSet } from './migrate';
export { EVENT_STORE_MIGRATIONS, type Migration } from './migrations';
export { assertSchemaName, DEFAULT_SCHEMA as DEFAULT_POSTGRES_SCHEMA, quoteIdent } from './schema-name';
export { openNamingSetting, parsePostgresSetting, redactPostgresUrl, type PostgresSetting } from './postgres-url';
