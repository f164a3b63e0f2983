import { dirname, join } from 'node:path';
import type { EventStore } from '@shuangsui/event-store';
import { DEFAULT_READ_STORE_URL, READ_STORE_SETTING } from '@shuangsui/projections';

/**
 * Which read store to open: the explicit option, else SHUANGSUI_READ_STORE, else a file beside a
 * SQLite event store (./data/read-models.db for the default ./data/events.db), so read models never
 * carry checkpoints of another event store. An in-memory or handed-in event store gets an in-memory
 * read store for the same reason.
 */
export function resolveReadStoreUrl(option: string | undefined, eventStore: string | EventStore, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return option;
  const fromEnv = env[READ_STORE_SETTING];
  if (fromEnv) return fromEnv;
  if (typeof eventStore !== 'string') return 'sqlite::memory:';
  if (eventStore === 'sqlite::memory:') return 'sqlite::memory:';
  if (eventStore.startsWith('sqlite:')) return `sqlite:${join(dirname(eventStore.slice('sqlite:'.length)), 'read-models.db')}`;
  return DEFAULT_READ_STORE_URL;
}
