import { allowedCommands, statusOf, type InspectionCommandType, type InspectionState, type InspectionStatus } from '@shuangsui/domain';
import type { RecordedEvent } from '@shuangsui/event-store';

/** What a command answers. Built only from stored events, so a repeated command gets the same answer. */
export interface CommandResult {
  readonly caseId: string;
  readonly revision: number;
  readonly position: number;
  readonly events: readonly { readonly id: string; readonly type: string; readonly revision: number }[];
  readonly status: InspectionStatus;
  readonly allowedCommands: readonly InspectionCommandType[];
}

export function commandResult(caseId: string, events: readonly RecordedEvent[], stateAfter: InspectionState): CommandResult {
  const last = events[events.length - 1];
  return {
    caseId,
    revision: stateAfter.revision,
    position: last?.position ?? 0,
    events: events.map((event) => ({ id: event.id, type: event.type, revision: event.revision })),
    status: statusOf(stateAfter.snapshot),
    allowedCommands: allowedCommands(stateAfter.snapshot),
  };
}
