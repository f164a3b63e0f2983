import { makeCreditCode } from '../credit-code';
import type { Inspector } from '../inspector';
import type { Unit } from '../unit';

/** A valid unit of the made-up district; `n` picks its credit code. */
export function aUnit(n: number, overrides: Partial<Unit> = {}): Unit {
  const creditCode = makeCreditCode(`91330799MA2${String(n).padStart(6, '0')}`);
  return {
    id: creditCode,
    name: `示例市测试单位${n}号`,
    creditCode,
    address: `示例市云溪区测试路${n}号`,
    district: '云溪街道',
    industry: '商场市场',
    isKeyUnit: n % 3 === 0,
    isCrowdDense: n % 2 === 0,
    riskGrade: (['A', 'B', 'C', 'D'] as const)[n % 4] as Unit['riskGrade'],
    responsiblePerson: '张某',
    manager: '李某',
    contactPhone: '0579-81234567',
    status: 'active',
    ...overrides,
  };
}

/** A valid inspector with a certificate valid through 2029. */
export function anInspector(n: number, overrides: Partial<Inspector> = {}): Inspector {
  return {
    id: `insp-${String(n).padStart(2, '0')}`,
    name: `执法员${n}`,
    certificateNo: `ZJXF-2024-${String(n).padStart(4, '0')}`,
    certificateValidFrom: '2024-01-01',
    certificateValidTo: '2029-12-31',
    department: '示例市云溪区消防救援大队',
    isFireInspector: true,
    canLead: true,
    leaves: [],
    conflicts: [],
    active: true,
    ...overrides,
  };
}
