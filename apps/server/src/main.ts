import { Logger } from '@nestjs/common';
import { loadSettings, maskPassword } from '@shuangsui/application';
import { createApp } from './app.factory';

async function main(): Promise<void> {
  const settings = loadSettings();
  const app = await createApp({ settings });
  await app.listen(settings.port, settings.host);
  Logger.log(
    `shuangsui listening on http://${settings.host}:${settings.port} (event store ${maskPassword(settings.eventStoreUrl)}, read store ${maskPassword(settings.readStoreUrl)}); API docs at /api/docs`,
    'Main',
  );
}

main().catch((error: unknown) => {
  // Start-up failures (bad setting, unreachable store) end the process with the reason, not a stack dump.
  console.error(`shuangsui failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
