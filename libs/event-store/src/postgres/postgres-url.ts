import { PostgresEventStore } from './postgres-event-store';

export interface PostgresSetting {
  /** The URL as `pg` takes it: our own parameters removed. */
  readonly connectionString: string;
  readonly schema: string | undefined;
  readonly poolSize: number | undefined;
}

/**
 * Parses a PostgreSQL setting's URL (event store or read store):
 *   postgres://user[:password]@host[:port]/database[?schema=name&poolSize=n]
 * `schema` and `poolSize` are ours and are removed before the URL reaches `pg`. Errors name the
 * setting and never show the password.
 */
export function parsePostgresSetting(url: string, settingName: string): PostgresSetting {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${settingName}="${redactPostgresUrl(url)}" is not a valid PostgreSQL URL`);
  }
  const schema = parsed.searchParams.get('schema') ?? undefined;
  const poolSizeText = parsed.searchParams.get('poolSize');
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('poolSize');
  const poolSize = poolSizeText === null ? undefined : Number(poolSizeText);
  if (poolSize !== undefined && !(Number.isInteger(poolSize) && poolSize > 0)) {
    throw new Error(`${settingName}: poolSize must be a positive integer, got "${poolSizeText}"`);
  }
  return { connectionString: parsed.toString(), schema, poolSize };
}

/** Runs `open`; a server that cannot be reached or refuses the login fails naming the setting. */
export async function openNamingSetting<T>(url: string, settingName: string, what: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${settingName}="${redactPostgresUrl(url)}": cannot open the ${what}: ${reason}`, { cause: error });
  }
}

export function redactPostgresUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

/** Opens a PostgresEventStore from the event-store setting's URL. */
export async function openPostgresEventStoreFromUrl(url: string, settingName: string): Promise<PostgresEventStore> {
  const setting = parsePostgresSetting(url, settingName);
  return openNamingSetting(url, settingName, 'PostgreSQL event store', () => PostgresEventStore.connect(setting));
}
