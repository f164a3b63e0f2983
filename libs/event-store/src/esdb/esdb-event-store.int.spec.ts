import { testEventStoreContract } from '../testing/event-store.contract';
import { EsdbEventStore } from './esdb-event-store';
import { startEsdbDouble, type EsdbDouble } from './testing/esdb-double';

/**
 * The shared contract, run twice: against the in-process gRPC double (always), and against a real
 * EventStoreDB/KurrentDB node when ESDB_CONNECTION_STRING is set. The double is started once per
 * file; every contract test uses fresh stream ids, so tests can share one log.
 */
/**
 * The double and the client share this process, so every RPC is paid twice on one thread; on a
 * loaded 2-core machine the contract's retry-on-conflict test (hundreds of reads and appends) can
 * take well over jest's default 30 s. The timeout is for the machine, not for a slow adapter.
 */
jest.setTimeout(120_000);

describe('EsdbEventStore against the in-process gRPC double', () => {
  let double: EsdbDouble;

  beforeAll(async () => {
    double = await startEsdbDouble();
  });

  afterAll(async () => {
    await double.stop();
  });

  testEventStoreContract('EventStoreDB (in-process gRPC double)', async () => ({
    store: await EsdbEventStore.connect(double.connectionString),
  }));
});

const realServer = process.env['ESDB_CONNECTION_STRING'];

(realServer ? describe : describe.skip)(
  realServer
    ? 'EsdbEventStore against the real server in ESDB_CONNECTION_STRING'
    : 'EsdbEventStore against a real server (skipped: set ESDB_CONNECTION_STRING, e.g. esdb://127.0.0.1:2113?tls=false)',
  () => {
    testEventStoreContract('EventStoreDB (real server)', async () => ({
      store: await EsdbEventStore.connect(realServer!),
    }));
  },
);
