import { DIRECTORY_EVENT_TYPES as D, inspectorStreamId, unitStreamId } from '@shuangsui/domain/directory';
import { projectInMemory, rowOf } from '../testing/given-events';
import { aUnit, anInspector, recordedOn } from '../testing/given-streams';
import { DIRECTORY_INSPECTORS, DIRECTORY_UNITS, directoryProjection } from './directory.projection';

const unit = aUnit({ id: 'u-1' });
const registered = { type: D.UnitRegistered, data: { unit } };

describe('directory projection, given unit and inspector events', () => {
  it('a registered unit is its record at revision 0, with its status', () => {
    const rows = projectInMemory(directoryProjection, recordedOn(unitStreamId('u-1'), [registered]));
    expect(rowOf(rows, DIRECTORY_UNITS.name, 'u-1')).toEqual({
      unit_id: 'u-1', record: unit, revision: 0, status: 'active', name: unit.name, risk_grade: unit.riskGrade, search_text: `${unit.name}\u0001${unit.creditCode}`,
    });
  });

  it('updates merge the changed fields; a status change sets status and date; the revision counts the events', () => {
    const rows = projectInMemory(
      directoryProjection,
      recordedOn(unitStreamId('u-1'), [
        registered,
        { type: D.UnitUpdated, data: { unitId: 'u-1', changes: { name: '青枫商贸（集团）有限公司', riskGrade: 'A' } } },
        { type: D.UnitStatusChanged, data: { unitId: 'u-1', previousStatus: 'active', status: 'closed', statusDate: '2026-03-05' } },
      ]),
    );
    expect(rowOf(rows, DIRECTORY_UNITS.name, 'u-1')).toEqual({
      unit_id: 'u-1', revision: 2, status: 'closed', name: '青枫商贸（集团）有限公司', risk_grade: 'A', search_text: `青枫商贸（集团）有限公司\u0001${unit.creditCode}`,
      record: { ...unit, name: '青枫商贸（集团）有限公司', riskGrade: 'A', status: 'closed', statusDate: '2026-03-05' },
    });
  });

  it('a reopened unit loses its status date (statusDate null), as the fold says', () => {
    const rows = projectInMemory(
      directoryProjection,
      recordedOn(unitStreamId('u-1'), [
        registered,
        { type: D.UnitStatusChanged, data: { unitId: 'u-1', previousStatus: 'active', status: 'closed', statusDate: '2026-03-05' } },
        { type: D.UnitStatusChanged, data: { unitId: 'u-1', previousStatus: 'closed', status: 'active', statusDate: null } },
      ]),
    );
    const row = rowOf(rows, DIRECTORY_UNITS.name, 'u-1')!;
    expect(row).toMatchObject({ revision: 2, status: 'active' });
    expect(row['record']).toEqual(unit);
  });

  it('inspectors: registered, then updated (leaves replaced as a whole list)', () => {
    const inspector = anInspector({ id: 'i-1' });
    const leaves = [{ from: '2026-03-02', to: '2026-03-06' }];
    const rows = projectInMemory(
      directoryProjection,
      recordedOn(inspectorStreamId('i-1'), [
        { type: D.InspectorRegistered, data: { inspector } },
        { type: D.InspectorUpdated, data: { inspectorId: 'i-1', changes: { leaves, active: false } } },
      ]),
    );
    expect(rowOf(rows, DIRECTORY_INSPECTORS.name, 'i-1')).toEqual({ inspector_id: 'i-1', record: { ...inspector, leaves, active: false }, revision: 1 });
  });

  it('streams are kept apart: each unit counts its own revisions; an update of a unit never registered makes no row', () => {
    const rows = projectInMemory(directoryProjection, [
      ...recordedOn(unitStreamId('u-1'), [registered], 1),
      ...recordedOn(unitStreamId('u-2'), [{ type: D.UnitRegistered, data: { unit: aUnit({ id: 'u-2' }) } }], 2),
      ...recordedOn(unitStreamId('u-1'), [{ type: D.UnitUpdated, data: { unitId: 'u-1', changes: { manager: '王五' } } }], 3, 1),
      ...recordedOn(unitStreamId('u-3'), [{ type: D.UnitUpdated, data: { unitId: 'u-3', changes: { manager: '王五' } } }], 4),
    ]);
    expect(rowOf(rows, DIRECTORY_UNITS.name, 'u-1')).toMatchObject({ revision: 1, record: { manager: '王五' } });
    expect(rowOf(rows, DIRECTORY_UNITS.name, 'u-2')).toMatchObject({ revision: 0 });
    expect(rowOf(rows, DIRECTORY_UNITS.name, 'u-3')).toBeUndefined();
  });

  it('handles exactly the directory events (the rest of the log costs it nothing)', () => {
    expect(Object.keys(directoryProjection.handlers).sort()).toEqual(Object.values(D).sort());
  });
});
