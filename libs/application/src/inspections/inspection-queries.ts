import {
  allowedCommands,
  foldInspection,
  inspectionStreamId,
  statusOf,
  type InspectionCommandType,
  type InspectionContext,
  type InspectionStatus,
} from '@shuangsui/domain';
import { StreamNotFoundError, type EventStore, type RecordedEvent } from '@shuangsui/event-store';
import { CaseNotFoundError } from '../errors';
import { toStoredInspectionEvent } from './stored-events';

export interface CaseView {
  readonly id: string;
  readonly revision: number;
  readonly status: InspectionStatus;
  readonly allowedCommands: readonly InspectionCommandType[];
  readonly case: InspectionContext;
  /** Set when the view is of a past moment (compliance replay). */
  readonly asOf: { readonly revision: number; readonly occurredAt: string | null } | null;
}

export interface HistoryEntry {
  readonly id: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly recordedAt: string;
}

/** A point in a case's past: a revision, or a moment (events that had occurred by then). */
export type PointInTime = { readonly revision: number } | { readonly time: string };

/** Read side that needs no projection: every view is the fold of the case's own stream. */
export class InspectionQueries {
  constructor(private readonly store: EventStore) {}

  async getCase(caseId: string, at?: PointInTime): Promise<CaseView> {
    const all = await this.read(caseId);
    const events = at ? all.filter((event) => isAtOrBefore(event, at)) : all;
    const state = foldInspection(events.map(toStoredInspectionEvent));
    const last = events[events.length - 1];
    return {
      id: caseId,
      revision: state.revision,
      status: statusOf(state.snapshot),
      allowedCommands: at ? [] : allowedCommands(state.snapshot),
      case: state.snapshot.context,
      asOf: at ? { revision: state.revision, occurredAt: last ? occurredAt(last) : null } : null,
    };
  }

  async getHistory(caseId: string): Promise<HistoryEntry[]> {
    return (await this.read(caseId)).map(({ id, revision, position, type, data, metadata, recordedAt }) => ({
      id,
      revision,
      position,
      type,
      data,
      metadata,
      recordedAt,
    }));
  }

  private async read(caseId: string): Promise<RecordedEvent[]> {
    try {
      return await this.store.readStream(inspectionStreamId(caseId));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new CaseNotFoundError(caseId);
      throw error;
    }
  }
}

function occurredAt(event: RecordedEvent): string {
  return (event.metadata as { occurredAt?: string } | null)?.occurredAt ?? event.recordedAt;
}

function isAtOrBefore(event: RecordedEvent, at: PointInTime): boolean {
  return 'revision' in at ? event.revision <= at.revision : Date.parse(occurredAt(event)) <= Date.parse(at.time);
}
