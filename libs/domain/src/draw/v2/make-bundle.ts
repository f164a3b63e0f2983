import type { FrozenPopulation } from '../draw.types';
import { ALGORITHM_VERSION_V2, BUNDLE_FORMAT, type CommitmentRound, type DrawBundle, type DrawReveal, type EventRef } from './bundle.types';
import { checkDrawGate, type DrawGateRejection } from './draw-gate';
import { canonicalPopulationV2 } from './population-v2';
import { drawV2 } from './run-draw-v2';

export interface BundleFacts {
  readonly drawId: string;
  readonly planId: string;
  readonly population: FrozenPopulation;
  readonly commitment: CommitmentRound;
  readonly commitmentEvent: EventRef;
  readonly usedCommitmentEventIds?: readonly string[];
}

/** The bundle published at the freeze, before the draw: commitment and population, nothing revealed yet. */
export function pendingBundle(f: BundleFacts): DrawBundle {
  return {
    format: BUNDLE_FORMAT,
    algorithmVersion: ALGORITHM_VERSION_V2,
    drawId: f.drawId,
    planId: f.planId,
    month: f.population.month,
    commitment: f.commitment,
    commitmentEvent: f.commitmentEvent,
    population: canonicalPopulationV2(f.population),
    reveal: { secret: '', witnesses: [] },
  };
}

export type DrawBundleOutcome = { readonly ok: true; readonly bundle: DrawBundle } | { readonly ok: false; readonly rejection: DrawGateRejection | { readonly kind: 'drawFailed'; readonly code: string; readonly message: string } };

/** Checks the gate at `now`, runs the draw and returns the complete bundle (the draw event's ref is added by whoever appends it). */
export function drawToBundle(f: BundleFacts, reveal: DrawReveal, now: string): DrawBundleOutcome {
  const refused = checkDrawGate({
    commitment: f.commitment,
    commitmentEventId: f.commitmentEvent.eventId,
    population: f.population,
    reveal,
    usedCommitmentEventIds: f.usedCommitmentEventIds ?? [],
    now,
  });
  if (refused) return { ok: false, rejection: refused };
  const outcome = drawV2({
    drawId: f.drawId,
    population: f.population,
    commitment: f.commitment,
    commitmentEvent: f.commitmentEvent,
    secret: reveal.secret,
    beaconValue: reveal.beaconValue as string,
    witnessValues: reveal.witnesses.map((w) => w.value),
  });
  if (!outcome.ok) return { ok: false, rejection: { kind: 'drawFailed', code: outcome.code, message: outcome.message } };
  return { ok: true, bundle: { ...pendingBundle(f), reveal, result: outcome.result } };
}
