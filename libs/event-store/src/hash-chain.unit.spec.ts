import type { NewEvent, RecordedEvent } from './event-store.port';
import { findChainBreak, sealEvents } from './hash-chain';

function recorded(streamId: string, events: NewEvent[]): RecordedEvent[] {
  return events.map((event, revision) => ({ ...event, streamId, revision, position: revision + 1, recordedAt: '2026-01-01T00:00:00.000Z' }));
}

const raw: NewEvent[] = [
  { id: 'e1', type: 'InspectionDrawn.v1', data: { unit: '星河商贸' }, metadata: { actor: { id: 'p1', role: 'planner' } } },
  { id: 'e2', type: 'InspectorsAssigned.v1', data: { inspectorIds: ['a', 'b'] }, metadata: { actor: { id: 'p1', role: 'planner' } } },
  { id: 'e3', type: 'InspectionResultRecorded.v1', data: { category: 'no_problem' }, metadata: { actor: { id: 'a', role: 'inspector' } } },
];

describe('hash chain', () => {
  const chain = recorded('inspection-1', sealEvents('inspection-1', null, raw));

  it('links each event to its predecessor and verifies intact', () => {
    expect((chain[0]!.metadata as { prevHash: null }).prevHash).toBeNull();
    expect((chain[1]!.metadata as { prevHash: string }).prevHash).toBe((chain[0]!.metadata as { hash: string }).hash);
    expect(findChainBreak(chain)).toBeNull();
  });

  it('continues a chain across appends exactly as one append would', () => {
    const first = sealEvents('inspection-1', null, raw.slice(0, 2));
    const rest = sealEvents('inspection-1', { revision: 1, hash: (first[1]!.metadata as { hash: string }).hash }, raw.slice(2));
    expect([...first, ...rest]).toEqual(sealEvents('inspection-1', null, raw));
  });

  it('detects an edited payload', () => {
    const tampered = chain.map((event, i) => (i === 1 ? { ...event, data: { inspectorIds: ['a', 'c'] } } : event));
    expect(findChainBreak(tampered)).toMatchObject({ revision: 1, reason: 'hash_mismatch' });
  });

  it('detects edited metadata', () => {
    const tampered = chain.map((event, i) => (i === 2 ? { ...event, metadata: { ...(event.metadata as object), actor: { id: 'x', role: 'inspector' } } } : event));
    expect(findChainBreak(tampered)).toMatchObject({ revision: 2, reason: 'hash_mismatch' });
  });

  it('detects reordered events', () => {
    const swapped = [chain[0]!, { ...chain[2]!, revision: 1 }, { ...chain[1]!, revision: 2 }];
    expect(findChainBreak(swapped)).toMatchObject({ revision: 1 });
  });

  it('detects a removed event', () => {
    expect(findChainBreak([chain[0]!, chain[2]!])).toMatchObject({ reason: 'revision_gap' });
  });
});
