import { makeCreditCode } from './credit-code';
import { isInspectorAvailableInMonth, validateInspector, type Inspector } from './inspector';
import { monthBounds, previousMonth, isIsoDate } from './iso-date';
import { validateUnit, validateUnitStatusChange, type Unit } from './unit';

const aUnit = (overrides: Partial<Unit> = {}): Unit => ({
  id: 'unit-0001',
  name: '青枫商贸有限公司',
  creditCode: makeCreditCode('91330703MA2D8K3L1'),
  address: '示例市东城区云杉路18号',
  district: '云杉街道',
  industry: '商场市场',
  isKeyUnit: true,
  isCrowdDense: true,
  riskGrade: 'C',
  responsiblePerson: '林晓川',
  manager: '周一鸣',
  contactPhone: '0579-88001234',
  status: 'active',
  ...overrides,
});

const anInspector = (overrides: Partial<Inspector> = {}): Inspector => ({
  id: 'insp-01',
  name: '陈立',
  certificateNo: 'ZJ330703-0012',
  certificateValidFrom: '2024-01-01',
  certificateValidTo: '2026-12-31',
  department: '消防救援大队',
  isFireInspector: true,
  canLead: true,
  leaves: [],
  conflicts: [],
  active: true,
  ...overrides,
});

const rules = (violations: readonly { field: string; rule: string }[]): string[] => violations.map((v) => `${v.field}:${v.rule}`);

describe('unit validation', () => {
  it('accepts a complete unit', () => {
    expect(validateUnit(aUnit())).toEqual([]);
  });

  it('reports each bad field with its rule and a Chinese message', () => {
    const errors = validateUnit(aUnit({ name: ' ', creditCode: '91330703MA2D8K3L1X', riskGrade: 'E' as 'A', contactPhone: 'abc' }));
    expect(rules(errors)).toEqual(['name:required', 'creditCode:credit-code-check-digit', 'riskGrade:risk-grade', 'contactPhone:phone']);
    expect(errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
  });

  it('rejects ids the draw encoding cannot carry', () => {
    expect(rules(validateUnit(aUnit({ id: 'unit 1' })))).toEqual(['id:id-format']);
  });

  it('requires a date when a unit is closed or deregistered', () => {
    expect(rules(validateUnit(aUnit({ status: 'closed' })))).toEqual(['statusDate:required']);
    expect(validateUnit(aUnit({ status: 'deregistered', statusDate: '2026-02-03' }))).toEqual([]);
    expect(rules(validateUnit(aUnit({ status: 'closed', statusDate: '2026-02-30' })))).toEqual(['statusDate:date']);
  });

  it('validates status changes: deregistration is final, dates move forward', () => {
    expect(validateUnitStatusChange({ status: 'active' }, 'closed', '2026-03-01')).toEqual([]);
    expect(validateUnitStatusChange({ status: 'closed', statusDate: '2026-03-01' }, 'active', '2026-04-01')).toEqual([]);
    expect(rules(validateUnitStatusChange({ status: 'closed', statusDate: '2026-03-01' }, 'active', '2026-02-01'))).toEqual([
      'statusDate:date-order',
    ]);
    expect(rules(validateUnitStatusChange({ status: 'deregistered', statusDate: '2026-03-01' }, 'active', '2026-04-01'))).toEqual([
      'status:deregistered-final',
    ]);
    expect(rules(validateUnitStatusChange({ status: 'active' }, 'active', '2026-04-01'))).toEqual(['status:unchanged']);
  });
});

describe('inspector validation', () => {
  it('accepts a complete inspector', () => {
    expect(validateInspector(anInspector())).toEqual([]);
  });

  it('reports certificate, leave and conflict problems per field', () => {
    const errors = validateInspector(
      anInspector({
        certificateValidFrom: '2026-01-01',
        certificateValidTo: '2025-12-31',
        leaves: [{ from: '2026-03-10', to: '2026-03-01' }],
        conflicts: [
          { unitId: 'unit-0001', reason: '近亲属任该单位消防安全管理人' },
          { unitId: 'unit-0001', reason: '重复' },
          { unitId: 'unit-0002', reason: '' },
        ],
      }),
    );
    expect(rules(errors)).toEqual([
      'certificateValidTo:date-order',
      'leaves[0]:date-order',
      'conflicts[1].unitId:duplicate',
      'conflicts[2].reason:required',
    ]);
  });

  it('is available for a month only with a certificate covering it and no leave in it', () => {
    expect(isInspectorAvailableInMonth(anInspector(), '2026-03')).toBe(true);
    expect(isInspectorAvailableInMonth(anInspector({ active: false }), '2026-03')).toBe(false);
    expect(isInspectorAvailableInMonth(anInspector({ certificateValidTo: '2026-03-30' }), '2026-03')).toBe(false);
    expect(isInspectorAvailableInMonth(anInspector({ certificateValidFrom: '2026-03-02' }), '2026-03')).toBe(false);
    expect(isInspectorAvailableInMonth(anInspector({ leaves: [{ from: '2026-02-20', to: '2026-03-01' }] }), '2026-03')).toBe(false);
    expect(isInspectorAvailableInMonth(anInspector({ leaves: [{ from: '2026-02-20', to: '2026-02-28' }] }), '2026-03')).toBe(true);
  });
});

describe('ISO dates', () => {
  it('knows month lengths, leap years and the month before January', () => {
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(monthBounds('2026-02').last).toBe('2026-02-28');
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
  });
});
