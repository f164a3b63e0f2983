import { foldInspection, statusOf, upcasterOf } from '@shuangsui/domain';
import { history } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { PUBLISHED_V1_TO_V2, PUBLISHED_V2 } from '@shuangsui/domain/inspection/testing/published-v2.example';
import type { Json, RecordedEvent } from '@shuangsui/event-store';
import { toStoredInspectionEvent, toStoredInspectionEventWith } from './stored-events';

const recorded = (events: ReturnType<typeof history.published>): RecordedEvent[] =>
  events.map((event, revision) => ({
    id: event.id, type: event.type, data: event.data as unknown as Json, metadata: { occurredAt: event.occurredAt },
    streamId: 'inspection-case-1', revision, position: revision + 1, recordedAt: '2026-03-30T00:00:00.000Z',
  }));

describe('recorded events as the fold reads them', () => {
  it('carry the domain time of the metadata, and upcast on the way in', () => {
    const stored = recorded(history.published()).map(toStoredInspectionEventWith(upcasterOf([PUBLISHED_V1_TO_V2])));
    expect(stored.at(-1)).toMatchObject({ type: PUBLISHED_V2, data: { publishedOn: '2026-03-20', recordUrl: null }, occurredAt: '2026-03-01T08:00:00.000Z' });
    expect(statusOf(foldInspection(stored).snapshot).lifecycle).toBe('published');
  });

  it('with no production upcasters yet, come through as stored', () => {
    const events = recorded(history.published());
    expect(events.map(toStoredInspectionEvent).map((event) => event.type)).toEqual(events.map((event) => event.type));
  });
});
