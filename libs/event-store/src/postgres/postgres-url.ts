import { PostgresEventStore } from './postgres-event-store';

/**
 * Opens a PostgresEventStore from the event-store setting's URL:
 *   postgres://user[:password]@host[:port]/database[?schema=name&poolSize=n]
 * `schema` and `poolSize` are ours and are removed before the URL reaches `pg`. A server that cannot
 * be reached, or refuses the login, fails here with a message naming the setting (password hidden).
 */
export async function openPostgresEventStoreFromUrl(url: string, settingName: string): Promise<PostgresEventStore> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${settingName}="${redact(url)}" is not a valid PostgreSQL URL`);
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  const poolSizeText = parsed.searchParams.get('poolSize');
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('poolSize');
  const poolSize = poolSizeText === null ? undefined : Number(poolSizeText);
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize > 0)) {
    throw new Error(`${settingName}: poolSize must be a positive integer, got "${poolSizeText}"`);
  }
  try {
    return await PostgresEventStore.connect({ connectionString: parsed.toString(), schema, poolSize });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${settingName}="${redact(url)}": cannot open the PostgreSQL event store: ${reason}`, {
      cause: error,
    });
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
