import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * Raw better-sqlite3 on the same disk, one single-row transaction (one fsync) at a time, with the
 * store's durability settings. It is the ceiling for sequential appends, printed next to the
 * store's figure so a run on a busy or slow disk can still be judged.
 */
export function measureRawSqliteCommits(parentDir: string, commits = 2_000): number {
  const dir = mkdtempSync(join(parentDir, 'raw-'));
  const db = new Database(join(dir, 'raw.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    const commit = db.transaction((body: string) => insert.run(body));
    const body = 'x'.repeat(500);
    const started = process.hrtime.bigint();
    for (let i = 0; i < commits; i += 1) commit(body);
    return Math.round(commits / (Number(process.hrtime.bigint() - started) / 1e9));
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
