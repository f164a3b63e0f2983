import { randomUUID } from 'node:crypto';
import { CHECKLIST_ITEM_NUMBERS, INSPECTION_EVENT_TYPES as T, inspectionStreamId, type InspectionResultRecordedData } from '@shuangsui/domain';
import { sealEvents, type EventStore, type Json, type NewEvent } from '@shuangsui/event-store';

/**
 * Realistic inspection histories for the replay benchmark, in the shapes of the domain's fixtures:
 * monthly cohorts of cases drawn and assigned, then inspected, (some returned and re-recorded),
 * approved, referred when hazards were found, published, ordered, re-inspected and closed. Cases of
 * a cohort interleave the way a month's work does. Appended many at a time so group commit writes
 * them in large transactions. Memory is bounded by the cohort size, not by the history.
 */

export interface HistoryOptions {
  readonly events: number;
  readonly cohort?: number;
  readonly onProgress?: (events: number) => void;
}

interface CaseState {
  readonly caseId: string;
  readonly streamId: string;
  readonly month: string;
  readonly hazards: boolean;
  readonly returned: boolean;
  revision: number;
  hash: string | null;
}

const INSPECTORS = Array.from({ length: 12 }, (_, i) => `insp-${String(i + 1).padStart(2, '0')}`);
const STRATA = ['A-nonkey', 'B-nonkey', 'C-key', 'D-key', 'C-crowd'];

export async function generateHistory(store: EventStore, options: HistoryOptions): Promise<number> {
  const cohortSize = options.cohort ?? 2_000;
  let written = 0;
  let caseNo = 0;
  let cohortNo = 0;
  while (written < options.events) {
    const month = `${2025 + Math.floor((cohortNo / 8) % 2)}-${String((Math.floor(cohortNo / 4) % 12) + 1).padStart(2, '0')}`;
    cohortNo += 1;
    const cases: CaseState[] = Array.from({ length: cohortSize }, () => {
      caseNo += 1;
      const caseId = `b-${caseNo}`;
      return { caseId, streamId: inspectionStreamId(caseId), month, hazards: caseNo % 4 === 0, returned: caseNo % 20 === 0, revision: -1, hash: null };
    });
    const phases: ((c: CaseState, n: number) => { type: string; data: unknown; command: string; actor: string }[])[] = [
      (c, n) => [
        { type: T.InspectionDrawn, data: drawn(c, n), command: 'draw', actor: 'planner' },
        { type: T.InspectorsAssigned, data: { inspectorIds: pair(n), drawId: `draw-${c.month}` }, command: 'assign', actor: 'planner' },
      ],
      (c) => [{ type: T.InspectionResultRecorded, data: result(c), command: 'recordResult', actor: 'inspector' }],
      (c) => (c.returned ? [{ type: T.InspectionResultReturned, data: { reviewerId: 'rev-1', reason: '第3项记录不完整' }, command: 'review', actor: 'reviewer' }] : []),
      (c) => (c.returned ? [{ type: T.InspectionResultRecorded, data: result(c), command: 'recordResult', actor: 'inspector' }] : []),
      () => [{ type: T.InspectionResultApproved, data: { reviewerId: 'rev-1', comment: null }, command: 'review', actor: 'reviewer' }],
      (c) => (c.hazards ? [{ type: T.HazardReferralOpened, data: { hazardIds: ['h1'], hasMajorHazard: false, approvalEventId: randomUUID() }, command: 'openReferral', actor: 'system' }] : []),
      (c) => [{ type: T.InspectionResultPublished, data: { publishedOn: `${c.month}-25` }, command: 'publish', actor: 'planner' }],
      (c) => (c.hazards ? [{ type: T.RectificationOrderIssued, data: { orderNo: `示消限字〔${c.month.slice(0, 4)}〕第${c.caseId}号`, issuedOn: `${c.month}-12`, deadline: `${c.month}-26` }, command: 'issueRectificationOrder', actor: 'inspector' }] : []),
      (c) => (c.hazards ? [{ type: T.ReinspectionRecorded, data: { reinspectedOn: `${c.month}-27`, rectified: true, note: null }, command: 'recordReinspection', actor: 'inspector' }] : []),
      (c) => (c.hazards ? [{ type: T.HazardReferralClosed, data: { note: '已整改' }, command: 'closeReferral', actor: 'reviewer' }] : []),
    ];
    for (const phase of phases) {
      const appends: Promise<unknown>[] = [];
      for (const [index, c] of cases.entries()) {
        if (written >= options.events) break;
        const planned = phase(c, caseNo - cohortSize + index).slice(0, options.events - written);
        if (planned.length === 0) continue;
        const events: NewEvent[] = planned.map((event) => ({
          id: randomUUID(),
          type: event.type,
          data: event.data as Json,
          metadata: {
            occurredAt: `${c.month}-${String(10 + (index % 15)).padStart(2, '0')}T02:00:00.000Z`,
            actor: { id: `${event.actor}-1`, role: event.actor },
            correlationId: randomUUID(),
            causationId: null,
            commandId: randomUUID(),
            command: event.command,
          },
        }));
        const sealed = sealEvents(c.streamId, c.revision < 0 ? null : { revision: c.revision, hash: c.hash }, events);
        const expectedRevision = c.revision < 0 ? ('no_stream' as const) : c.revision;
        c.revision += sealed.length;
        c.hash = (sealed[sealed.length - 1]!.metadata as { hash: string }).hash;
        written += sealed.length;
        appends.push(store.appendToStream(c.streamId, sealed, { expectedRevision }));
      }
      await Promise.all(appends);
      options.onProgress?.(written);
    }
  }
  return written;
}

function pair(n: number): [string, string] {
  const a = n % INSPECTORS.length;
  return [INSPECTORS[a]!, INSPECTORS[(a + 1 + (n % 5)) % INSPECTORS.length]!];
}

function drawn(c: CaseState, n: number): unknown {
  return {
    caseId: c.caseId,
    drawId: `draw-${c.month}`,
    planId: `plan-${c.month.slice(0, 4)}`,
    month: c.month,
    stratum: STRATA[n % STRATA.length],
    authority: '示例区消防救援大队',
    unit: {
      id: `unit-${n}`,
      name: `示例市第${n}号商贸有限公司`,
      creditCode: `91330703MA${String(n).padStart(7, '0')}X`,
      address: `示例区星河路${n % 500}号`,
      district: `第${n % 9}街道`,
      riskGrade: 'ABCD'[n % 4],
      isKeyUnit: n % 3 === 0,
      isCrowdDense: n % 6 === 0,
    },
  };
}

function result(c: CaseState): InspectionResultRecordedData {
  const items = CHECKLIST_ITEM_NUMBERS.map((item) => ({
    item,
    outcome: c.hazards && item === 5 ? ('non_compliant' as const) : ('compliant' as const),
    ...(c.hazards && item === 5 ? { note: '安全出口被货物堵塞' } : {}),
  }));
  return {
    visitDate: `${c.month}-10`,
    category: c.hazards ? 'pending_follow_up' : 'no_problem',
    items,
    hazards: c.hazards ? [{ id: 'h1', item: 5, description: '二层东侧安全出口被货物堵塞', severity: 'ordinary', correctedOnSite: false }] : [],
    notInspectedReason: null,
  };
}
