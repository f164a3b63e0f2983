import { canonicalJson } from '../shared/canonical-json';
import { accept, reject, type Decider, type Decision } from '../shared/decider';
import type { RuleViolation } from '../shared/rule-violation';
import { DIRECTORY_EVENT_TYPES as T, type UnitDetails, type UnitEvent } from './directory.events';
import { validateUnit, validateUnitStatusChange, type Unit } from './unit';

/** A directory row as a command: the unit as the import file states it now. */
export interface ImportUnit {
  readonly type: 'importUnit';
  readonly unit: Unit;
}
export type UnitCommand = ImportUnit;

/** The unit as its stream says; null before it is registered. */
export type UnitState = Unit | null;

export interface DirectoryRejection {
  readonly kind: 'ruleViolations';
  readonly violations: readonly RuleViolation[];
}

export function evolveUnit(unit: UnitState, event: UnitEvent): UnitState {
  switch (event.type) {
    case T.UnitRegistered:
      return event.data.unit;
    case T.UnitUpdated:
      return unit && { ...unit, ...event.data.changes };
    case T.UnitStatusChanged: {
      if (!unit) return unit;
      const { status, statusDate } = event.data;
      const { statusDate: _previous, ...rest } = unit;
      return statusDate === null ? { ...rest, status } : { ...rest, status, statusDate };
    }
    default:
      // A newer event kind this code does not know: leave the record as it is.
      return unit;
  }
}

/**
 * Only what changed becomes an event, so importing the same file again appends nothing: a new unit
 * is registered; changed details are one UnitUpdated with just those fields; a status change is its
 * own event, checked against the current status (a deregistered unit stays deregistered).
 */
export function decideUnit(command: UnitCommand, current: UnitState): Decision<UnitEvent, DirectoryRejection> {
  const { unit } = command;
  const problems = validateUnit(unit);
  if (problems.length > 0) return reject({ kind: 'ruleViolations', violations: problems });
  if (!current) return accept({ type: T.UnitRegistered, data: { unit } });

  const events: UnitEvent[] = [];
  const { status: _s, statusDate: _d, ...details } = unit;
  const changes: Partial<Record<keyof UnitDetails, unknown>> = {};
  for (const [field, value] of Object.entries(details) as [keyof UnitDetails, unknown][]) {
    if (canonicalJson(value) !== canonicalJson(current[field])) changes[field] = value;
  }
  if (Object.keys(changes).length > 0) events.push({ type: T.UnitUpdated, data: { unitId: unit.id, changes: changes as Partial<UnitDetails> } });
  // A status date under an unchanged status is not a change: the date belongs to the change itself.
  if (unit.status !== current.status) {
    const date = unit.statusDate ?? '';
    const violations = validateUnitStatusChange(current, unit.status, date);
    if (violations.length > 0) return reject({ kind: 'ruleViolations', violations });
    events.push({ type: T.UnitStatusChanged, data: { unitId: unit.id, previousStatus: current.status, status: unit.status, statusDate: date } });
  }
  return accept(...events);
}

export const unitDecider: Decider<UnitCommand, UnitEvent, UnitState, DirectoryRejection> = {
  initialState: () => null,
  evolve: evolveUnit,
  decide: decideUnit,
};
