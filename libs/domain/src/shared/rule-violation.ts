/** A broken business rule, named so an API can say which field broke which rule (HTTP 400). */
export interface RuleViolation {
  readonly field: string;
  readonly rule: string;
  /** For people: Simplified Chinese. */
  readonly message: string;
}

export const violation = (field: string, rule: string, message: string): RuleViolation => ({ field, rule, message });
