import type { DrawnUnit } from '../../inspection/inspection.events';
import { caseIdOf, type DrawRecordV2Data } from '../draw.events';
import type { FrozenPopulation } from '../draw.types';
import type { CommitmentRound, DrawReveal, EventRef } from './bundle.types';
import type { DrawGateRejection } from './draw-gate';
import { drawToBundle } from './make-bundle';
import { drawV2 } from './run-draw-v2';

/** The month's version-2 commitment round as recorded in its quota stream: what a v2 draw runs on. */
export interface CommitmentRoundFacts {
  readonly planId: string;
  readonly month: string;
  readonly population: FrozenPopulation;
  readonly freezeEventId: string;
  readonly commitment: CommitmentRound;
  readonly commitmentEvent: EventRef;
}

/** What a v2 draw command carries besides the stream's own state. */
export interface DrawV2Facts {
  readonly drawId: string;
  readonly authority: string;
  readonly round: CommitmentRoundFacts;
  readonly reveal: DrawReveal;
  /** The decision time (ISO instant): the beacon moment is checked against it. */
  readonly now: string;
  readonly unitsAtFreeze: ReadonlyMap<string, DrawnUnit>;
}

export type DrawV2Refusal = DrawGateRejection | { readonly kind: 'drawFailed'; readonly code: string; readonly message: string };

/**
 * Checks the gate (docs/draw-algorithm.md §V2.5), runs the v2 draw and writes down the record; a
 * round an earlier record of this draw used is refused, so a redraw always needs a new round.
 */
export function drawRecordV2(facts: DrawV2Facts, usedCommitmentEventIds: readonly string[], redrawNo: number): DrawRecordV2Data | DrawV2Refusal {
  const { round } = facts;
  const outcome = drawToBundle(
    { drawId: facts.drawId, planId: round.planId, population: round.population, commitment: round.commitment, commitmentEvent: round.commitmentEvent, usedCommitmentEventIds },
    facts.reveal,
    facts.now,
  );
  if (!outcome.ok) return outcome.rejection;
  const result = outcome.bundle.result;
  if (!result) throw new Error(`draw ${facts.drawId}: the bundle holds no result`);
  const cases = result.assignments.map((assignment) => {
    const unit = facts.unitsAtFreeze.get(assignment.unitId);
    if (!unit) throw new Error(`unit ${assignment.unitId} of the frozen population has no directory record at the freeze`);
    return { caseId: caseIdOf(facts.drawId, assignment.unitId, redrawNo), stratum: assignment.stratum, inspectorIds: [assignment.inspectorIds[0], assignment.inspectorIds[1]] as const, unit };
  });
  return {
    drawId: facts.drawId,
    planId: round.planId,
    month: round.month,
    authority: facts.authority,
    freezeEventId: round.freezeEventId,
    commitmentEventId: round.commitmentEvent.eventId,
    commitmentEventHash: round.commitmentEvent.eventHash,
    commitmentPosition: round.commitmentEvent.position,
    algorithmVersion: 'shuangsui-draw/2',
    populationHash: round.commitment.populationHash,
    commitment: round.commitment,
    reveal: facts.reveal,
    result,
    cases,
  };
}

/** Which units a v2 draw on these reveals would draw (no gate): the application reads only those units at the freeze. */
export function unitsToBeDrawnV2(facts: Pick<DrawV2Facts, 'drawId' | 'round' | 'reveal'>): readonly string[] {
  const { round, reveal } = facts;
  if (reveal.beaconValue === undefined) return [];
  const outcome = drawV2({
    drawId: facts.drawId,
    population: round.population,
    commitment: round.commitment,
    commitmentEvent: round.commitmentEvent,
    secret: reveal.secret,
    beaconValue: reveal.beaconValue,
    witnessValues: reveal.witnesses.map((w) => w.value),
  });
  return outcome.ok ? outcome.result.assignments.map((assignment) => assignment.unitId) : [];
}
