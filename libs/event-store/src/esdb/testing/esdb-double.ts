/**
 * An in-process EventStoreDB stand-in for tests: a real @grpc/grpc-js server, insecure, on
 * 127.0.0.1 with ephemeral ports, serving the service definitions that @eventstore/db-client ships
 * (generated/*_grpc_pb.js), backed by an in-memory log. The real client talks to it over HTTP/2
 * exactly as it would to a node, so the adapter is tested through the client's real code paths.
 *
 * Implemented: Streams.Read (stream read, $all read, $all subscription), Streams.Append,
 * ServerFeatures.GetSupportedMethods, Gossip.Read. Everything else answers UNIMPLEMENTED.
 *
 * `nodes: 3` binds three ports on the same server and log and reports them through gossip as a
 * leader and two followers, so multi-host and `esdb+discover://` connection strings can be tested.
 * The followers share the leader's log: there is no replication, no lag and no elections.
 */
import { Server, ServerCredentials, status, type UntypedServiceImplementation } from '@grpc/grpc-js';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { GossipService } from '@eventstore/db-client/generated/gossip_grpc_pb';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { InMemoryLog } from './in-memory-log';
import { appendHandler } from './append-handler';
import { readHandler } from './read-handler';
import { gossipHandler, supportedMethodsHandler, type NodeEndpoint } from './cluster-handlers';

export interface EsdbDouble {
  /** `esdb://127.0.0.1:<port>?tls=false` (single node, the leader). */
  readonly connectionString: string;
  /** `esdb://127.0.0.1:<p1>,127.0.0.1:<p2>,…?tls=false`: every node as a gossip seed. */
  readonly clusterConnectionString: string;
  /** `esdb+discover://127.0.0.1:<port>?tls=false`: discovery through gossip. */
  readonly discoverConnectionString: string;
  readonly endpoints: readonly NodeEndpoint[];
  readonly log: InMemoryLog;
  stop(): Promise<void>;
}

export interface EsdbDoubleOptions {
  /** How many endpoints gossip reports (default 1). */
  readonly nodes?: number;
}

const HOST = '127.0.0.1';

/** System events a real node has written before any user event; the adapter must never show them. */
const SYSTEM_SEED = [
  { stream: '$settings', type: '$settings', data: { $userStreamAcl: { $r: '$all' } } },
  { stream: '$stats-127.0.0.1:2113', type: '$statsCollected', data: { 'proc-id': 1 } },
] as const;

export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const log = new InMemoryLog();
  seedSystemEvents(log);
  const endpoints: NodeEndpoint[] = [];

  const server = new Server();
  server.addService(StreamsService, {
    read: readHandler(log),
    append: appendHandler(log),
    delete: unimplemented,
    tombstone: unimplemented,
    batchAppend: unimplementedStream,
  } satisfies UntypedServiceImplementation);
  server.addService(GossipService, { read: gossipHandler(() => endpoints) });
  server.addService(ServerFeaturesService, { getSupportedMethods: supportedMethodsHandler() });

  for (let i = 0; i < (options.nodes ?? 1); i += 1) {
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`${HOST}:0`, ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    endpoints.push({ address: HOST, port });
  }

  const hosts = endpoints.map((e) => `${e.address}:${e.port}`);
  let stopped: Promise<void> | undefined;
  return {
    connectionString: `esdb://${hosts[0]}?tls=false`,
    clusterConnectionString: `esdb://${hosts.join(',')}?tls=false`,
    discoverConnectionString: `esdb+discover://${hosts[0]}?tls=false`,
    endpoints,
    log,
    stop: () =>
      (stopped ??= new Promise<void>((resolve) => {
        // Live subscriptions never end by themselves: give calls a moment, then cut them.
        const force = setTimeout(() => server.forceShutdown(), 500);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      })),
  };
}

function seedSystemEvents(log: InMemoryLog): void {
  for (const [i, seed] of SYSTEM_SEED.entries()) {
    log.append(seed.stream, { kind: 'any' }, [
      {
        id: `00000000-0000-4000-8000-00000000000${i}`,
        type: seed.type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(seed.data)),
        customMetadata: new Uint8Array(),
      },
    ]);
  }
}

const unimplemented = (_call: unknown, callback: (error: { code: number; details: string }) => void): void =>
  callback({ code: status.UNIMPLEMENTED, details: 'not implemented by the EventStoreDB double' });

const unimplementedStream = (call: { emit(event: 'error', error: unknown): void }): void => {
  call.emit('error', { code: status.UNIMPLEMENTED, details: 'not implemented by the EventStoreDB double' });
};
