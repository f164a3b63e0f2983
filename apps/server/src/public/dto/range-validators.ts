import { registerDecorator, type ValidationArguments } from 'class-validator';

/**
 * Query-string numbers stay strings until validated, so "abc" gives one violation that says the
 * allowed range, instead of isInt + min + max at once.
 */
export function IsIntegerString(min: number, max: number): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isIntegerInRange',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [min, max],
      options: { message: (args: ValidationArguments) => `${args.property} 必须是 ${min} 到 ${max} 之间的整数` },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && /^\d{1,9}$/.test(value) && Number(value) >= min && Number(value) <= max,
      },
    });
}

/** The end of a date range is not before its start (both YYYY-MM-DD, so strings compare as dates). */
export function IsNotBefore(startProperty: string): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotBefore',
      target: target.constructor,
      propertyName: propertyName as string,
      constraints: [startProperty],
      options: { message: (args: ValidationArguments) => `${args.property} 不能早于 ${startProperty}` },
      validator: {
        validate: (value: unknown, args: ValidationArguments) => {
          const start = (args.object as Record<string, unknown>)[startProperty];
          return typeof value !== 'string' || typeof start !== 'string' || value >= start;
        },
      },
    });
}
