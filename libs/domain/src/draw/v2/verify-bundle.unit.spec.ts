import type { DrawBundle } from './bundle.types';
import { drawToBundle } from './make-bundle';
import { firstFailure, verifyBundle, type BundleCheckName } from './verify-bundle';
import { V2_FACTS, V2_NOW, V2_REVEAL } from '../testing/v2-example';

function drawnBundle(): DrawBundle {
  const outcome = drawToBundle(V2_FACTS, V2_REVEAL, V2_NOW);
  if (!outcome.ok) throw new Error(JSON.stringify(outcome.rejection));
  return { ...outcome.bundle, drawEvent: { eventId: 'draw-event', eventHash: 'ab'.repeat(32), position: 121 } };
}

/** A deep copy to edit, as a verifier receives it: parsed JSON. */
const edited = (edit: (b: any) => void): DrawBundle => {
  const copy = JSON.parse(JSON.stringify(drawnBundle()));
  edit(copy);
  return copy as DrawBundle;
};

describe('verifyBundle (version 2)', () => {
  it('passes every check on an untouched bundle, also after a JSON round trip', () => {
    const checks = verifyBundle(JSON.parse(JSON.stringify(drawnBundle())));
    expect(checks.map((c) => [c.name, c.ok])).toEqual(
      ['format', 'population', 'populationHash', 'commitment', 'witnessCommitments', 'beacon', 'order', 'seed', 'allocation', 'units', 'pairs', 'resultHash'].map((n) => [n, true]),
    );
    expect(firstFailure(checks)).toBeNull();
  });

  const cases: [string, (b: any) => void, BundleCheckName][] = [
    ['one unit’s grade', (b) => (b.population.units[4].riskGrade = 'D'), 'populationHash'],
    ['one unit removed', (b) => b.population.units.splice(2, 1), 'populationHash'],
    ['one inspector’s leave', (b) => b.population.inspectors[5].leaves.push({ from: '2026-04-01', to: '2026-04-02' }), 'populationHash'],
    ['a witness value that does not match its commitment', (b) => (b.reveal.witnesses[0].value = '5927'), 'witnessCommitments'],
    ['a missing beacon value', (b) => delete b.reveal.beaconValue, 'beacon'],
    ['a swapped pair in the result', (b) => (b.result.assignments[0].inspectorIds = [...b.result.assignments[0].inspectorIds].reverse()), 'pairs'],
    ['a drawn unit replaced', (b) => (b.result.assignments[1].unitId = 'U01'), 'units'],
    ['a draw record that points at another commitment', (b) => (b.result.commitmentEventId = 'other'), 'order'],
    ['a draw recorded before its commitment', (b) => (b.drawEvent.position = 100), 'order'],
    ['the secret', (b) => (b.reveal.secret = '0'.repeat(64)), 'commitment'],
    ['the recorded seed', (b) => (b.result.seed = '0'.repeat(64)), 'seed'],
    ['the result hash', (b) => (b.result.resultHash = '0'.repeat(64)), 'resultHash'],
    ['a duplicate unit id', (b) => b.population.units.push({ ...b.population.units[0] }), 'population'],
    ['a unit that is not an object', (b) => (b.population.units[0] = null), 'population'],
    ['an inspector without leaves', (b) => delete b.population.inspectors[0].leaves, 'population'],
    ['an inverted leave', (b) => b.population.inspectors[0].leaves.push({ from: '2026-04-09', to: '2026-04-01' }), 'population'],
  ];
  it.each(cases)('names the failing check when %s is edited', (_what, edit, check) => {
    const checks = verifyBundle(edited(edit));
    expect(firstFailure(checks)?.name).toBe(check);
    expect(checks.find((c) => c.name === check)?.ok).toBe(false);
    expect(checks.find((c) => c.name === check)?.detail).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['another format', { format: 'x' }],
    ['null', null],
    ['no reveal', edited((b) => delete b.reveal)],
    ['witness reveals that are not objects', edited((b) => (b.reveal.witnesses = [1, 2]))],
    ['a result without assignments', edited((b) => delete b.result.assignments)],
  ])('fails the format check, without throwing, on %s', (_what, bundle) => {
    expect(firstFailure(verifyBundle(bundle as unknown as DrawBundle))?.name).toBe('format');
  });
});
