import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { referencedEvidence, type Actor, type InspectionResultRecordedData } from '@shuangsui/domain';
import type { EvidenceSettings } from '../config/evidence-settings';
import { EvidenceNotFoundError, UnsupportedEvidenceTypeError } from './evidence-errors';
import { sniffEvidenceMediaType } from './evidence-media-type';
import type { EvidenceRecord, EvidenceStore } from './evidence-store.port';
import { stripJpegGps } from './exif-gps';

/** An upload as the HTTP layer hands it over: already in a temporary file, hashed while it arrived. */
export interface IncomingEvidence {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
  /** The first bytes (at least SNIFF_BYTES when the file is that long), for the content check. */
  readonly head: Buffer;
  readonly fileName: string;
}

/**
 * The evidence use cases: store an upload (content check, EXIF policy, content-addressed), give a
 * result its fact (which referenced hashes are stored), and say who may read a file.
 */
export class EvidenceFiles {
  constructor(
    readonly store: EvidenceStore,
    private readonly settings: Pick<EvidenceSettings, 'gps'>,
  ) {}

  async upload(file: IncomingEvidence, uploader: Actor, caseId: string | null): Promise<{ created: boolean; record: EvidenceRecord }> {
    const mediaType = sniffEvidenceMediaType(file.head);
    if (!mediaType) throw new UnsupportedEvidenceTypeError(file.fileName);
    const stripped = mediaType === 'image/jpeg' && this.settings.gps === 'strip' ? await this.withoutGps(file) : null;
    try {
      const received = { ...(stripped ?? file), mediaType, fileName: file.fileName };
      const stored = await this.store.put(received);
      await this.store.grant(stored.record.sha256, { uploaderIds: [uploader.id], caseIds: caseId ? [caseId] : [] });
      return stored;
    } finally {
      if (stripped) await rm(stripped.path, { force: true });
    }
  }

  /** The fact a recordResult command carries: which of the hashes it references are stored. */
  async storedEvidenceOf(result: Pick<InspectionResultRecordedData, 'items'>): Promise<readonly string[]> {
    const hashes = referencedEvidence(result);
    const held = await Promise.all(hashes.map(async (sha256) => ((await this.store.has(sha256)) ? sha256 : null)));
    return held.filter((sha256): sha256 is string => sha256 !== null);
  }

  /** After a result is recorded: the case's inspectors may read the files it references. */
  async grantToCase(caseId: string, result: Pick<InspectionResultRecordedData, 'items'>): Promise<void> {
    await Promise.all(referencedEvidence(result).map((sha256) => this.store.grant(sha256, { caseIds: [caseId] })));
  }

  /**
   * The file for `reader`. Roles that read every case read every file; an inspector reads what they
   * uploaded and what belongs to a case they may read (`mayReadCase`). Anything else is "not found".
   */
  async read(sha256: string, reader: Actor, mayReadCase: (caseId: string) => Promise<boolean>): Promise<{ record: EvidenceRecord; content: Readable }> {
    const opened = await this.store.open(sha256);
    if (!opened) throw new EvidenceNotFoundError(sha256);
    if (reader.role === 'inspector' && !(await this.inspectorMayRead(sha256, reader, mayReadCase))) {
      opened.content.destroy();
      throw new EvidenceNotFoundError(sha256);
    }
    return opened;
  }

  private async inspectorMayRead(sha256: string, reader: Actor, mayReadCase: (caseId: string) => Promise<boolean>): Promise<boolean> {
    const grants = await this.store.grants(sha256);
    if (grants.uploaderIds.includes(reader.id)) return true;
    for (const caseId of grants.caseIds) if (await mayReadCase(caseId)) return true;
    return false;
  }

  /** The photo without its location, in a file of its own beside the upload, hashed again. */
  private async withoutGps(file: IncomingEvidence): Promise<IncomingEvidence | null> {
    const original = await readFile(file.path);
    const stripped = stripJpegGps(original);
    if (stripped === original) return null;
    const path = `${file.path}.nogps`;
    await writeFile(path, stripped);
    return { ...file, path, size: stripped.length, sha256: createHash('sha256').update(stripped).digest('hex') };
  }
}
