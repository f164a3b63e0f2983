/**
 * An inspector's result for one case, kept in the browser (localStorage) from the first keystroke
 * until the server has acknowledged it: a lost network or a closed tab loses nothing. The draft's
 * Idempotency-Key is made once, so sending it again — by hand or when the network is back — can never
 * record the result twice.
 */
export interface FieldDraft {
  readonly idempotencyKey: string;
  visitDate: string;
  category: string;
  items: { item: number; outcome: string; note: string; evidence: { sha256: string; fileName: string }[] }[];
  hazards: { id: string; item: number; description: string; severity: string; correctedOnSite: boolean }[];
  /** Submitted but not acknowledged (the network failed): sent again when the browser is back online. */
  pending: boolean;
}

const keyOf = (caseId: string): string => `shuangsui-field-draft:${caseId}`;

export function loadDraft(caseId: string, fresh: () => FieldDraft): FieldDraft {
  const saved = localStorage.getItem(keyOf(caseId));
  if (saved) {
    try {
      return JSON.parse(saved) as FieldDraft;
    } catch {
      localStorage.removeItem(keyOf(caseId));
    }
  }
  return fresh();
}

export const saveDraft = (caseId: string, draft: FieldDraft): void => localStorage.setItem(keyOf(caseId), JSON.stringify(draft));
export const dropDraft = (caseId: string): void => localStorage.removeItem(keyOf(caseId));
