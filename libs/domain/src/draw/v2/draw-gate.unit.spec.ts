import { witnessCommitmentOf } from './commit-reveal';
import { checkDrawGate, type DrawGateFacts } from './draw-gate';
import { drawToBundle } from './make-bundle';
import { V2_COMMITMENT, V2_COMMITMENT_EVENT, V2_FACTS, V2_NOW, V2_POPULATION, V2_REVEAL } from '../testing/v2-example';

const facts = (overrides: Partial<DrawGateFacts> = {}): DrawGateFacts => ({
  commitment: V2_COMMITMENT,
  commitmentEventId: V2_COMMITMENT_EVENT.eventId,
  population: V2_POPULATION,
  reveal: V2_REVEAL,
  usedCommitmentEventIds: [],
  now: V2_NOW,
  ...overrides,
});

describe('checkDrawGate: commit–reveal and the beacon moment', () => {
  it('lets the draw run after the beacon moment with every reveal matching', () => {
    expect(checkDrawGate(facts())).toBeNull();
  });

  it('refuses a draw before the beacon moment (409 state awaiting-beacon, saying when it may run)', () => {
    const refused = checkDrawGate(facts({ now: '2026-03-27T13:29:59Z' }));
    expect(refused).toMatchObject({ kind: 'awaitingBeacon', state: 'awaiting-beacon', availableAt: '2026-03-27T13:30:00Z' });
    expect(drawToBundle(V2_FACTS, V2_REVEAL, '2026-03-27T13:29:59Z').ok).toBe(false);
  });

  it('refuses a redraw on a commitment round already used: a redraw needs a new freeze and beacon moment', () => {
    expect(checkDrawGate(facts({ usedCommitmentEventIds: [V2_COMMITMENT_EVENT.eventId] }))).toMatchObject({ kind: 'commitmentAlreadyUsed', state: 'drawn' });
  });

  it('refuses without the beacon value', () => {
    const { beaconValue: _dropped, ...noBeacon } = V2_REVEAL;
    expect(checkDrawGate(facts({ reveal: noBeacon }))).toMatchObject({ kind: 'ruleViolation', field: 'beaconValue', rule: 'required' });
    expect(checkDrawGate(facts({ reveal: { ...V2_REVEAL, beaconValue: ' ' } }))).toMatchObject({ field: 'beaconValue' });
  });

  it('refuses a witness value or nonce that does not match its commitment, naming the witness', () => {
    const witnesses = [V2_REVEAL.witnesses[0]!, { ...V2_REVEAL.witnesses[1]!, value: 'Amélie 公证 2719' }];
    expect(checkDrawGate(facts({ reveal: { ...V2_REVEAL, witnesses } }))).toMatchObject({ field: 'witnesses[1].value', rule: 'commitment-mismatch' });
    const nonce = [{ ...V2_REVEAL.witnesses[0]!, nonce: '3'.repeat(64) }, V2_REVEAL.witnesses[1]!];
    expect(checkDrawGate(facts({ reveal: { ...V2_REVEAL, witnesses: nonce } }))).toMatchObject({ field: 'witnesses[0].value' });
    expect(checkDrawGate(facts({ reveal: { ...V2_REVEAL, witnesses: [V2_REVEAL.witnesses[0]!] } }))).toMatchObject({ field: 'witnesses', rule: 'count' });
  });

  it('refuses a secret that does not match, and a population edited after the freeze', () => {
    expect(checkDrawGate(facts({ reveal: { ...V2_REVEAL, secret: '1'.repeat(64) } }))).toMatchObject({ field: 'secret' });
    const edited = { ...V2_POPULATION, units: V2_POPULATION.units.slice(1) };
    expect(checkDrawGate(facts({ population: edited }))).toMatchObject({ field: 'population', rule: 'hash-mismatch' });
  });

  it('hashes a witness value as the server stores it (NFKC, trimmed): full-width colon and spaces typed at home still match', () => {
    const typed = { kind: 'notary' as const, source: ' 示例市公证处 ', value: '掷骰：５、２' };
    const stored = { kind: 'notary' as const, source: '示例市公证处', value: '掷骰:5、2' };
    const nonce = 'ab'.repeat(32);
    expect(witnessCommitmentOf(typed, { value: typed.value, nonce })).toBe(witnessCommitmentOf(stored, { value: stored.value, nonce }));
  });

  it('treats a witness value typed decomposed or composed (NFC) as the same input', () => {
    const composed = [V2_REVEAL.witnesses[0]!, { ...V2_REVEAL.witnesses[1]!, value: V2_REVEAL.witnesses[1]!.value.normalize('NFC') }];
    expect(composed[1]!.value).not.toBe(V2_REVEAL.witnesses[1]!.value);
    const a = drawToBundle(V2_FACTS, V2_REVEAL, V2_NOW);
    const b = drawToBundle(V2_FACTS, { ...V2_REVEAL, witnesses: composed }, V2_NOW);
    expect(a.ok && b.ok && a.bundle.result?.seed === b.bundle.result?.seed).toBe(true);
  });
});
