import { makeCreditCode, CREDIT_CODE_CHARSET, type Inspector, type Unit } from '@shuangsui/domain/directory';
import type { RiskGrade } from '@shuangsui/domain';
import { INSPECTOR_HEADERS, inspectorToRow } from './inspector-rows';
import { UNIT_HEADERS, unitToRow } from './unit-rows';

/**
 * A made-up district (示例市云溪区) for the demo, tests and benchmarks: every name, address, person and
 * code is invented; credit codes are well-formed (valid check digit) but belong to nobody.
 * Deterministic for a given seed.
 */
export interface SyntheticDistrict {
  readonly units: Unit[];
  readonly inspectors: Inspector[];
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STREETS = ['星河街道', '青松街道', '云溪镇', '金桥镇', '白鹭街道', '梧桐乡', '临江街道', '东湖镇'];
const ROADS = ['人民路', '解放路', '文化路', '工业大道', '滨江路', '学府路', '长春路', '新华路', '秋实路', '光明街'];
const INDUSTRIES: readonly { readonly name: string; readonly suffix: readonly string[]; readonly crowdDense: boolean }[] = [
  { name: '商场市场', suffix: ['商贸有限公司', '购物中心', '农贸市场'], crowdDense: true },
  { name: '宾馆饭店', suffix: ['大酒店', '宾馆有限公司'], crowdDense: true },
  { name: '餐饮场所', suffix: ['餐饮管理有限公司', '饭店'], crowdDense: true },
  { name: '公共娱乐场所', suffix: ['文化娱乐有限公司', 'KTV'], crowdDense: true },
  { name: '学校', suffix: ['实验学校', '幼儿园'], crowdDense: true },
  { name: '医疗机构', suffix: ['医院', '社区卫生服务中心'], crowdDense: true },
  { name: '养老机构', suffix: ['颐养院', '养老服务中心'], crowdDense: true },
  { name: '生产加工企业', suffix: ['机械制造有限公司', '塑料制品厂', '五金有限公司'], crowdDense: false },
  { name: '仓储物流', suffix: ['物流有限公司', '仓储服务有限公司'], crowdDense: false },
  { name: '办公楼宇', suffix: ['物业管理有限公司', '商务大厦'], crowdDense: false },
];
const WORDS = ['嘉禾', '瑞丰', '恒信', '宏达', '锦程', '新锐', '华联', '永盛', '和美', '安泰', '晨光', '融创', '益民', '东升', '兴隆', '鑫源', '天翼', '博远', '慧通', '祥和'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗'];
const GIVEN = ['伟', '芳', '敏', '静', '磊', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '建华', '志强', '海燕', '晓东', '丽华', '文博'];

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function gradeOf(random: () => number): RiskGrade {
  const r = random();
  return r < 0.3 ? 'A' : r < 0.7 ? 'B' : r < 0.9 ? 'C' : 'D';
}

/** 9-character organisation part from a counter: unique per unit, charset-valid. */
function organisationCode(n: number): string {
  let code = '';
  let rest = n;
  for (let i = 0; i < 9; i += 1) {
    code = CREDIT_CODE_CHARSET.charAt(rest % 31) + code;
    rest = Math.floor(rest / 31);
  }
  return code;
}

export function syntheticUnits(count: number, seed = 2026): Unit[] {
  const random = mulberry32(seed);
  const units: Unit[] = [];
  for (let i = 0; i < count; i += 1) {
    const industry = pick(random, INDUSTRIES);
    const isKeyUnit = random() < (industry.crowdDense ? 0.3 : 0.1);
    const creditCode = makeCreditCode(`91330799${organisationCode(i + 1)}`);
    const person = () => `${pick(random, SURNAMES)}${pick(random, GIVEN)}`;
    units.push({
      id: creditCode,
      name: `示例市${pick(random, WORDS)}${pick(random, WORDS)}${pick(random, industry.suffix)}${i % 7 === 0 ? `（${i}号店）` : ''}`,
      creditCode,
      address: `示例市云溪区${pick(random, ROADS)}${1 + Math.floor(random() * 800)}号`,
      district: pick(random, STREETS),
      industry: industry.name,
      isKeyUnit,
      isCrowdDense: industry.crowdDense,
      riskGrade: gradeOf(random),
      responsiblePerson: person(),
      manager: person(),
      contactPhone: `0579-8${String(Math.floor(random() * 10_000_000)).padStart(7, '0')}`,
      status: 'active',
    });
  }
  return units;
}

export function syntheticInspectors(count: number, year: number, seed = 77): Inspector[] {
  const random = mulberry32(seed);
  return Array.from({ length: count }, (_, i) => {
    const certificateNo = `ZJXF-${year - 2}-${String(i + 1).padStart(4, '0')}`;
    return {
      id: `insp-${String(i + 1).padStart(2, '0')}`,
      name: `${pick(random, SURNAMES)}${pick(random, GIVEN)}`,
      certificateNo,
      certificateValidFrom: `${year - 2}-01-01`,
      certificateValidTo: `${year + 3}-12-31`,
      department: '示例市云溪区消防救援大队',
      isFireInspector: true,
      canLead: i % 4 !== 3,
      leaves: [],
      conflicts: [],
      active: true,
    };
  });
}

export function unitTable(units: readonly Unit[]): { headers: readonly string[]; rows: string[][] } {
  return { headers: UNIT_HEADERS, rows: units.map(unitToRow) };
}

export function inspectorTable(inspectors: readonly Inspector[]): { headers: readonly string[]; rows: string[][] } {
  return { headers: INSPECTOR_HEADERS, rows: inspectors.map(inspectorToRow) };
}
