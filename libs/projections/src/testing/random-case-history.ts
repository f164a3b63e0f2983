import { INSPECTION_EVENT_TYPES as T } from '@shuangsui/domain';
import { drawnData, completeResult } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { DIRECTORY_EVENT_TYPES as D, unitStreamId } from '@shuangsui/domain/directory';
import type { EventStore } from '@shuangsui/event-store';
import { aUnit, appendTo, type GivenEvent } from './given-streams';

/** A small deterministic PRNG (mulberry32): the same seed always writes the same history. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Lifecycle = 'drawn' | 'assigned' | 'inspected' | 'reviewed' | 'published' | 'cancelled' | 'referred';

interface Walker {
  readonly caseId: string;
  readonly unitId: string;
  state: Lifecycle | null;
}

const INSPECTOR_IDS = ['i-1', 'i-2', 'i-3', 'i-4', 'i-5', 'i-6'];

/**
 * Random case lives along the inspection machine's transitions (drawn → assigned → inspected →
 * returned/approved → published, reassignments, cancellations of drawn or assigned cases, some
 * cases stopping anywhere), interleaved across cases and mixed with directory events, written
 * round by round: each round advances a random subset of cases by one event (appended together,
 * so group commit interleaves them). No application code is involved.
 */
export async function writeRandomCaseHistory(
  store: EventStore,
  options: { readonly seed: number; readonly cases: number; readonly units: number; /** Spread cases over two plans, three months and three strata. */ readonly spread?: boolean },
): Promise<void> {
  const random = seededRandom(options.seed);
  const pick = <V>(values: readonly V[]): V => values[Math.floor(random() * values.length)]!;
  const pair = (): [string, string] => {
    const a = pick(INSPECTOR_IDS);
    return [a, pick(INSPECTOR_IDS.filter((id) => id !== a))];
  };
  const day = (): string => `2026-${String(1 + Math.floor(random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`;
  const unitIds = Array.from({ length: options.units }, (_, i) => `u-${i}`);
  await Promise.all(unitIds.map((id) => appendTo(store, unitStreamId(id), [{ type: D.UnitRegistered, data: { unit: aUnit({ id }) } }])));

  const walkers: Walker[] = Array.from({ length: options.cases }, (_, i) => ({ caseId: `c-${String(i).padStart(4, '0')}`, unitId: pick(unitIds), state: null }));
  const next = (walker: Walker): GivenEvent | null => {
    const roll = random();
    switch (walker.state) {
      case null: {
        const data = drawnData(walker.caseId);
        const spread = options.spread ? { planId: pick(['plan-2026', 'plan-2027']), month: pick(['2026-03', '2026-04', '2026-05']), stratum: pick(['C-key', 'A', 'B']) } : {};
        return { type: T.InspectionDrawn, data: { ...data, ...spread, unit: { ...data.unit, id: walker.unitId } } };
      }
      case 'drawn':
        if (roll < 0.75) return { type: T.InspectorsAssigned, data: { inspectorIds: pair(), drawId: 'draw-2026-03' } };
        return roll < 0.88 ? cancelled() : null;
      case 'assigned':
        if (roll < 0.15) return { type: T.InspectorsReassigned, data: { inspectorIds: pair(), previousInspectorIds: pair(), reasonCode: 'leave', reason: '休假' } };
        if (roll < 0.75) return { type: T.InspectionResultRecorded, data: completeResult({ visitDate: day() }) };
        return roll < 0.88 ? cancelled() : null;
      case 'inspected':
        if (roll < 0.3) return { type: T.InspectionResultReturned, data: { reviewerId: 'rev-1', reason: '第3项记录不完整' } };
        return roll < 0.85 ? { type: T.InspectionResultApproved, data: { reviewerId: 'rev-1', comment: null } } : null;
      case 'reviewed':
        if (roll < 0.2) return { type: T.HazardReferralOpened, data: { hazardIds: ['h1'], hasMajorHazard: false, approvalEventId: 'x' } };
        return roll < 0.8 ? { type: T.InspectionResultPublished, data: { publishedOn: day() } } : null;
      default:
        return null;
    }
  };
  const AFTER: Record<string, Lifecycle | undefined> = {
    [T.InspectionDrawn]: 'drawn', [T.InspectorsAssigned]: 'assigned', [T.InspectorsReassigned]: 'assigned', [T.InspectionResultRecorded]: 'inspected',
    [T.InspectionResultReturned]: 'assigned', [T.InspectionResultApproved]: 'reviewed', [T.InspectionResultPublished]: 'published',
    [T.InspectionCancelled]: 'cancelled', [T.HazardReferralOpened]: 'referred',
  };

  let active = walkers;
  while (active.length > 0) {
    const round: Promise<unknown>[] = [];
    const stillGoing: Walker[] = [];
    for (const walker of active) {
      if (walker.state !== null && random() < 0.3) {
        stillGoing.push(walker); // sits out this round: cases interleave unevenly
        continue;
      }
      const event = next(walker);
      if (event === null) continue; // this case's life stops here
      walker.state = AFTER[event.type]!;
      round.push(appendTo(store, `inspection-${walker.caseId}`, [event]));
      stillGoing.push(walker);
    }
    // A unit changes now and then between rounds: directory events the case read model must ignore.
    const unitId = pick(unitIds);
    round.push(appendTo(store, unitStreamId(unitId), [{ type: D.UnitUpdated, data: { unitId, changes: { manager: `经理${Math.floor(random() * 100)}` } } }]));
    await Promise.all(round);
    active = stillGoing;
  }
}

function cancelled(): GivenEvent {
  return { type: T.InspectionCancelled, data: { reasonCode: 'unit_closed', reason: '单位已停业', effectiveDate: '2026-03-05' } };
}
