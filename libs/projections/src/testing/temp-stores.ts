import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@shuangsui/event-store';
import { SqliteReadStore, type SqliteReadStoreOptions } from '../sqlite/sqlite-read-store';

/** Real SQLite files in a temp dir: one event store, one read store, reopenable (restart). */
export class TempStores {
  readonly dir = mkdtempSync(join(tmpdir(), 'shuangsui-projections-'));

  openEvents(): Promise<SqliteEventStore> {
    return SqliteEventStore.open({ path: join(this.dir, 'events.db'), pollIntervalMs: 20 });
  }

  openRead(options: Omit<SqliteReadStoreOptions, 'path'> = {}): SqliteReadStore {
    return SqliteReadStore.open({ path: join(this.dir, 'read-models.db'), ...options });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
