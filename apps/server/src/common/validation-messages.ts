import type { ValidationError } from 'class-validator';

/** One broken rule on one field, as the API reports it. */
export interface FieldViolation {
  readonly field: string;
  readonly rule: string;
  readonly message: string;
}

/**
 * Chinese messages for the class-validator rules the DTOs use. The rule name stays the
 * class-validator constraint name (English, for programs); the message is for people.
 */
const MESSAGES: Record<string, (field: string) => string> = {
  whitelistValidation: (f) => `不允许的字段 ${f}`,
  isNotEmpty: (f) => `${f} 不能为空`,
  isString: (f) => `${f} 必须是字符串`,
  isBoolean: (f) => `${f} 必须是布尔值（true/false）`,
  isInt: (f) => `${f} 必须是整数`,
  isIn: (f) => `${f} 的取值不在允许范围内`,
  isArray: (f) => `${f} 必须是数组`,
  arrayMinSize: (f) => `${f} 的项数过少`,
  arrayMaxSize: (f) => `${f} 的项数过多`,
  arrayUnique: (f) => `${f} 中不能有重复项`,
  maxLength: (f) => `${f} 过长`,
  minLength: (f) => `${f} 过短`,
  min: (f) => `${f} 小于允许的最小值`,
  max: (f) => `${f} 大于允许的最大值`,
  matches: (f) => `${f} 格式不正确`,
  isCalendarDate: (f) => `${f} 必须是有效日期（YYYY-MM-DD）`,
  isObject: (f) => `${f} 必须是对象`,
  nestedValidation: (f) => `${f} 必须是对象或对象数组`,
  isDefined: (f) => `缺少必填字段 ${f}`,
};

/** Flattens nested class-validator errors into `items.2.outcome`-style field paths. */
export function toFieldViolations(errors: readonly ValidationError[], parent = ''): FieldViolation[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, english]) => ({
      field,
      rule,
      message: MESSAGES[rule]?.(field) ?? english,
    }));
    return [...own, ...toFieldViolations(error.children ?? [], field)];
  });
}
