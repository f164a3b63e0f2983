import type { Decider, DomainEvent } from '@shuangsui/domain';

/** What the one command handler needs to know of a stream kind: its decider, and how a refusal reads. */
export interface StreamKind<Command extends { readonly type: string }, Event extends DomainEvent, State, Rejection> {
  readonly decider: Decider<Command, Event, State, Rejection>;
  /** The application error a refusal becomes; the API maps it to its HTTP status. */
  readonly rejectionError: (rejection: Rejection, state: State, streamId: string) => Error;
}
