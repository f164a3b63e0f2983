import { createHash } from 'node:crypto';
import { INSPECTION_EVENT_TYPES as T, type InspectionResultRecordedData } from '@shuangsui/domain';
import type { EventStore, RecordedEvent } from '@shuangsui/event-store';
import type { EvidenceStore } from './evidence-store.port';

/** One referenced file that is not what the record says. */
export interface EvidenceProblem {
  readonly sha256: string;
  readonly fileName: string;
  readonly streamId: string;
  readonly eventId: string;
  /** `missing`: no file stored under the hash; `altered`: the stored bytes hash to something else. */
  readonly reason: 'missing' | 'altered';
  /** For `altered`: what the stored bytes hash to. */
  readonly actualSha256?: string;
}

export interface EvidenceVerification {
  readonly intact: boolean;
  /** Distinct files referenced by recorded results. */
  readonly files: number;
  readonly references: number;
  readonly problems: readonly EvidenceProblem[];
}

/**
 * Every evidence file a recorded result references (docs/field-records.md) must exist in the evidence
 * store and still hash to its name: a file replaced, truncated or deleted after the fact is named with
 * the case and event that reference it. Reads each distinct file once, streaming.
 */
export async function verifyEvidence(events: Pick<EventStore, 'readAll'>, evidence: Pick<EvidenceStore, 'open'>, pageSize = 1_000): Promise<EvidenceVerification> {
  const referenced = new Map<string, { fileName: string; streamId: string; eventId: string }[]>();
  let references = 0;
  for (let after = 0; ; ) {
    const page = await events.readAll({ after, maxCount: pageSize });
    if (page.length === 0) break;
    for (const event of page) {
      for (const ref of evidenceOf(event)) {
        references += 1;
        referenced.set(ref.sha256, [...(referenced.get(ref.sha256) ?? []), { fileName: ref.fileName, streamId: event.streamId, eventId: event.id }]);
      }
    }
    after = (page[page.length - 1] as RecordedEvent).position;
  }
  const problems: EvidenceProblem[] = [];
  for (const [sha256, uses] of referenced) {
    const actual = await hashOfStored(evidence, sha256);
    if (actual === sha256) continue;
    for (const use of uses) problems.push({ sha256, ...use, reason: actual === null ? 'missing' : 'altered', ...(actual === null ? {} : { actualSha256: actual }) });
  }
  return { intact: problems.length === 0, files: referenced.size, references, problems };
}

function evidenceOf(event: RecordedEvent): { sha256: string; fileName: string }[] {
  if (event.type !== T.InspectionResultRecorded) return [];
  const data = event.data as unknown as InspectionResultRecordedData;
  return data.items.flatMap((item) => item.evidence ?? []).map(({ sha256, fileName }) => ({ sha256, fileName }));
}

async function hashOfStored(evidence: Pick<EvidenceStore, 'open'>, sha256: string): Promise<string | null> {
  const opened = await evidence.open(sha256);
  if (!opened) return null;
  const hash = createHash('sha256');
  try {
    for await (const chunk of opened.content) hash.update(chunk as Buffer);
  } catch (error) {
    // The store still has the file's record, but the bytes are gone.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return hash.digest('hex');
}
