import type { ValidationError } from 'class-validator';

/** One broken rule on one field, as the API reports it. */
export interface FieldViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * Chinese messages for the class-validator rules the DTOs use. The rule name stays the
 * class-validator constraint name (English, for programs); the message is for people and names the
 * limit. class-validator hands the limit over only inside its English default message
 * ("… shorter than or equal to 2000 characters"), so it is read back from there.
 */
const MESSAGES: Record<string, (field: string, english: string) => string> = {
  whitelistValidation: (f) => `不允许的字段 ${f}`,
  isNotEmpty: (f) => `${f} 不能为空`,
  isString: (f) => `${f} 必须是字符串`,
  isBoolean: (f) => `${f} 必须是布尔值（true/false）`,
  isInt: (f) => `${f} 必须是整数`,
  isNumber: (f) => `${f} 必须是数字`,
  isIn: (f, e) => `${f} 必须是以下之一：${(e.split(': ')[1] ?? '').split(', ').join('、')}`,
  isArray: (f) => `${f} 必须是数组`,
  arrayMinSize: (f, e) => `${f} 的项数过少（至少 ${limit(e)} 项）`,
  arrayMaxSize: (f, e) => `${f} 的项数过多（最多 ${limit(e)} 项）`,
  arrayUnique: (f) => `${f} 中不能有重复项`,
  maxLength: (f, e) => `${f} 过长（最多 ${limit(e)} 个字符）`,
  minLength: (f, e) => `${f} 过短（至少 ${limit(e)} 个字符）`,
  min: (f, e) => `${f} 不能小于 ${limit(e)}`,
  max: (f, e) => `${f} 不能大于 ${limit(e)}`,
  matches: (f) => `${f} 格式不正确`,
  isCalendarDate: (f) => `${f} 必须是有效日期（YYYY-MM-DD）`,
  isObject: (f) => `${f} 必须是对象`,
  nestedValidation: (f) => `${f} 必须是对象或对象数组`,
  isDefined: (f) => `缺少必填字段 ${f}`,
  unknownValue: () => '请求体必须是 JSON 对象',
};

/** The last number in class-validator's English message: the constraint. */
const limit = (english: string): string => /(-?[\d.]+)(?!.*\d)/.exec(english)?.[1] ?? '';

/** A rule without a Chinese message still gets one that names the field and the rule. */
const fallback = (field: string, rule: string): string => `${field} 不符合规则 ${rule}`;

/** Flattens nested class-validator errors into `items.2.outcome`-style field paths. */
export function toFieldViolations(errors: readonly ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, english]) => ({
      field,
      rule,
      message: MESSAGES[rule]?.(field, english) ?? (/[\u4e00-\u9fff]/.test(english) ? english : fallback(field, rule)),
    }));
    return [...own, ...toFieldViolations(error.children ?? [], field)];
  });
}
