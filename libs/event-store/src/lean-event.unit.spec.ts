import type { Json, RecordedEvent } from './event-store.port';
import { toLeanEvent } from './lean-event';

const recordedAt = '2026-03-01T00:30:00.123Z';

function recorded(metadata: Json, data: Json = { n: 1 }): RecordedEvent {
  return { id: 'e-1', type: 'Tested.v1', data, metadata, streamId: 's-1', revision: 3, position: 42, recordedAt };
}

describe('toLeanEvent', () => {
  it('keeps id, stream, position, type and data, and reduces the metadata to occurredAt', () => {
    const data: Json = { unit: '金华市星河商贸有限公司 🚒', items: [1, null, { ok: true }] };
    const metadata: Json = { occurredAt: '2026-02-28T16:00:00.000Z', actor: { id: 'inspector-1', role: 'inspector' }, hash: 'ab' };
    expect(toLeanEvent(recorded(metadata, data))).toStrictEqual({
      id: 'e-1',
      streamId: 's-1',
      position: 42,
      type: 'Tested.v1',
      data,
      occurredAt: '2026-02-28T16:00:00.000Z',
    });
  });

  it.each<[string, Json, string]>([
    ['occurredAt not the first key', { actor: 'a', occurredAt: 'T1' }, 'T1'],
    ['an empty string', { occurredAt: '' }, ''],
    ['quotes and backslashes', { occurredAt: 'say "hi" \\ there\n' }, 'say "hi" \\ there\n'],
    ['no occurredAt', { actor: 'a' }, recordedAt],
    ['occurredAt a number', { occurredAt: 1772325000000 }, recordedAt],
    ['occurredAt null', { occurredAt: null }, recordedAt],
    ['occurredAt an object', { occurredAt: { at: 'T1' } }, recordedAt],
    ['occurredAt only nested', { actor: { occurredAt: 'T1' } }, recordedAt],
    ['null metadata', null, recordedAt],
    ['array metadata', ['occurredAt', 'T1'], recordedAt],
    ['string metadata that looks like an object', '{"occurredAt":"T1"}', recordedAt],
    ['number metadata', 7, recordedAt],
  ])('%s', (_label, metadata, expected) => {
    expect(toLeanEvent(recorded(metadata)).occurredAt).toBe(expected);
  });
});
