import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { firstValueFrom, filter, take, toArray } from 'rxjs';
import { createEventStore, EVENT_STORE_SETTING } from '../create-event-store';
import type { NewEvent } from '../event-store.port';
import { EsdbEventStore } from './esdb-event-store';
import { startEsdbDouble, type EsdbDouble } from './testing/esdb-double';

/**
 * What the EventStoreDB adapter adds on top of the shared contract: system events stay out of
 * $all, the cluster connection strings work, and the event-store setting accepts esdb URLs.
 */
const newEvent = (type = 'AdapterTested.v1'): NewEvent => ({ id: randomUUID(), type, data: { t: type }, metadata: {} });

describe('EsdbEventStore (EventStoreDB specifics, on the gRPC double)', () => {
  let double: EsdbDouble;
  let store: EsdbEventStore;
  let raw: EventStoreDBClient;

  beforeAll(async () => {
    double = await startEsdbDouble({ nodes: 3 });
    store = await EsdbEventStore.connect(double.connectionString);
    raw = EventStoreDBClient.connectionString(double.connectionString);
  });

  afterAll(async () => {
    await store.close();
    await raw.dispose();
    await double.stop();
  });

  /** Writes system events straight through the client, as the server itself would. */
  async function writeSystemEvents(count: number): Promise<void> {
    const events = Array.from({ length: count }, () => jsonEvent({ type: '$statsCollected', data: { n: 1 } }));
    await raw.appendToStream(`$stats-${randomUUID()}`, events);
  }

  describe('system events', () => {
    it('readAll from the start never returns $-typed events (the double seeds some, as a node has)', async () => {
      await writeSystemEvents(3);
      const user = newEvent();
      await store.appendToStream(`user-${randomUUID()}`, [user], { expectedRevision: 'no_stream' });
      const rawTypes: string[] = [];
      for await (const resolved of raw.readAll()) rawTypes.push(resolved.event!.type);
      expect(rawTypes.filter((type) => type.startsWith('$')).length).toBeGreaterThanOrEqual(5);

      const page = await store.readAll({ maxCount: 1_000_000 });
      expect(page.map((e) => e.id)).toContain(user.id);
      expect(page.filter((e) => e.type.startsWith('$'))).toEqual([]);
    });

    it('a stretch of system events longer than a page is not mistaken for the end of $all', async () => {
      const marker = await store.appendToStream(`marker-${randomUUID()}`, [newEvent()], { expectedRevision: 'no_stream' });
      await writeSystemEvents(7);
      const user = newEvent();
      const after = await store.appendToStream(`user-${randomUUID()}`, [user], { expectedRevision: 'no_stream' });

      const page = await store.readAll({ after: marker.position, maxCount: 1 });
      expect(page.map((e) => e.id)).toEqual([user.id]);
      expect(page[0]!.position).toBe(after.position);
    });

    it('headPosition skips system events after the last event, even more than a backwards page of them', async () => {
      const last = await store.appendToStream(`user-${randomUUID()}`, [newEvent()], { expectedRevision: 'no_stream' });
      await writeSystemEvents(300);
      expect(await store.headPosition()).toBe(last.position);
    });

    it('subscribeToAll filters system events and resumes from a stored position', async () => {
      const checkpoint = await store.appendToStream(`marker-${randomUUID()}`, [newEvent()], { expectedRevision: 'no_stream' });
      const streamId = `user-${randomUUID()}`;
      const first = newEvent();
      const second = newEvent();
      await writeSystemEvents(2);
      await store.appendToStream(streamId, [first], { expectedRevision: 'no_stream' });
      await writeSystemEvents(2);
      await store.appendToStream(streamId, [second], { expectedRevision: 0 });

      const seen = await firstValueFrom(
        store.subscribeToAll({ after: checkpoint.position }).pipe(take(2), toArray()),
      );
      expect(seen.map((e) => e.id)).toEqual([first.id, second.id]);

      // A projector that stored the first event's position resumes with exactly the second.
      const resumed = await firstValueFrom(
        store.subscribeToAll({ after: seen[0]!.position }).pipe(filter((e) => e.streamId === streamId), take(1)),
      );
      expect(resumed.id).toBe(second.id);
    });
  });

  describe('connection strings', () => {
    it.each([
      ['a 3-node gossip seed list', (d: EsdbDouble) => d.clusterConnectionString],
      ['esdb+discover://', (d: EsdbDouble) => d.discoverConnectionString],
    ])('connects through %s and sees the same log', async (_label, connectionString) => {
      expect(double.clusterConnectionString.split(',')).toHaveLength(3);
      const clustered = await EsdbEventStore.connect(connectionString(double));
      try {
        const streamId = `cluster-${randomUUID()}`;
        await clustered.appendToStream(streamId, [newEvent()], { expectedRevision: 'no_stream' });
        expect(await store.readStream(streamId)).toHaveLength(1);
      } finally {
        await clustered.close();
      }
    });

    it('createEventStore opens an esdb:// URL', async () => {
      const opened = await createEventStore(double.connectionString);
      try {
        expect(opened).toBeInstanceOf(EsdbEventStore);
        const result = await opened.appendToStream(`setting-${randomUUID()}`, [newEvent()], { expectedRevision: 'no_stream' });
        expect(result.nextExpectedRevision).toBe(0);
      } finally {
        await opened.close();
      }
    });

    it.each([
      ['an unreachable server', 'esdb://127.0.0.1:1?tls=false'],
      ['a malformed URL', 'esdb://?tls=maybe'],
    ])('fails start-up on %s with a message naming the setting', async (_label, url) => {
      await expect(createEventStore(url)).rejects.toThrow(new RegExp(`^${EVENT_STORE_SETTING}="esdb://`));
    });

    it('hides the password of a URL in the start-up error', async () => {
      await expect(createEventStore('esdb://admin:changeit@127.0.0.1:1?tls=false')).rejects.toThrow(
        /esdb:\/\/admin:\*\*\*@127\.0\.0\.1:1/,
      );
    });
  });
});
