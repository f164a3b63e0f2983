import { DIRECTORY_EVENT_TYPES as D, inspectorStreamId, unitStreamId } from '@shuangsui/domain/directory';
import type { EventStore } from '@shuangsui/event-store';
import { ProjectionRunner } from '../runner/projection-runner';
import { aUnit, anInspector, appendTo } from '../testing/given-streams';
import { readStoreKinds, type ReadStoreKind } from '../testing/read-store-kinds';
import { TempStores } from '../testing/temp-stores';
import { directoryProjection } from './directory.projection';
import { DirectoryReadModel } from './directory.reader';

async function caughtUp(events: EventStore, temp: TempStores, kind: ReadStoreKind) {
  const read = await kind.open(temp);
  const runner = new ProjectionRunner(events, read, [directoryProjection]);
  await runner.start();
  await runner.waitUntil(await events.headPosition());
  await runner.stop();
  return read;
}

describe.each(readStoreKinds().map((kind) => [kind.name, kind] as const))('DirectoryReadModel on a real %s read store', (_name, kind) => {
  let temp: TempStores;
  beforeEach(() => (temp = new TempStores()));
  afterEach(async () => {
    temp.remove();
    await kind.cleanup();
  });

  it('lists, finds and iterates units and inspectors as their streams fold them', async () => {
    const events = await temp.openEvents();
    // Ids out of order, and more units than one iterator page, so paging by key is exercised.
    const ids = Array.from({ length: 1_203 }, (_, i) => `u-${String((i * 7919) % 1_203).padStart(4, '0')}`);
    // Concurrent appends: group commit writes them in a few transactions.
    await Promise.all(ids.map((id) => appendTo(events, unitStreamId(id), [{ type: D.UnitRegistered, data: { unit: aUnit({ id }) } }])));
    await appendTo(events, unitStreamId('u-0005'), [
      { type: D.UnitUpdated, data: { unitId: 'u-0005', changes: { name: '新名称商店' } } },
      { type: D.UnitStatusChanged, data: { unitId: 'u-0005', previousStatus: 'active', status: 'deregistered', statusDate: '2026-02-01' } },
    ]);
    await appendTo(events, inspectorStreamId('i-2'), [{ type: D.InspectorRegistered, data: { inspector: anInspector({ id: 'i-2' }) } }]);
    await appendTo(events, inspectorStreamId('i-1'), [
      { type: D.InspectorRegistered, data: { inspector: anInspector({ id: 'i-1' }) } },
      { type: D.InspectorUpdated, data: { inspectorId: 'i-1', changes: { canLead: false } } },
    ]);
    const read = await caughtUp(events, temp, kind);
    const directory = new DirectoryReadModel(read);

    const sorted = [...ids].sort();
    expect((await directory.units()).map((unit) => unit.id)).toEqual(sorted);
    const iterated: string[] = [];
    for await (const unit of directory.iterateUnits()) iterated.push(unit.id);
    expect(iterated).toEqual(sorted);

    expect(await directory.unit('u-0005')).toEqual({ ...aUnit({ id: 'u-0005' }), name: '新名称商店', status: 'deregistered', statusDate: '2026-02-01' });
    expect(await directory.unit('u-missing')).toBeNull();

    const inspectors = await directory.inspectors();
    expect(inspectors).toEqual([anInspector({ id: 'i-1', canLead: false }), anInspector({ id: 'i-2' })]);
    const iteratedInspectors = [];
    for await (const inspector of directory.iterateInspectors()) iteratedInspectors.push(inspector);
    expect(iteratedInspectors).toEqual(inspectors);
    await read.close();
    await events.close();
  });

  it('an empty directory is empty lists, not an error', async () => {
    const events = await temp.openEvents();
    const read = await caughtUp(events, temp, kind);
    const directory = new DirectoryReadModel(read);
    expect(await directory.units()).toEqual([]);
    expect(await directory.inspectors()).toEqual([]);
    for await (const _unit of directory.iterateUnits()) throw new Error('no unit expected');
    await read.close();
    await events.close();
  });
});
