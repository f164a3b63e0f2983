import type { EventStore } from './event-store.port';
import { SqliteEventStore } from './sqlite';
import { openPostgresEventStoreFromUrl } from './postgres/postgres-url';
import { openEsdbEventStoreFromUrl } from './esdb/esdb-url';

/** The setting that names the event store; its value is the URL passed here. */
export const EVENT_STORE_SETTING = 'SHUANGSUI_EVENT_STORE';

/**
 * Opens the event store a URL names:
 *   sqlite:<path>      a SQLite file (durable, WAL, synchronous FULL), e.g. sqlite:./data/events.db
 *   sqlite::memory:    a private in-memory SQLite database (tests)
 *   postgres://…       PostgreSQL (also postgresql://), optional ?schema=name&poolSize=n
 *   esdb://…           EventStoreDB/KurrentDB: esdb://host:2113?tls=false, esdb://a:2113,b:2113,c:2113, esdb+discover://…
 */
export async function createEventStore(url: string): Promise<EventStore> {
  const scheme = url.slice(0, url.indexOf(':') + 1);
  switch (scheme) {
    case 'sqlite:': {
      const path = url.slice(scheme.length);
      if (path !== '') return SqliteEventStore.open({ path });
      break;
    }
    case 'postgres:':
    case 'postgresql:':
      return openPostgresEventStoreFromUrl(url, EVENT_STORE_SETTING);
    case 'esdb:':
    case 'esdb+discover:':
      return openEsdbEventStoreFromUrl(url, EVENT_STORE_SETTING);
  }
  throw new Error(
    `${EVENT_STORE_SETTING}="${url}" is not a supported event store URL ` +
      '(expected sqlite:<path>, sqlite::memory:, postgres://… or esdb://…)',
  );
}
