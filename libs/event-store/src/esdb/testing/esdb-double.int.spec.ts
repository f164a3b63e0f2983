import { randomUUID } from 'node:crypto';
import {
  ANY,
  EventStoreDBClient,
  NO_STREAM,
  START,
  WrongExpectedVersionError,
  excludeSystemEvents,
  jsonEvent,
  type AllStreamResolvedEvent,
} from '@eventstore/db-client';
import { startEsdbDouble, type EsdbDouble } from './esdb-double';

/**
 * The double's server-side semantics, checked through the real client with no adapter in between,
 * so a lenient adapter cannot hide a lenient double.
 */
describe('EventStoreDB gRPC double', () => {
  let double: EsdbDouble;
  let client: EventStoreDBClient;

  beforeAll(async () => {
    double = await startEsdbDouble();
    client = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterAll(async () => {
    await client.dispose();
    await double.stop();
  });

  const event = (type = 'DoubleTested.v1') => jsonEvent({ id: randomUUID(), type, data: { type } });

  it('answers a wrong expectation with WrongExpectedVersion carrying expected and current', async () => {
    const stream = `wev-${randomUUID()}`;
    await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
    const error = await client.appendToStream(stream, event(), { expectedRevision: 0n }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WrongExpectedVersionError);
    expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
  });

  it("treats a retry with 'any' as idempotent, and a partly matching batch as a wrong expectation", async () => {
    const stream = `idem-${randomUUID()}`;
    const batch = [event(), event()];
    const first = await client.appendToStream(stream, batch, { expectedRevision: ANY });
    const retried = await client.appendToStream(stream, batch, { expectedRevision: ANY });
    expect(retried).toEqual(first);
    await expect(client.appendToStream(stream, [batch[0]!, event()], { expectedRevision: ANY })).rejects.toBeInstanceOf(
      WrongExpectedVersionError,
    );
    expect(double.log.stream(stream)).toHaveLength(2);
  });

  it('reads $all from a position inclusively, and subscribes from a position exclusively', async () => {
    const stream = `pos-${randomUUID()}`;
    const result = await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
    const records = double.log.stream(stream)!;
    const firstPosition = BigInt(records[0]!.position);
    const from = { commit: firstPosition, prepare: firstPosition };

    const read: AllStreamResolvedEvent[] = [];
    for await (const resolved of client.readAll({ fromPosition: from, maxCount: 1 })) read.push(resolved);
    expect(read.map((r) => r.event?.position?.commit)).toEqual([firstPosition]);

    const subscription = client.subscribeToAll({ fromPosition: from });
    try {
      const [next] = await collect(subscription, 1);
      expect(next!.event?.position?.commit).toBe(result.position!.commit);
    } finally {
      await subscription.unsubscribe();
    }
  });

  it('rejects a $all position inside a record, as a node does', async () => {
    const stream = `inside-${randomUUID()}`;
    await client.appendToStream(stream, event(), { expectedRevision: NO_STREAM });
    const inside = BigInt(double.log.stream(stream)![0]!.position - 1);
    const read = async (): Promise<void> => {
      for await (const _ of client.readAll({ fromPosition: { commit: inside, prepare: inside }, maxCount: 1 })) {
        /* drain */
      }
    };
    await expect(read()).rejects.toThrow(/Invalid position/);
  });

  it('confirms a subscription, reports catching up, and filters server-side', async () => {
    const subscription = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
    const confirmed = new Promise<void>((resolve) => subscription.once('confirmation', resolve));
    const caughtUp = new Promise<void>((resolve) => subscription.once('caughtUp', resolve));
    const types: string[] = [];
    subscription.on('data', (resolved: AllStreamResolvedEvent) => types.push(resolved.event!.type));
    try {
      await confirmed;
      await caughtUp;
      await client.appendToStream(`$stats-${randomUUID()}`, event('$statsCollected'));
      await client.appendToStream(`live-${randomUUID()}`, event('Live.v1'));
      await waitFor(() => types.includes('Live.v1'));
      expect(types.filter((type) => type.startsWith('$'))).toEqual([]);
    } finally {
      await subscription.unsubscribe();
    }
  });
});

async function collect(subscription: AsyncIterable<AllStreamResolvedEvent>, count: number): Promise<AllStreamResolvedEvent[]> {
  const received: AllStreamResolvedEvent[] = [];
  for await (const resolved of subscription) {
    received.push(resolved);
    if (received.length >= count) break;
  }
  return received;
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
