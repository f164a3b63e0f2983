import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsArray, IsString } from 'class-validator';
import { inspectionStreamId, INSPECTION_EVENT_TYPES } from '@shuangsui/domain';
import { drawnData } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { sealEvents, type EventStore, type Json } from '@shuangsui/event-store';
import { AUTH_SETTING, loadSettings } from '@shuangsui/application';
import { BENCH_AUTH_SECRET, benchPairOf, ensureBenchAccounts } from './bench-accounts';
import { createApp } from '../../apps/server/src/app.factory';
import { createValidationPipe } from '../../apps/server/src/common/validation.pipe';
import { EVENT_STORE } from '../../apps/server/src/common/tokens';
import { PROJECTION_RUNNER, REFERRAL_MANAGER } from '../../apps/server/src/projections/read-store.tokens';
import type { EventReactor } from '@shuangsui/application';
import { TransparencyTreeFollower, type ProjectionRunner } from '@shuangsui/projections';

/**
 * Child process of the HTTP benchmarks (start-bench-server.ts): the real server on a durable SQLite
 * file with `cases` drawn cases seeded (0: the store as it is), and a bare NestJS app (same
 * validation pipe, no store) to compare against. Prints one JSON line with the two ports when ready.
 */
class BareDto {
  @IsArray()
  @IsString({ each: true })
  inspectorIds!: string[];
}

@Controller('bare')
class BareController {
  @Post()
  @HttpCode(200)
  echo(@Body() dto: BareDto): { ok: true; count: number } {
    return { ok: true, count: dto.inspectorIds.length };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function seed(store: EventStore, cases: number, assigned: boolean): Promise<void> {
  const batch = 2000;
  for (let start = 0; start < cases; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, cases - start) }, (_, k) => {
        const caseId = `bench-${start + k}`;
        const streamId = inspectionStreamId(caseId);
        const metadata = { occurredAt: new Date().toISOString(), actor: { id: 'bench', role: 'system' }, correlationId: 'bench', causationId: null, commandId: `seed-${caseId}` };
        const drawn = { id: `seed-${caseId}`, type: INSPECTION_EVENT_TYPES.InspectionDrawn, data: drawnData(caseId) as unknown as Json, metadata };
        const assignment = { id: `seed-${caseId}-assigned`, type: INSPECTION_EVENT_TYPES.InspectorsAssigned, data: { inspectorIds: benchPairOf(start + k), drawId: 'draw-2026-03' }, metadata };
        const events = sealEvents(streamId, null, assigned ? [drawn, assignment] : [drawn]);
        return store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
      }),
    );
  }
}

/**
 * The projections and the referral manager run in this process and catch up on the seeded cases
 * after the seed: wait for them, so neither endpoint is measured while the server is still busy
 * replaying the seed (steady state: only the live events of the measured commands).
 */
async function readSideCaughtUp(runner: ProjectionRunner, referrals: EventReactor, store: EventStore): Promise<void> {
  const head = await store.headPosition();
  await runner.waitUntil(head, 600_000);
  while (referrals.status().state === 'running' && referrals.status().position < head) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function main(): Promise<void> {
  const [dbPath, casesArg] = process.argv.slice(2);
  const env = { ...process.env, SHUANGSUI_LOG_LEVEL: 'silent', [AUTH_SETTING.authSecret]: BENCH_AUTH_SECRET, [AUTH_SETTING.adminPassword]: 'bench-admin-password-0001' };
  const app = await createApp({ settings: loadSettings(env, { eventStoreUrl: `sqlite:${dbPath}` }) });
  const store = app.get<EventStore>(EVENT_STORE);
  // The measured requests carry Bearer tokens, so the figures include the per-request auth check.
  await ensureBenchAccounts(store);
  await seed(store, Number(casesArg), process.env['BENCH_SEED_ASSIGNED'] === '1');
  await readSideCaughtUp(app.get<ProjectionRunner>(PROJECTION_RUNNER), app.get<EventReactor>(REFERRAL_MANAGER), store);
  await app.listen(0, '127.0.0.1');
  // The transparency tree (started with the application, on the leader) follows the seed too:
  // measuring while it catches up would measure the catch-up.
  await app.get(TransparencyTreeFollower).caughtUpTo(await store.headPosition());

  const bare = await NestFactory.create(BareModule, { logger: false });
  bare.useGlobalPipes(createValidationPipe());
  await bare.listen(0, '127.0.0.1');

  const port = (server: { getHttpServer(): { address(): unknown } }) => (server.getHttpServer().address() as { port: number }).port;
  process.stdout.write(`${JSON.stringify({ commandPort: port(app), barePort: port(bare) })}\n`);
  // Exit normally on SIGINT so `--cpu-prof` (BENCH_SERVER_NODE_OPTIONS) can write its profile.
  process.once('SIGINT', () => process.exit(0));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
