import type { AnyStateNode, SnapshotFrom } from 'xstate';
import { INSPECTION_EVENT_TYPES } from './inspection.events';
import { HAZARDS_CONFIRMED, inspectionMachine, OUTCOME_GUARDS } from './inspection.machine';

/**
 * The statechart's states and transitions as plain lookup tables, read from `inspectionMachine` once
 * at module load. Read models follow a case's state with these tables instead of writing the
 * lifecycle out again, and without running the machine per event (replay stays a few Map lookups
 * per event). `inspection-lifecycle.unit.spec.ts` and the projections' fold-equivalence test hold
 * them to the machine.
 */

type OpenValue = Extract<SnapshotFrom<typeof inspectionMachine>['value'], { open: unknown }>['open'];
/** A state of the case's lifecycle region, once drawn. */
export type LifecycleState = OpenValue['lifecycle'];
/** A state of the hazard-referral region. */
export type ReferralState = OpenValue['referral'];
/** Before the draw the case does not exist: the machine's top-level initial state. */
export type CaseLifecycle = LifecycleState | 'notDrawn';

/**
 * Where a region goes from one state when it takes an event: the target, which for a guarded choice
 * depends on the event's data (the one such choice, a re-inspection's outcome, reads only the data).
 */
interface Step<S extends string> {
  readonly next: (data: unknown) => S;
  /** Every state `next` can return. */
  readonly targets: readonly S[];
}

interface Region<S extends string> {
  readonly states: readonly S[];
  readonly initial: S;
  readonly finals: ReadonlySet<S>;
  /** From state → stored event type (or an internal event's name) → step. */
  readonly steps: ReadonlyMap<string, ReadonlyMap<string, Step<S>>>;
}

/** Machine event names are the stored types without the version suffix; internal events keep their name. */
const STORED_TYPE_OF: ReadonlyMap<string, string> = new Map(Object.entries(INSPECTION_EVENT_TYPES));

function regionOf<S extends string>(node: AnyStateNode): Region<S> {
  const states = Object.keys(node.states) as S[];
  const finals = new Set(states.filter((name) => node.states[name]!.type === 'final'));
  const steps = new Map<string, Map<string, Step<S>>>();
  for (const name of states) {
    const byType = new Map<string, Step<S>>();
    for (const [eventName, transitions] of node.states[name]!.transitions) {
      for (const transition of transitions) {
        const target = transition.target?.[0];
        if (target && target.parent !== node) throw new Error(`${name} --${eventName}--> ${target.id} leaves its region; the lifecycle tables cannot follow it`);
      }
      byType.set(STORED_TYPE_OF.get(eventName) ?? eventName, stepOf<S>(name, eventName, transitions));
    }
    steps.set(name, byType);
  }
  return { states, initial: node.config.initial as S, finals, steps };
}

type Transition = { readonly target?: readonly AnyStateNode[] | undefined; readonly guard?: unknown };

/** Compiles a state's candidate transitions for one event (first whose guard holds wins, as in XState). */
function stepOf<S extends string>(from: S, eventName: string, transitions: readonly Transition[]): Step<S> {
  const candidates = transitions.map((transition) => {
    const target = (transition.target?.[0]?.key ?? from) as S;
    const guardName = typeof transition.guard === 'string' ? transition.guard : (transition.guard as { type?: string } | undefined)?.type;
    if (guardName === undefined) return { holds: null, target };
    const holds = (OUTCOME_GUARDS as Record<string, (data: never) => boolean>)[guardName];
    if (!holds) throw new Error(`Guard ${guardName} on ${eventName} does not read the event data alone; the lifecycle tables cannot follow it`);
    return { holds: holds as (data: unknown) => boolean, target };
  });
  const targets = [...new Set(candidates.map((candidate) => candidate.target))];
  const [only] = candidates;
  if (candidates.length === 1 && only!.holds === null) {
    const target = only!.target;
    return { next: () => target, targets };
  }
  return { next: (data) => candidates.find((candidate) => candidate.holds === null || candidate.holds(data))?.target ?? from, targets };
}

const open = inspectionMachine.root.states['open']!;
// The tables hold the regions' own transitions; one on the parallel state or the root would bypass them.
if (open.transitions.size > 0 || inspectionMachine.root.transitions.size > 0) throw new Error('The lifecycle tables expect every transition inside a region');
const LIFECYCLE = regionOf<LifecycleState>(open.states['lifecycle']!);
const REFERRAL = regionOf<ReferralState>(open.states['referral']!);

export const LIFECYCLE_STATES: readonly LifecycleState[] = LIFECYCLE.states;
export const REFERRAL_STATES: readonly ReferralState[] = REFERRAL.states;
/** Where a case's lifecycle starts on its draw. */
export const INITIAL_LIFECYCLE_STATE: LifecycleState = LIFECYCLE.initial;
/** Where a case's referral region starts on its draw (no referral). */
export const INITIAL_REFERRAL_STATE: ReferralState = REFERRAL.initial;
export const FINAL_LIFECYCLE_STATES: ReadonlySet<LifecycleState> = LIFECYCLE.finals;
export const FINAL_REFERRAL_STATES: ReadonlySet<ReferralState> = REFERRAL.finals;

/**
 * The lifecycle state after a stored event, or undefined when the state does not take it: the fold
 * then leaves the case as it was, and a read model must too. `data` only matters for guarded choices.
 */
export function lifecycleAfter(from: string, type: string, data?: unknown): LifecycleState | undefined {
  return LIFECYCLE.steps.get(from)?.get(type)?.next(data);
}

/** The referral state after a stored event (or HAZARDS_CONFIRMED), or undefined when the state ignores it. */
export function referralAfter(from: string, type: string, data?: unknown): ReferralState | undefined {
  return REFERRAL.steps.get(from)?.get(type)?.next(data);
}

/**
 * The referral region's reaction to an approval: the machine raises HAZARDS_CONFIRMED when the
 * approved result has hazards (a read model must therefore know the latest result's hazard count).
 */
export function referralAfterApproval(from: string, approvedResultHasHazards: boolean): ReferralState | undefined {
  return approvedResultHasHazards ? referralAfter(from, HAZARDS_CONFIRMED) : undefined;
}

/** States reachable from `start` within a region (start included), in the machine's order. */
function reachableFrom<S extends string>(region: Region<S>, start: S): S[] {
  const seen = new Set<S>();
  const visit = (state: S): void => {
    if (seen.has(state)) return;
    seen.add(state);
    for (const step of region.steps.get(state)?.values() ?? []) step.targets.forEach(visit);
  };
  visit(start);
  return region.states.filter((state) => seen.has(state));
}

const OPENED = referralAfter(INITIAL_REFERRAL_STATE, HAZARDS_CONFIRMED) as ReferralState;
const REFERRED = referralAfter(OPENED, INSPECTION_EVENT_TYPES.HazardReferralOpened) as ReferralState;

/** A referral that has been opened, whatever became of it since. */
export const OPENED_REFERRAL_STATES: readonly ReferralState[] = reachableFrom(REFERRAL, REFERRED);
/** An opened referral that is not closed or escalated yet: follow-up is due. */
export const OPEN_REFERRAL_STATES: readonly ReferralState[] = OPENED_REFERRAL_STATES.filter((state) => !REFERRAL.finals.has(state));
