import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testReadStoreContract } from '../testing/read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';

/** The read-store contract on a real SQLite file, fresh for every test. */
let dir = '';
testReadStoreContract('SQLite file', {
  open: async (options = {}) => SqliteReadStore.open({ path: join(dir, 'read-models.db'), ...options }),
  reset: async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-read-contract-'));
  },
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
});
