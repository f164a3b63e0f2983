import type autocannon from 'autocannon';
import { CHECKLIST_ITEM_NUMBERS } from '@shuangsui/domain';
import { benchPairOf } from './bench-accounts';
import { requestHeaders } from './request-headers';

/** The seeded cases of bench-server.ts with BENCH_SEED_ASSIGNED=1, and the requests people send about them. */
export const BENCH_CASES = 20_000;
export const SUPERVISOR = requestHeaders('supervisor');
const RESULT = JSON.stringify({ visitDate: '2026-03-10', category: 'no_problem', items: CHECKLIST_ITEM_NUMBERS.map((item) => ({ item, outcome: 'compliant' })), hazards: [] });

/** The four hot reads: progress, disclosure, one case, the case list. */
export const readRequests = (): autocannon.Request[] => [
  { method: 'GET', path: '/progress', headers: SUPERVISOR },
  { method: 'GET', path: '/public/disclosures?pageSize=20' },
  { method: 'GET', setupRequest: (req) => ({ ...req, path: `/inspections/bench-${Math.floor(Math.random() * BENCH_CASES)}`, headers: SUPERVISOR }) },
  { method: 'GET', path: '/inspections?state=assigned&pageSize=20', headers: SUPERVISOR },
];

/** An inspector's result on the next case `nextIndex()` gives, by that case's own inspector, with an Idempotency-Key. */
export const resultRequest = (nextIndex: () => number, keyPrefix: string): autocannon.Request => ({
  method: 'POST',
  setupRequest: (req) => {
    const index = nextIndex() % BENCH_CASES;
    return { ...req, path: `/inspections/bench-${index}/results`, body: RESULT, headers: { 'content-type': 'application/json', ...requestHeaders('inspector', benchPairOf(index)[0]), 'idempotency-key': `${keyPrefix}-${index}-${process.pid}` } };
  },
});
