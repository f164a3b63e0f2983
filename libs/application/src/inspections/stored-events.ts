import type { InspectionEvent, StoredInspectionEvent, Upcast } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';
import { storedEventOf, toStoredEvent } from '../commands/stored-event';

/** A recorded event of a case as the inspection decider folds it (upcast, like every fold). */
export const toStoredInspectionEvent = (event: RecordedEvent): StoredInspectionEvent => toStoredEvent<InspectionEvent>(event);

/** The same with other upcast steps than production's (tests of a version move). */
export const toStoredInspectionEventWith =
  (upcast: Upcast) =>
  (event: RecordedEvent): StoredInspectionEvent =>
    storedEventOf<InspectionEvent>(event, upcast);
