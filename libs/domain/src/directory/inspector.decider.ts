import { canonicalJson } from '../shared/canonical-json';
import { accept, reject, type Decider, type Decision } from '../shared/decider';
import { DIRECTORY_EVENT_TYPES as T, type InspectorEvent } from './directory.events';
import { validateInspector, type Inspector } from './inspector';
import type { DirectoryRejection } from './unit.decider';

/** A directory row as a command: the inspector as the import file states them now. */
export interface ImportInspector {
  readonly type: 'importInspector';
  readonly inspector: Inspector;
}
export type InspectorCommand = ImportInspector;

/** The inspector as their stream says; null before they are registered. */
export type InspectorState = Inspector | null;

export function evolveInspector(inspector: InspectorState, event: InspectorEvent): InspectorState {
  switch (event.type) {
    case T.InspectorRegistered:
      return event.data.inspector;
    case T.InspectorUpdated:
      return inspector && { ...inspector, ...event.data.changes };
    default:
      return inspector;
  }
}

/** A new inspector is registered; changed fields are one InspectorUpdated (leaves and conflicts as whole lists). */
export function decideInspector(command: InspectorCommand, current: InspectorState): Decision<InspectorEvent, DirectoryRejection> {
  const { inspector } = command;
  const problems = validateInspector(inspector);
  if (problems.length > 0) return reject({ kind: 'ruleViolations', violations: problems });
  if (!current) return accept({ type: T.InspectorRegistered, data: { inspector } });
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(inspector)) {
    if (field !== 'id' && canonicalJson(value) !== canonicalJson((current as unknown as Record<string, unknown>)[field])) changes[field] = value;
  }
  if (Object.keys(changes).length === 0) return accept();
  return accept({ type: T.InspectorUpdated, data: { inspectorId: inspector.id, changes } });
}

export const inspectorDecider: Decider<InspectorCommand, InspectorEvent, InspectorState, DirectoryRejection> = {
  initialState: () => null,
  evolve: evolveInspector,
  decide: decideInspector,
};
