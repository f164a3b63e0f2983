import type { InspectionEvent, StoredInspectionEvent } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';
import { toStoredEvent } from '../commands/stored-event';

/** A recorded event of a case as the inspection decider folds it. */
export const toStoredInspectionEvent = (event: RecordedEvent): StoredInspectionEvent => toStoredEvent<InspectionEvent>(event);
