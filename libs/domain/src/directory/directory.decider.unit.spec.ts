import { foldWith, type StoredEvent } from '../shared/decider';
import { DIRECTORY_EVENT_TYPES as T, type InspectorEvent, type UnitEvent } from './directory.events';
import { inspectorDecider } from './inspector.decider';
import { aUnit, anInspector } from './testing/directory.fixtures';
import { unitDecider, type UnitCommand } from './unit.decider';

const at = (event: UnitEvent | InspectorEvent, n: number) => ({ ...event, id: `e${n}`, occurredAt: '2026-03-01T00:00:00.000Z' }) as StoredEvent<never>;
/** Given these unit events, when this command, then this decision. */
const givenUnit = (events: readonly UnitEvent[]) => ({
  when: (command: UnitCommand) => unitDecider.decide(command, foldWith(unitDecider, events.map((e, i) => at(e, i)) as StoredEvent<UnitEvent>[]), ''),
});
const registered = aUnit(1);

describe('unit decider', () => {
  it('registers a unit it has not seen', () => {
    expect(givenUnit([]).when({ type: 'importUnit', unit: registered })).toEqual({ kind: 'accepted', events: [{ type: T.UnitRegistered, data: { unit: registered } }] });
  });

  it('the same record again is no event at all', () => {
    expect(givenUnit([{ type: T.UnitRegistered, data: { unit: registered } }]).when({ type: 'importUnit', unit: registered })).toEqual({ kind: 'accepted', events: [] });
  });

  it('a changed detail is one update holding only the changed fields', () => {
    const decision = givenUnit([{ type: T.UnitRegistered, data: { unit: registered } }]).when({ type: 'importUnit', unit: { ...registered, address: '新地址1号', riskGrade: 'A' } });
    expect(decision).toEqual({ kind: 'accepted', events: [{ type: T.UnitUpdated, data: { unitId: registered.id, changes: { address: '新地址1号', riskGrade: 'A' } } }] });
  });

  it('a status change is its own event, with its date', () => {
    const decision = givenUnit([{ type: T.UnitRegistered, data: { unit: registered } }]).when({ type: 'importUnit', unit: { ...registered, status: 'closed', statusDate: '2026-03-08' } });
    expect(decision).toEqual({
      kind: 'accepted',
      events: [{ type: T.UnitStatusChanged, data: { unitId: registered.id, previousStatus: 'active', status: 'closed', statusDate: '2026-03-08' } }],
    });
  });

  it('refuses to change a deregistered unit', () => {
    const history: UnitEvent[] = [
      { type: T.UnitRegistered, data: { unit: registered } },
      { type: T.UnitStatusChanged, data: { unitId: registered.id, previousStatus: 'active', status: 'deregistered', statusDate: '2026-02-01' } },
    ];
    expect(givenUnit(history).when({ type: 'importUnit', unit: { ...registered, status: 'active', statusDate: '2026-03-01' } })).toMatchObject({
      kind: 'rejected',
      error: { kind: 'ruleViolations', violations: [{ field: 'status', rule: 'deregistered-final' }] },
    });
  });

  it('refuses an invalid record (bad credit code)', () => {
    expect(givenUnit([]).when({ type: 'importUnit', unit: { ...registered, creditCode: '123' } })).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolations' } });
  });

  it('folds a status change, and leaves the record alone for an event kind it does not know', () => {
    const state = foldWith(unitDecider, [
      at({ type: T.UnitRegistered, data: { unit: registered } }, 0),
      at({ type: T.UnitStatusChanged, data: { unitId: registered.id, previousStatus: 'active', status: 'closed', statusDate: '2026-03-08' } }, 1),
      { type: 'UnitRenamed.v9', data: {}, id: 'e2', occurredAt: '' } as unknown as StoredEvent<UnitEvent>,
    ] as StoredEvent<UnitEvent>[]);
    expect(state).toMatchObject({ status: 'closed', statusDate: '2026-03-08', name: registered.name });
  });
});

describe('inspector decider', () => {
  const inspector = anInspector(1);
  const decide = (events: readonly InspectorEvent[], next = inspector) =>
    inspectorDecider.decide({ type: 'importInspector', inspector: next }, foldWith(inspectorDecider, events.map((e, i) => at(e, i)) as StoredEvent<InspectorEvent>[]), '');

  it('registers, then ignores the same record, then updates only what changed', () => {
    expect(decide([])).toEqual({ kind: 'accepted', events: [{ type: T.InspectorRegistered, data: { inspector } }] });
    const known: InspectorEvent[] = [{ type: T.InspectorRegistered, data: { inspector } }];
    expect(decide(known)).toEqual({ kind: 'accepted', events: [] });
    const leaves = [{ from: '2026-03-01', to: '2026-03-10' }];
    expect(decide(known, { ...inspector, leaves })).toEqual({ kind: 'accepted', events: [{ type: T.InspectorUpdated, data: { inspectorId: inspector.id, changes: { leaves } } }] });
  });

  it('refuses an inspector whose certificate ends before it starts', () => {
    expect(decide([], { ...inspector, certificateValidTo: '2020-01-01' })).toMatchObject({ kind: 'rejected', error: { kind: 'ruleViolations' } });
  });
});
