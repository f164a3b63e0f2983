import type { DomainEvent } from '../events/event-metadata';

/**
 * The one shape of every stream kind's business logic (docs/architecture.md, "The write side"):
 * `decide` holds every rule and turns a command into events or a rejection; `evolve` applies a
 * recorded event to the state and never validates it, because recorded events are facts; the state
 * is always the fold of the stream from `initialState`. Facts a command needs from other streams
 * travel inside the command, looked up by the application beforehand (never by scanning the log).
 */
export interface Decider<Command, Event extends DomainEvent, State, Rejection> {
  readonly initialState: () => State;
  readonly evolve: (state: State, event: StoredEvent<Event>) => State;
  readonly decide: (command: Command, state: State, now: DecisionTime) => Decision<Event, Rejection>;
}

/** A recorded event as a fold sees it: the domain event plus its id and the domain's own time. */
export type StoredEvent<Event extends DomainEvent = DomainEvent> = Event & { readonly id: string; readonly occurredAt: string };

/** When the command is decided: the ISO instant that becomes the events' `occurredAt`. */
export type DecisionTime = string;

export type Decision<Event, Rejection> =
  | { readonly kind: 'accepted'; readonly events: readonly Event[] }
  | { readonly kind: 'rejected'; readonly error: Rejection };

export const accept = <Event>(...events: Event[]): Decision<Event, never> => ({ kind: 'accepted', events });
export const reject = <Rejection>(error: Rejection): Decision<never, Rejection> => ({ kind: 'rejected', error });

/** Folds a whole stream. */
export function foldWith<Event extends DomainEvent, State>(
  decider: Pick<Decider<unknown, Event, State, unknown>, 'initialState' | 'evolve'>,
  events: readonly StoredEvent<Event>[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}
