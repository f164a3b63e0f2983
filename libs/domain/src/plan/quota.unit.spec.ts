import { decideQuota, quotaDeadline } from './quota';

describe('monthly quota', () => {
  const base = { month: '2026-04', quota: 40, capacity: 56 };

  it('is due by the 25th of the month before', () => {
    expect(quotaDeadline('2026-04')).toBe('2026-03-25');
    expect(quotaDeadline('2027-01')).toBe('2026-12-25');
  });

  it('is accepted on time up to and including the 25th', () => {
    expect(decideQuota({ ...base, setOn: '2026-03-25' })).toEqual({ accepted: true, late: false, deadline: '2026-03-25' });
  });

  it('after the 25th needs a reason and is flagged late', () => {
    const refused = decideQuota({ ...base, setOn: '2026-03-26' });
    expect(refused).toMatchObject({ accepted: false, violations: [{ field: 'lateReason', rule: 'late-needs-reason' }] });
    expect(decideQuota({ ...base, setOn: '2026-03-26', lateReason: '  ' }).accepted).toBe(false);
    expect(decideQuota({ ...base, setOn: '2026-04-02', lateReason: '清明假期前人员调整' })).toEqual({
      accepted: true,
      late: true,
      deadline: '2026-03-25',
      lateReason: '清明假期前人员调整',
    });
  });

  it('is refused once the month is over', () => {
    expect(decideQuota({ ...base, setOn: '2026-05-01', lateReason: '补录' })).toMatchObject({
      accepted: false,
      violations: [{ field: 'setOn', rule: 'month-over' }],
    });
  });

  it('above capacity is refused with a clear Chinese message', () => {
    const decision = decideQuota({ ...base, quota: 57, setOn: '2026-03-20' });
    expect(decision).toEqual({
      accepted: false,
      violations: [
        {
          field: 'quota',
          rule: 'above-capacity',
          message: '2026年4月抽查数57家超过本月检查能力56家（按在岗执法人员和工作日计算），请调低抽查数或增加执法人员',
        },
      ],
    });
  });

  it('must be a non-negative integer', () => {
    expect(decideQuota({ ...base, quota: 2.5, setOn: '2026-03-01' })).toMatchObject({ accepted: false, violations: [{ rule: 'non-negative-integer' }] });
  });
});
