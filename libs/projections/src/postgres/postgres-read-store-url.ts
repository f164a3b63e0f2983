import { PostgresReadStore } from './postgres-read-store';

/**
 * Opens a PostgresReadStore from the read-store setting's URL:
 *   postgres://user[:password]@host[:port]/database[?schema=name&poolSize=n]
 * `schema` (default shuangsui_read) and `poolSize` are ours and removed before the URL reaches `pg`.
 * A server that cannot be reached, or refuses the login, fails here with a message naming the setting.
 */
export async function openPostgresReadStoreFromUrl(url: string, settingName: string): Promise<PostgresReadStore> {
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
    return await PostgresReadStore.connect({ connectionString: parsed.toString(), schema, poolSize });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${settingName}="${redact(url)}": cannot open the PostgreSQL read store: ${reason}`, { cause: error });
  }
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
