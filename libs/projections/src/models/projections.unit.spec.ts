import { completeResult, history, INSPECTORS, resultWithHazard } from '@shuangsui/domain/inspection/testing/inspection.fixtures';
import { projectInMemory, recorded, rowOf } from '../testing/given-events';
import { checklistLabel, decodeItemsChecked, DISCLOSURE_RECORDS, disclosureProjection, encodeItemsChecked } from './disclosure.projection';
import { PLAN_CASES, PLAN_MONTHS, planProjection } from './plan.projection';
import { PROGRESS_CASES, progressProjection } from './progress.projection';
import { REFERRALS, referralsProjection } from './referrals.projection';

describe('read-model projections, given events', () => {
  it('progress follows the case through its life', () => {
    expect(rowOf(projectInMemory(progressProjection, recorded('c1', history.drawn('c1'))), PROGRESS_CASES.name, 'c1')).toMatchObject({
      state: 'drawn', month: '2026-03', stratum: 'C-key', plan_id: 'plan-2026', inspector_a: null,
    });
    expect(rowOf(projectInMemory(progressProjection, recorded('c1', history.inspected(resultWithHazard(), 'c1'))), PROGRESS_CASES.name, 'c1')).toMatchObject({
      state: 'inspected', inspector_a: INSPECTORS.a, inspector_b: INSPECTORS.b, inspected_on: '2026-03-01', has_hazards: 1, result_category: 'pending_follow_up',
    });
    expect(rowOf(projectInMemory(progressProjection, recorded('c1', history.published(completeResult(), 'c1'))), PROGRESS_CASES.name, 'c1')).toMatchObject({
      state: 'published', approved_on: '2026-03-01', published_on: '2026-03-20',
    });
  });

  it('ignores events of a case it never saw drawn instead of inventing a row', () => {
    const events = recorded('c1', history.assigned('c1')).slice(1);
    expect(projectInMemory(progressProjection, events).size).toBe(0);
  });

  it('referrals: an approval with hazards awaits a referral, which then follows the order', () => {
    const approved = projectInMemory(referralsProjection, recorded('c1', history.reviewed(resultWithHazard(), 'c1')));
    expect(rowOf(approved, REFERRALS.name, 'c1')).toMatchObject({ status: 'awaitingReferral', hazard_count: 1, opened_on: null });
    const ordered = projectInMemory(referralsProjection, recorded('c1', history.ordered('c1')));
    expect(rowOf(ordered, REFERRALS.name, 'c1')).toMatchObject({
      status: 'orderIssued', hazard_count: 1, has_major_hazard: 0, opened_on: '2026-03-01',
      order_no: '示消限字〔2026〕第001号', order_issued_on: '2026-03-12', order_deadline: '2026-03-26', orders: 1,
      unit_name: '示例市星河商贸有限公司',
    });
  });

  it('disclosure: the published record with items, category and rectification status', () => {
    const rows = projectInMemory(disclosureProjection, recorded('c1', [...history.ordered('c1')]));
    expect(rowOf(rows, DISCLOSURE_RECORDS.name, 'c1')).toMatchObject({ published: 0, hazard_rectification: 'ordered', hazard_count: 1 });
    const published = projectInMemory(disclosureProjection, recorded('c2', history.published(completeResult(), 'c2')));
    const row = rowOf(published, DISCLOSURE_RECORDS.name, 'c2')!;
    expect(row).toMatchObject({ published: 1, published_on: '2026-03-20', inspection_date: '2026-03-10', result_category: 'no_problem', hazard_rectification: 'no_hazard' });
    const items = decodeItemsChecked(row['items_checked'] as string);
    expect(items).toHaveLength(7);
    expect(items[4]).toEqual({ item: 5, outcome: 'compliant' });
    expect(checklistLabel(5)).toContain('安全疏散');
  });

  it('disclosure: items_checked is stored as item=outcome text and read back exactly', () => {
    const items = [{ item: 1, outcome: 'compliant' }, { item: 5, outcome: 'non_compliant' }, { item: 7, outcome: 'not_applicable' }];
    expect(encodeItemsChecked(items)).toBe('1=compliant,5=non_compliant,7=not_applicable');
    expect(decodeItemsChecked(encodeItemsChecked(items))).toEqual(items);
    expect(decodeItemsChecked(encodeItemsChecked([]))).toEqual([]);
  });

  it('disclosure rows hold no personal data: no inspector, reviewer or contact column or value', () => {
    const columns = Object.keys(DISCLOSURE_RECORDS.columns);
    for (const forbidden of ['inspector', 'reviewer', 'responsible', 'manager', 'phone', 'contact', 'actor', 'address']) {
      expect(columns.filter((column) => column.includes(forbidden))).toEqual([]);
    }
    const rows = projectInMemory(disclosureProjection, recorded('c1', history.ordered('c1')));
    const text = JSON.stringify([...rows.values()]);
    for (const personal of [INSPECTORS.a, INSPECTORS.b, INSPECTORS.reviewer, 'test']) expect(text).not.toContain(`"${personal}"`);
  });

  it('plan: drawn count per plan-month, inspectors and completion per case', () => {
    const rows = projectInMemory(planProjection, [...recorded('c1', history.inspected(completeResult(), 'c1'), 1), ...recorded('c2', history.assigned('c2'), 10)]);
    expect(rowOf(rows, PLAN_MONTHS.name, 'plan-2026|2026-03')).toMatchObject({ drawn: 2, quota: null });
    expect(rowOf(rows, PLAN_CASES.name, 'c1')).toMatchObject({ inspector_a: INSPECTORS.a, completed: 1 });
    expect(rowOf(rows, PLAN_CASES.name, 'c2')).toMatchObject({ inspector_b: INSPECTORS.b, completed: 0 });
  });
});
