/**
 * Who may act in the system (docs/domain.md §2 "Roles"). `admin` manages accounts; `system` is the
 * software itself (process managers) and is never held by an account, so no login obtains it.
 */
export const ROLES = ['admin', 'planner', 'inspector', 'reviewer', 'supervisor', 'auditor', 'system'] as const;
export type Role = (typeof ROLES)[number];

/** The roles an account can hold: every role but `system`. */
export const LOGIN_ROLES: readonly Role[] = ROLES.filter((role) => role !== 'system');

export interface Actor {
  readonly id: string;
  readonly role: Role;
}

/**
 * Metadata every stored event carries. `prevHash`/`hash` form a per-stream hash chain (tamper
 * evidence); they are filled in when the event is sealed for appending, never by the decider.
 */
export interface EventMetadata {
  readonly occurredAt: string;
  readonly actor: Actor;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly commandId: string;
  readonly prevHash?: string | null;
  readonly hash?: string;
}

/** A domain event as the domain sees it: a versioned type name and a typed payload. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}
