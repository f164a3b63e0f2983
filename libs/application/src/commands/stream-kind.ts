import type { Decider, DomainEvent, Role } from '@shuangsui/domain';

/** What the one command handler needs to know of a stream kind: its decider, who may send what, how a refusal reads. */
export interface StreamKind<Command extends { readonly type: string }, Event extends DomainEvent, State, Rejection> {
  readonly decider: Decider<Command, Event, State, Rejection>;
  /** Which roles may send each command (from permissions.ts COMMAND_ROLES, the one source of truth). */
  readonly commandRoles: Readonly<Record<Command['type'], readonly Role[]>>;
  /** The application error a refusal becomes; the API maps it to its HTTP status. */
  readonly rejectionError: (rejection: Rejection, state: State, streamId: string) => Error;
}
