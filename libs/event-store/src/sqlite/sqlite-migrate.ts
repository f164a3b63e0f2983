import type Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './sqlite-schema';

/**
 * Brings the schema up to the latest migration. Runs under BEGIN IMMEDIATE and re-reads
 * user_version inside the lock, so two processes opening a new file at once migrate it once.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): void {
  const latest = migrations[migrations.length - 1]?.version ?? 0;
  if (userVersion(db) >= latest) return;
  db.transaction(() => {
    const current = userVersion(db);
    for (const migration of migrations) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}
