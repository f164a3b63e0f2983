import { randomUUID } from 'node:crypto';
import { createEventStore, EVENT_STORE_SETTING } from '../create-event-store';
import { dropSchema, TEST_DATABASE_URL, uniqueTestSchema } from './pg-test-database';
import { PostgresEventStore } from './postgres-event-store';

describe('createEventStore with a postgres:// URL', () => {
  const schema = uniqueTestSchema('test_url');
  afterAll(() => dropSchema(schema));

  it.each(['postgres', 'postgresql'])('opens a PostgresEventStore in the schema the %s:// URL names', async (scheme) => {
    const url = `${TEST_DATABASE_URL.replace(/^postgres(ql)?:/, `${scheme}:`)}?schema=${schema}&poolSize=2`;
    const store = await createEventStore(url);
    try {
      expect(store).toBeInstanceOf(PostgresEventStore);
      expect((store as PostgresEventStore).schema).toBe(schema);
      const streamId = `url-${randomUUID()}`;
      await store.appendToStream(streamId, [{ id: randomUUID(), type: 'Opened.v1', data: {}, metadata: {} }], {
        expectedRevision: 'no_stream',
      });
      expect(await store.readStream(streamId)).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('fails start-up with a message naming the setting when the server is unreachable (password hidden)', async () => {
    await expect(createEventStore('postgres://postgres:secret@127.0.0.1:1/test')).rejects.toThrow(
      new RegExp(`^${EVENT_STORE_SETTING}="postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:1/test": cannot open`),
    );
  });

  it('rejects a poolSize that is not a positive integer', async () => {
    await expect(createEventStore(`${TEST_DATABASE_URL}?poolSize=zero`)).rejects.toThrow(/poolSize must be a positive integer/);
  });
});
