import type { EventStore } from '@shuangsui/event-store';
import { readStreamOrEmpty } from '../commands';
import { DRAW_EVENT_TYPES, drawStreamId, isDrawRecord, type AnyDrawRecord, type DrawFollowUpCompletedData } from '@shuangsui/domain/draw';
import { DrawNotFoundError } from './draw.errors';

export interface DrawView {
  readonly drawId: string;
  readonly recordEventId: string;
  readonly redrawNo: number;
  readonly followUpCompleted: boolean;
  readonly record: AnyDrawRecord;
  readonly history: readonly { readonly id: string; readonly type: string; readonly revision: number; readonly metadata: unknown }[];
}

export class DrawQueries {
  constructor(private readonly store: EventStore) {}

  async getDraw(drawId: string): Promise<DrawView> {
    const events = await readStreamOrEmpty(this.store, drawStreamId(drawId));
    const records = events.filter((event) => isDrawRecord(event.type));
    const latest = records[records.length - 1];
    if (!latest) throw new DrawNotFoundError(drawId);
    return {
      drawId,
      recordEventId: latest.id,
      redrawNo: records.length - 1,
      followUpCompleted: events.some(
        (e) => e.type === DRAW_EVENT_TYPES.DrawFollowUpCompleted && (e.data as unknown as DrawFollowUpCompletedData).recordEventId === latest.id,
      ),
      record: latest.data as unknown as AnyDrawRecord,
      history: events.map(({ id, type, revision, metadata }) => ({ id, type, revision, metadata })),
    };
  }
}
