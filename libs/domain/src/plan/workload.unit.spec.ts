import fc from 'fast-check';
import { DEFAULT_WORKLOAD, monthlyCapacity, validateWorkload, yearlyCapacity, yearlyMinimumPerInspector } from './workload';

describe('workload arithmetic', () => {
  it('derives the yearly minimum of 77 units per inspector from 220 days × 0.7 / 2', () => {
    expect(yearlyMinimumPerInspector()).toBe(77);
    expect(yearlyMinimumPerInspector(DEFAULT_WORKLOAD)).toBe(77);
  });

  it('rounds the minimum up (a fraction of a unit is still a whole inspection), without float noise', () => {
    expect(yearlyMinimumPerInspector({ workingDays: 221, inspectionShare: 0.7, inspectorsPerUnit: 2 })).toBe(78); // 77.35
    expect(yearlyMinimumPerInspector({ workingDays: 250, inspectionShare: 0.6, inspectorsPerUnit: 2 })).toBe(75); // 75 exactly
    expect(yearlyMinimumPerInspector({ workingDays: 220, inspectionShare: 0.7, inspectorsPerUnit: 3 })).toBe(52); // 51.33
  });

  it('derives monthly capacity from available inspectors and the month’s working days, rounded down', () => {
    // 8 inspectors × 20 days × 0.7 / 2 = 56
    expect(monthlyCapacity({ availableInspectors: 8, workingDaysInMonth: 20, inspectionShare: 0.7, inspectorsPerUnit: 2 })).toBe(56);
    // 7 × 23 × 0.7 / 2 = 56.35 → 56
    expect(monthlyCapacity({ availableInspectors: 7, workingDaysInMonth: 23, inspectionShare: 0.7, inspectorsPerUnit: 2 })).toBe(56);
    expect(monthlyCapacity({ availableInspectors: 1, workingDaysInMonth: 22, inspectionShare: 0.7, inspectorsPerUnit: 2 })).toBe(0);
  });

  it('gives a team the yearly minimum per inspector in aggregate', () => {
    expect(yearlyCapacity(8)).toBe(616); // 8 × 77
  });

  it('never lets the monthly capacities of a year exceed the yearly capacity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 50 }), fc.array(fc.integer({ min: 15, max: 23 }), { minLength: 12, maxLength: 12 }), (n, days) => {
        const total = days.reduce((a, b) => a + b, 0);
        const monthly = days.reduce(
          (sum, d) => sum + monthlyCapacity({ availableInspectors: n, workingDaysInMonth: d, inspectionShare: 0.7, inspectorsPerUnit: 2 }),
          0,
        );
        return monthly <= yearlyCapacity(n, { workingDays: total, inspectionShare: 0.7, inspectorsPerUnit: 2 });
      }),
    );
  });

  it('refuses impossible parameters', () => {
    expect(validateWorkload({ workingDays: 220, inspectionShare: 0, inspectorsPerUnit: 1 })).toEqual([
      '检查工作日占比应大于0且不超过1',
      '每家单位的检查人员数应为不少于2的整数',
    ]);
    expect(() => yearlyMinimumPerInspector({ workingDays: 0, inspectionShare: 0.7, inspectorsPerUnit: 2 })).toThrow(RangeError);
  });
});
