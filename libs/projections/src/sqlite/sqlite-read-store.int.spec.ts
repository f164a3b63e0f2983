import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testReadStoreContract } from '../testing/read-store.contract';
import { SqliteReadStore } from './sqlite-read-store';

/** The read-store contract on a real SQLite file, fresh for every test. */
let dir = '';
const fresh = {
  reset: async () => {
    dir = mkdtempSync(join(tmpdir(), 'shuangsui-read-contract-'));
  },
  cleanup: async () => rmSync(dir, { recursive: true, force: true }),
};

testReadStoreContract('SQLite file', {
  open: async (options = {}) => SqliteReadStore.open({ path: join(dir, 'read-models.db'), bulkWriterRows: 0, ...options }),
  ...fresh,
});

// Large commits (a rebuild's, a long catch-up's) go to the writer thread: the same contract, with
// every commit sent there, so both paths store and refuse exactly alike.
testReadStoreContract('SQLite file, commits on the writer thread', {
  open: async (options = {}) => SqliteReadStore.open({ path: join(dir, 'read-models.db'), bulkWriterRows: 1, ...options }),
  ...fresh,
});
