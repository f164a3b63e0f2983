import { foldWith, type StoredEvent } from '../shared/decider';
import { decideDocumentNumber, documentNumberDecider, formatDocumentNumber, type DocumentNumberEvent } from './document-number.decider';

const stored = (events: readonly DocumentNumberEvent[]): StoredEvent<DocumentNumberEvent>[] => events.map((event, index) => ({ ...event, id: `e${index}`, occurredAt: '2026-10-09T02:00:00.000Z' }));

describe('document numbers', () => {
  it('gives the next number without gaps, and a case the number it already has', () => {
    let events: DocumentNumberEvent[] = [];
    const allocate = (caseId: string): void => {
      const decision = decideDocumentNumber({ type: 'allocateDocumentNumber', caseId }, foldWith(documentNumberDecider, stored(events)));
      if (decision.kind !== 'accepted') throw new Error('refused');
      events = [...events, ...decision.events];
    };
    for (const caseId of ['a', 'b', 'a', 'c', 'b']) allocate(caseId);
    expect(events.map((event) => [event.data.caseId, event.data.sequence])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('formats the configured pattern', () => {
    expect(formatDocumentNumber('金东消{word}字〔{year}〕第 {seq:4} 号', { year: 2026, sequence: 12, word: '检' })).toBe('金东消检字〔2026〕第 0012 号');
    expect(formatDocumentNumber('{year}-{seq}', { year: 2026, sequence: 12345, word: '检' })).toBe('2026-12345');
  });
});
