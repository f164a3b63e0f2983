/**
 * Settings come from the environment, each with a default that runs on a fresh machine with nothing
 * set up: an SQLite file under ./data and port 3000.
 */
export interface ServerConfig {
  /** SHUANGSUI_EVENT_STORE: `sqlite:<path>`, `postgres://…` or `esdb://…`. */
  readonly eventStoreUrl: string;
  readonly port: number;
  readonly host: string;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = Number(env['PORT'] ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`Setting PORT must be a TCP port number (0–65535), got "${env['PORT']}"`);
  }
  return {
    eventStoreUrl: env['SHUANGSUI_EVENT_STORE'] ?? 'sqlite:./data/events.db',
    port,
    host: env['HOST'] ?? '0.0.0.0',
  };
}
