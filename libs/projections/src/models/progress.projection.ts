import type { LeanEvent } from '@shuangsui/event-store';
import { caseRowHandler, type EventHandlers, type Projection } from '../projection';
import type { TableSpec } from '../read-store.port';
import { dayOf, payload, T } from './event-data';

/** One row per case: where it is in its life, for counts by month/stratum/inspector and overdue lists. */
export interface ProgressCaseRow {
  readonly [column: string]: unknown;
  readonly case_id: string;
  readonly plan_id: string;
  readonly month: string;
  readonly stratum: string;
  readonly unit_name: string;
  readonly district: string;
  /** drawn | assigned | inspected | reviewed | published | cancelled */
  readonly state: string;
  readonly inspector_a: string | null;
  readonly inspector_b: string | null;
  readonly drawn_on: string;
  readonly inspected_on: string | null;
  readonly result_category: string | null;
  readonly has_hazards: number;
  readonly returns: number;
  readonly approved_on: string | null;
  readonly published_on: string | null;
  readonly cancelled_on: string | null;
}

export const PROGRESS_CASES: TableSpec = {
  name: 'progress_cases',
  key: 'case_id',
  columns: {
    case_id: 'text', plan_id: 'text', month: 'text', stratum: 'text', unit_name: 'text', district: 'text', state: 'text',
    inspector_a: 'text', inspector_b: 'text', drawn_on: 'text', inspected_on: 'text', result_category: 'text',
    has_hazards: 'integer', returns: 'integer', approved_on: 'text', published_on: 'text', cancelled_on: 'text',
  },
  indexes: [['month', 'state'], ['state'], ['inspector_a'], ['inspector_b'], ['plan_id']],
};

type Evolve = (row: ProgressCaseRow | undefined, event: LeanEvent, caseId: string) => ProgressCaseRow | undefined;
const onCase = (evolve: Evolve) => caseRowHandler<ProgressCaseRow>(PROGRESS_CASES.name, evolve);
const known = (evolve: (row: ProgressCaseRow, event: LeanEvent) => ProgressCaseRow): Evolve => (row, event) => (row ? evolve(row, event) : undefined);

const handlers: EventHandlers = {
  [T.InspectionDrawn]: onCase((_row, event, caseId) => {
    const data = payload(event, T.InspectionDrawn);
    return {
      case_id: caseId, plan_id: data.planId, month: data.month, stratum: data.stratum, unit_name: data.unit.name,
      district: data.unit.district, state: 'drawn', inspector_a: null, inspector_b: null, drawn_on: dayOf(event),
      inspected_on: null, result_category: null, has_hazards: 0, returns: 0, approved_on: null, published_on: null, cancelled_on: null,
    };
  }),
  [T.InspectorsAssigned]: onCase(known((row, event) => {
    const [a, b] = payload(event, T.InspectorsAssigned).inspectorIds;
    return { ...row, state: 'assigned', inspector_a: a, inspector_b: b };
  })),
  [T.InspectorsReassigned]: onCase(known((row, event) => {
    const [a, b] = payload(event, T.InspectorsReassigned).inspectorIds;
    return { ...row, inspector_a: a, inspector_b: b };
  })),
  [T.InspectionResultRecorded]: onCase(known((row, event) => {
    const data = payload(event, T.InspectionResultRecorded);
    return { ...row, state: 'inspected', inspected_on: dayOf(event), result_category: data.category, has_hazards: data.hazards.length > 0 ? 1 : 0 };
  })),
  [T.InspectionResultApproved]: onCase(known((row, event) => ({ ...row, state: 'reviewed', approved_on: dayOf(event) }))),
  [T.InspectionResultReturned]: onCase(known((row) => ({ ...row, state: 'assigned', returns: row.returns + 1 }))),
  [T.InspectionResultPublished]: onCase(known((row, event) => ({ ...row, state: 'published', published_on: payload(event, T.InspectionResultPublished).publishedOn }))),
  [T.InspectionCancelled]: onCase(known((row, event) => ({ ...row, state: 'cancelled', cancelled_on: dayOf(event) }))),
};

export const progressProjection: Projection = { name: 'progress', version: 1, tables: [PROGRESS_CASES], handlers };
