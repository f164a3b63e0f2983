import {
  DIRECTORY_EVENT_TYPES as D,
  evolveInspector,
  evolveUnit,
  INSPECTOR_STREAM_PREFIX,
  UNIT_STREAM_PREFIX,
  type Inspector,
  type InspectorEvent,
  type Unit,
  type UnitEvent,
} from '@shuangsui/domain/directory';
import type { LeanEvent } from '@shuangsui/event-store';
import type { EventHandler, EventHandlers, Projection } from '../projection';
import type { TableSpec } from '../read-store.port';

/**
 * The unit and inspector directories as their streams fold them (the same `evolveUnit` /
 * `evolveInspector` the deciders use), one row per unit and per inspector, so a request reads the
 * directory instead of scanning the whole log for it.
 */

export interface DirectoryUnitRow {
  readonly [column: string]: unknown;
  readonly unit_id: string;
  readonly record: Unit;
  /** Stream revision of the unit's last event: the expected revision of the next write to `unit-<id>`. */
  readonly revision: number;
  /** The record's status, as a column so closed/deregistered units can be found without parsing records. */
  readonly status: string;
  /** For the directory page's search and sort (DirectoryReadModel.searchUnits). */
  readonly name: string;
  readonly risk_grade: string;
  /** Name and credit code, for one substring search over both. */
  readonly search_text: string;
}

export interface DirectoryInspectorRow {
  readonly [column: string]: unknown;
  readonly inspector_id: string;
  readonly record: Inspector;
  readonly revision: number;
}

export const DIRECTORY_UNITS: TableSpec = {
  name: 'directory_units',
  key: 'unit_id',
  columns: { unit_id: 'text', record: 'json', revision: 'integer', status: 'text', name: 'text', risk_grade: 'text', search_text: 'text' },
  indexes: [['status'], ['name'], ['risk_grade']],
};

export const DIRECTORY_INSPECTORS: TableSpec = {
  name: 'directory_inspectors',
  key: 'inspector_id',
  columns: { inspector_id: 'text', record: 'json', revision: 'integer' },
};

type Fold<R, E> = (record: R | null, event: E) => R | null;

/**
 * One row per stream of `prefix`, evolved by `fold`. LeanEvent carries no revision, so the row counts
 * it (first event 0, then +1): directory streams hold only these events, and a projection sees every
 * event of a stream, in order, exactly once.
 */
function streamRecordHandler<R, E>(table: string, prefix: string, keyColumn: string, fold: Fold<R, E>, extra: (record: R) => Record<string, unknown> = () => ({})): EventHandler {
  const idOf = (event: LeanEvent): string | null => (event.streamId.startsWith(prefix) ? event.streamId.slice(prefix.length) : null);
  return {
    rows: (event) => {
      const id = idOf(event);
      return id === null ? [] : [{ table, key: id }];
    },
    apply: (event, rows) => {
      const id = idOf(event);
      if (id === null) return;
      const current = rows.get<{ record: R; revision: number }>(table, id);
      const record = fold(current?.record ?? null, event as unknown as E);
      // Null only for an update of a record never registered: nothing to show, as the fold says.
      if (record === null) return;
      rows.put(table, { [keyColumn]: id, record, revision: current ? current.revision + 1 : 0, ...extra(record) });
    },
  };
}

const unitHandler = streamRecordHandler<Unit, UnitEvent>(DIRECTORY_UNITS.name, UNIT_STREAM_PREFIX, 'unit_id', evolveUnit, (unit) => ({
  status: unit.status,
  name: unit.name,
  risk_grade: unit.riskGrade,
  search_text: `${unit.name}\u0001${unit.creditCode}`,
}));
const inspectorHandler = streamRecordHandler<Inspector, InspectorEvent>(DIRECTORY_INSPECTORS.name, INSPECTOR_STREAM_PREFIX, 'inspector_id', evolveInspector);

const handlers: EventHandlers = {
  [D.UnitRegistered]: unitHandler,
  [D.UnitUpdated]: unitHandler,
  [D.UnitStatusChanged]: unitHandler,
  [D.InspectorRegistered]: inspectorHandler,
  [D.InspectorUpdated]: inspectorHandler,
};

export const directoryProjection: Projection = {
  name: 'directory',
  // Version 2: name, grade and search columns for the directory page.
  version: 2,
  tables: [DIRECTORY_UNITS, DIRECTORY_INSPECTORS],
  handlers,
};
