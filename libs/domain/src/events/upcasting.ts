/**
 * Event versioning (docs/events.md "Versioning"). A stored event is never rewritten: when a schema
 * changes, the type gets a new version (`Name.v2`) and a step that turns the old payload into the
 * new one. Whoever reads events for folding or projecting passes each through `upcastEvent`, so the
 * code only ever sees the newest version of every type.
 *
 * Steps are pure `(data) → data` functions of the payload alone: no metadata, no clock, no lookup,
 * so an old event upcasts the same way in the command handler, a live projection and a replay.
 */

/** What upcasting needs of an event (a stored event, a LeanEvent, a fold's StoredInspectionEvent). */
export interface Versioned {
  readonly type: string;
  readonly data: unknown;
}

/** One schema step: the payload of `from` as the payload of `to` (the next version). */
export interface UpcastStep<From = never, To = unknown> {
  readonly from: string;
  readonly to: string;
  readonly upcast: (data: From) => To;
}

/** Returns the event as the newest version of its type; the same object when no step applies. */
export type Upcast = <E extends Versioned>(event: E) => E;

interface Chain {
  readonly type: string;
  readonly upcast: (data: unknown) => unknown;
}

const VERSIONED = /^(.+)\.v(\d+)$/;

function versionOf(type: string): { name: string; version: number } {
  const match = VERSIONED.exec(type);
  if (!match) throw new Error(`Upcast step ${type}: a type name must end in its version (Name.vN)`);
  return { name: match[1]!, version: Number(match[2]) };
}

/**
 * Compiles steps into one lookup: per old type, the whole chain v1 → v2 → … → newest composed once.
 * Each step must raise the version of the same name, and no type may have two steps; an event of a
 * type without steps costs a single Map lookup, which keeps replays as fast as before.
 */
export function upcasterOf(steps: readonly UpcastStep<never, unknown>[]): Upcast {
  const next = new Map<string, UpcastStep<never, unknown>>();
  for (const step of steps) {
    const from = versionOf(step.from);
    const to = versionOf(step.to);
    if (from.name !== to.name || to.version <= from.version) throw new Error(`Upcast step ${step.from} → ${step.to}: must go to a later version of the same type`);
    if (next.has(step.from)) throw new Error(`Upcast step ${step.from}: registered twice`);
    next.set(step.from, step);
  }
  const chains = new Map<string, Chain>();
  for (const from of next.keys()) {
    const path: UpcastStep<never, unknown>[] = [];
    for (let step = next.get(from); step; step = next.get(step.to)) path.push(step);
    const upcasts = path.map((step) => step.upcast as (data: unknown) => unknown);
    chains.set(from, { type: path[path.length - 1]!.to, upcast: (data) => upcasts.reduce((value, upcast) => upcast(value), data) });
  }
  return <E extends Versioned>(event: E): E => {
    const chain = chains.get(event.type);
    return chain === undefined ? event : { ...event, type: chain.type, data: chain.upcast(event.data) };
  };
}

/**
 * The production steps. None yet: every event type is still at the version it was first stored in
 * (docs/events.md "Versioning" explains the worked example kept in the tests instead).
 */
export const UPCAST_STEPS: readonly UpcastStep<never, unknown>[] = [];

/** The one function every reader of events for folding or projecting calls. */
export const upcastEvent: Upcast = upcasterOf(UPCAST_STEPS);
