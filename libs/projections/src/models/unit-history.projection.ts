import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { payload, T } from './event-data';

/**
 * What each case says about its unit's past checks, so a draw's freeze and a unit's closure need no
 * scan of the log: the unit, whether the case is still open (`drawn` or `assigned`, the only states a
 * cancellation may stop), its current pair, and its last recorded result (visit date, the pair that
 * made the visit, the result's position). The same fold as the draws' UnitHistoryFold over the cases.
 */
export interface UnitCaseRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly unit_id: string;
  readonly plan_id: string;
  readonly month: string;
  /** 1 while the case is drawn or assigned (a returned result puts it back to assigned), else 0. */
  readonly open: number;
  readonly inspector_a: string | null;
  readonly inspector_b: string | null;
  /** From the LAST InspectionResultRecorded (a returned result is recorded again). */
  readonly visit_date: string | null;
  readonly visit_inspector_a: string | null;
  readonly visit_inspector_b: string | null;
  readonly visit_position: number | null;
}

export const UNIT_CASES: TableSpec = {
  name: 'unit_cases',
  key: 'case_id',
  columns: {
    case_id: 'text', unit_id: 'text', plan_id: 'text', month: 'text', open: 'integer', inspector_a: 'text', inspector_b: 'text',
    visit_date: 'text', visit_inspector_a: 'text', visit_inspector_b: 'text', visit_position: 'integer',
  },
  indexes: [['unit_id', 'open'], ['visit_date']],
};

type Evolve = (row: UnitCaseRow, event: LeanEvent) => UnitCaseRow;
/** Events of a case never seen drawn are ignored, as the fold does: no row is invented. */
const known = (evolve: Evolve) => caseRowHandler<UnitCaseRow>(UNIT_CASES.name, (row, event) => (row ? evolve(row, event) : undefined));

const withPair = (row: UnitCaseRow, [a, b]: readonly [string, string], open: number): UnitCaseRow => ({ ...row, open, inspector_a: a, inspector_b: b });

/**
 * Only the events that change these columns are registered, so the runner skips the rest of a case's
 * life (approval, publication, referrals) without fetching its row: approval and publication follow a
 * recorded result, so the case is closed already, and referrals touch none of this.
 */
const handlers: EventHandlers = {
  [T.InspectionDrawn]: caseRowHandler<UnitCaseRow>(UNIT_CASES.name, (_row, event, caseId) => {
    const data = payload(event, T.InspectionDrawn);
    return {
      case_id: caseId, unit_id: data.unit.id, plan_id: data.planId, month: data.month, open: 1, inspector_a: null, inspector_b: null,
      visit_date: null, visit_inspector_a: null, visit_inspector_b: null, visit_position: null,
    };
  }),
  [T.InspectorsAssigned]: known((row, event) => withPair(row, payload(event, T.InspectorsAssigned).inspectorIds, row.open)),
  [T.InspectorsReassigned]: known((row, event) => withPair(row, payload(event, T.InspectorsReassigned).inspectorIds, row.open)),
  [T.InspectionResultRecorded]: known((row, event) => ({
    ...row,
    open: 0,
    visit_date: payload(event, T.InspectionResultRecorded).visitDate,
    visit_inspector_a: row.inspector_a,
    visit_inspector_b: row.inspector_b,
    visit_position: event.position,
  })),
  // The machine sends a returned result back to `assigned`, where a cancellation may stop it again.
  [T.InspectionResultReturned]: known((row) => ({ ...row, open: 1 })),
  [T.InspectionCancelled]: known((row) => ({ ...row, open: 0 })),
};

export const unitHistoryProjection: Projection = { name: 'unit-history', version: 1, tables: [UNIT_CASES], handlers };
