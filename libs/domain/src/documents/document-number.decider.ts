import type { DomainEvent } from '../events/event-metadata';
import { accept, type Decider, type Decision } from '../shared/decider';

/**
 * Document numbers (文书编号): one stream per document kind and year holds every number given out,
 * so numbers follow each other without gaps and a case keeps the number it was given first.
 */
export const DOCUMENT_NUMBER_EVENT_TYPES = { DocumentNumberAllocated: 'DocumentNumberAllocated.v1' } as const;

export interface DocumentNumberAllocatedData {
  readonly caseId: string;
  /** 1, 2, 3 … within the kind and year. */
  readonly sequence: number;
}

export type DocumentNumberEvent = DomainEvent<typeof DOCUMENT_NUMBER_EVENT_TYPES.DocumentNumberAllocated, DocumentNumberAllocatedData>;

export interface AllocateDocumentNumber {
  readonly type: 'allocateDocumentNumber';
  readonly caseId: string;
}
export type DocumentNumberCommand = AllocateDocumentNumber;

export interface DocumentNumberState {
  readonly last: number;
  readonly byCase: Readonly<Record<string, number>>;
}

export const documentNumberStreamId = (kind: string, year: number): string => `document-numbers-${kind}-${year}`;

export function evolveDocumentNumbers(state: DocumentNumberState, event: DocumentNumberEvent): DocumentNumberState {
  if (event.type !== DOCUMENT_NUMBER_EVENT_TYPES.DocumentNumberAllocated) return state;
  return { last: event.data.sequence, byCase: { ...state.byCase, [event.data.caseId]: event.data.sequence } };
}

/** The next number, or nothing when the case has one already (asking twice gives the same number). */
export function decideDocumentNumber(command: DocumentNumberCommand, state: DocumentNumberState): Decision<DocumentNumberEvent, never> {
  if (state.byCase[command.caseId] !== undefined) return accept();
  return accept({ type: DOCUMENT_NUMBER_EVENT_TYPES.DocumentNumberAllocated, data: { caseId: command.caseId, sequence: state.last + 1 } });
}

export const documentNumberDecider: Decider<DocumentNumberCommand, DocumentNumberEvent, DocumentNumberState, never> = {
  initialState: () => ({ last: 0, byCase: {} }),
  evolve: evolveDocumentNumbers,
  decide: decideDocumentNumber,
};

/**
 * A number in the configured pattern: `{year}` the year, `{seq}` the sequence, `{seq:4}` padded with
 * zeros to 4 digits, `{word}` the kind's word (检, 限, 复).
 */
export function formatDocumentNumber(pattern: string, values: { readonly year: number; readonly sequence: number; readonly word: string }): string {
  return pattern.replace(/\{(year|seq|word)(?::(\d+))?\}/g, (_match, name: string, width: string | undefined) => {
    if (name === 'year') return String(values.year);
    if (name === 'word') return values.word;
    return String(values.sequence).padStart(width ? Number(width) : 0, '0');
  });
}
