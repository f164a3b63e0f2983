import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { configFromEnv } from './config/server-config';

async function main(): Promise<void> {
  const config = configFromEnv();
  const app = await createApp({ eventStore: config.eventStoreUrl });
  await app.listen(config.port, config.host);
  Logger.log(`shuangsui listening on http://${config.host}:${config.port} (event store ${config.eventStoreUrl}); API docs at /api/docs`, 'Main');
}

main().catch((error: unknown) => {
  // Start-up failures (bad setting, unreachable store) end the process with the reason, not a stack dump.
  console.error(`shuangsui failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
