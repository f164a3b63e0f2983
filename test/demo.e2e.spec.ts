import { firstFailure, verifyBundle, type DrawBundle } from '@shuangsui/domain/draw';
import { runDemo } from '../scripts/demo';
import { get, removeDir, startServer, tempDataDir, type TestServer } from './support/test-server';

/**
 * `npm run demo` as a newcomer runs it, then the public side as anyone reads it: both months' draws
 * verify from their public bundles alone, and the second month's population carries last pairs and
 * prior loads (issue 12).
 */
describe('npm run demo: two version-2 draws, each verifiable from its public bundle', () => {
  let server: TestServer;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDataDir();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await runDemo(dataDir);
    } finally {
      log.mockRestore();
    }
    server = await startServer(dataDir);
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    if (dataDir) removeDir(dataDir);
  });

  it('lists two drawn months with commitments before draws, and each bundle verifies; the second has last pairs and prior loads', async () => {
    const list = await get(server, '/public/draws', {});
    const drawn = (list.body.items as { drawId: string; status: string; commitmentPosition: number; drawPosition: number }[]).filter((item) => item.status === 'drawn');
    expect(drawn).toHaveLength(2);
    const bundles: DrawBundle[] = [];
    for (const item of drawn) {
      expect(item.drawPosition).toBeGreaterThan(item.commitmentPosition);
      const bundle = (await get(server, `/public/draws/${item.drawId}/bundle`, {})).body as DrawBundle;
      expect(firstFailure(verifyBundle(bundle))).toBeNull();
      bundles.push(bundle);
    }
    const second = bundles[1]!;
    expect(second.population.units.some((unit) => unit.lastPair !== undefined)).toBe(true);
    expect(second.population.inspectors.some((inspector) => inspector.priorAssignments > 0)).toBe(true);
  });
});
