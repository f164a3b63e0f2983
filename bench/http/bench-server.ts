import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { IsArray, IsString } from 'class-validator';
import { inspectionStreamId, INSPECTION_EVENT_TYPES } from '@shuangsui/domain';
import { drawnData } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { sealEvents, type EventStore, type Json } from '@shuangsui/event-store';
import { createApp } from '../../apps/server/src/app.factory';
import { createValidationPipe } from '../../apps/server/src/common/validation.pipe';
import { EVENT_STORE } from '../../apps/server/src/common/tokens';

/**
 * Child process of the HTTP benchmark: the real server on a durable SQLite file with `cases` drawn
 * cases seeded, and a bare NestJS app (same validation pipe, no store) to compare against.
 * Prints one JSON line with the two ports when ready.
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

async function seed(store: EventStore, cases: number): Promise<void> {
  const batch = 2000;
  for (let start = 0; start < cases; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, cases - start) }, (_, k) => {
        const caseId = `bench-${start + k}`;
        const streamId = inspectionStreamId(caseId);
        const metadata = { occurredAt: new Date().toISOString(), actor: { id: 'bench', role: 'system' }, correlationId: 'bench', causationId: null, commandId: `seed-${caseId}` };
        const events = sealEvents(streamId, null, [{ id: `seed-${caseId}`, type: INSPECTION_EVENT_TYPES.InspectionDrawn, data: drawnData(caseId) as unknown as Json, metadata }]);
        return store.appendToStream(streamId, events, { expectedRevision: 'no_stream' });
      }),
    );
  }
}

async function main(): Promise<void> {
  const [dbPath, casesArg] = process.argv.slice(2);
  const app = await createApp({ eventStore: `sqlite:${dbPath}`, logger: false });
  await seed(app.get<EventStore>(EVENT_STORE), Number(casesArg));
  await app.listen(0, '127.0.0.1');

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
