import { foldInspection, INSPECTION_EVENT_TYPES, LIFECYCLE_STATES, lifecycleAfter, statusOf, type InspectionStatus, type StoredInspectionEvent } from '@shuangsui/domain';
import { allHistories } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { toLeanEvent } from '@shuangsui/event-store';
import type { Projection } from '../projection';
import type { ReadStore, Row, TableSpec } from '../read-store.port';
import { applyBatch } from '../runner/apply-batch';
import { RowCache } from '../runner/unit-of-work';
import { SqliteReadStore } from '../sqlite/sqlite-read-store';
import { recorded } from '../testing/given-events';
import { CASE_LIST, caseListProjection } from './case-list.projection';
import { DISCLOSURE_RECORDS, disclosureProjection } from './disclosure.projection';
import { PROGRESS_CASES, progressProjection } from './progress.projection';
import { REFERRALS, referralsProjection } from './referrals.projection';
import { UNIT_CASES, unitHistoryProjection } from './unit-history.projection';

/**
 * The read models keep a case's state without running the machine (they follow the statechart's
 * tables, inspection.lifecycle.ts). This holds them to the fold: every history the decider and fold
 * tests use is applied one event at a time through the real apply path and a real SQLite read store,
 * and after each event the state each model shows must be what foldInspection + statusOf says.
 */
interface Follower {
  readonly projection: Projection;
  readonly table: TableSpec;
  /** What the model shows of the fold's status; the fold's notDrawn is "no row". */
  readonly shows: (row: Row) => Partial<InspectionStatus> | { readonly open: boolean };
  readonly expects: (status: InspectionStatus) => Partial<InspectionStatus> | { readonly open: boolean };
}

/** "Open" in unit-history: a state a cancellation may still stop, as the machine says. */
const CANCELLABLE = new Set(LIFECYCLE_STATES.filter((state) => lifecycleAfter(state, INSPECTION_EVENT_TYPES.InspectionCancelled) !== undefined));

const FOLLOWERS: readonly Follower[] = [
  { projection: progressProjection, table: PROGRESS_CASES, shows: (row) => ({ lifecycle: row['state'] as InspectionStatus['lifecycle'] }), expects: ({ lifecycle }) => ({ lifecycle }) },
  { projection: referralsProjection, table: REFERRALS, shows: (row) => ({ referral: row['status'] as InspectionStatus['referral'] }), expects: ({ referral }) => ({ referral }) },
  { projection: unitHistoryProjection, table: UNIT_CASES, shows: (row) => ({ open: row['open'] === 1 }), expects: ({ lifecycle }) => ({ open: CANCELLABLE.has(lifecycle as never) }) },
  { projection: disclosureProjection, table: DISCLOSURE_RECORDS, shows: (row) => ({ referral: row['referral_status'] as InspectionStatus['referral'] }), expects: ({ referral }) => ({ referral }) },
  {
    projection: caseListProjection,
    table: CASE_LIST,
    shows: (row) => ({ lifecycle: row['state'] as InspectionStatus['lifecycle'], referral: row['referral_state'] as InspectionStatus['referral'] }),
    expects: ({ lifecycle, referral }) => ({ lifecycle, referral }),
  },
];

describe('read models follow the fold', () => {
  let store: ReadStore;
  beforeAll(() => (store = SqliteReadStore.open({ path: ':memory:' })));
  afterAll(() => store.close());

  const histories = Object.entries(allHistories());
  describe.each(FOLLOWERS.map((follower) => [follower.projection.name, follower] as const))('%s', (_name, follower) => {
    let generation: number;
    let position = 0;
    const cache = new RowCache(100);
    beforeAll(async () => (generation = (await store.register(follower.projection)).generation));

    it.each(histories)('on every prefix of %s', async (name, events) => {
      const caseId = `case-${name}`;
      const lean = recorded(caseId, events as StoredInspectionEvent[], position + 1).map(toLeanEvent);
      for (const [index, event] of lean.entries()) {
        position = await applyBatch({ store, projection: follower.projection, generation, cache }, position, [event]);
        const rows = await store.load(follower.projection.name, generation, [{ table: follower.table.name, key: caseId }]);
        const row = [...rows.values()][0];
        const status = statusOf(foldInspection(events.slice(0, index + 1)).snapshot);
        const shown = row ? follower.shows(row) : 'no row';
        const expected = status.lifecycle === 'notDrawn' ? 'no row' : follower.expects(status);
        expect({ after: `${index + 1}: ${event.type}`, shown }).toEqual({ after: `${index + 1}: ${event.type}`, shown: expected });
      }
    });
  });
});
