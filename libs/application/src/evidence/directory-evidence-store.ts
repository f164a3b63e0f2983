import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { appendFile, copyFile, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { EvidenceGrants, EvidenceRecord, EvidenceStore, ReceivedFile } from './evidence-store.port';
import { SHA256_HEX } from './evidence-store.port';

/**
 * Evidence files in a directory (by default `evidence/` beside a SQLite event store): `ab/<sha256>`
 * holds the bytes, `ab/<sha256>.json` the record (written last, so its presence means "stored"),
 * `ab/<sha256>.grants` one JSON line per reader added. Every file is written to `.incoming/` first,
 * flushed to disk and renamed into place, so a crash never leaves a half file under a hash.
 */
export class DirectoryEvidenceStore implements EvidenceStore {
  constructor(private readonly root: string) {}

  async has(sha256: string): Promise<boolean> {
    return (await this.record(sha256)) !== null;
  }

  async put(file: ReceivedFile): Promise<{ created: boolean; record: EvidenceRecord }> {
    const existing = await this.record(file.sha256);
    if (existing) return { created: false, record: existing };
    const record: EvidenceRecord = { sha256: file.sha256, size: file.size, mediaType: file.mediaType, fileName: file.fileName };
    const target = this.pathOf(file.sha256);
    await this.placeDurably(target, (incoming) => copyFile(file.path, incoming));
    await this.placeDurably(`${target}.json`, (incoming) => writeSynced(incoming, JSON.stringify(record)));
    return { created: true, record };
  }

  async open(sha256: string): Promise<{ record: EvidenceRecord; content: Readable } | null> {
    const record = await this.record(sha256);
    if (!record) return null;
    return { record, content: createReadStream(this.pathOf(sha256)) };
  }

  async grant(sha256: string, grants: Partial<EvidenceGrants>): Promise<void> {
    const lines = [
      ...(grants.uploaderIds ?? []).map((uploaderId) => JSON.stringify({ uploaderId })),
      ...(grants.caseIds ?? []).map((caseId) => JSON.stringify({ caseId })),
    ];
    if (lines.length === 0) return;
    await mkdir(dirname(this.pathOf(sha256)), { recursive: true });
    // One small O_APPEND write per call: concurrent grants never interleave within a line.
    await appendFile(`${this.pathOf(sha256)}.grants`, `${lines.join('\n')}\n`);
  }

  async grants(sha256: string): Promise<EvidenceGrants> {
    const text = await readFile(`${this.pathOf(sha256)}.grants`, 'utf8').catch(ifMissing(''));
    const entries = text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as { uploaderId?: string; caseId?: string });
    return {
      uploaderIds: [...new Set(entries.flatMap((entry) => (entry.uploaderId ? [entry.uploaderId] : [])))],
      caseIds: [...new Set(entries.flatMap((entry) => (entry.caseId ? [entry.caseId] : [])))],
    };
  }

  async close(): Promise<void> {}

  private pathOf(sha256: string): string {
    if (!SHA256_HEX.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  private async record(sha256: string): Promise<EvidenceRecord | null> {
    const text = await readFile(`${this.pathOf(sha256)}.json`, 'utf8').catch(ifMissing(null));
    return text === null ? null : (JSON.parse(text) as EvidenceRecord);
  }

  /** Writes through `.incoming/` (same file system, so the rename is atomic), fsyncs, renames. */
  private async placeDurably(target: string, write: (incoming: string) => Promise<void>): Promise<void> {
    const incomingDir = join(this.root, '.incoming');
    await mkdir(incomingDir, { recursive: true });
    await mkdir(dirname(target), { recursive: true });
    const incoming = join(incomingDir, randomUUID());
    try {
      await write(incoming);
      await fsyncFile(incoming);
      await rename(incoming, target);
      await fsyncFile(dirname(target));
    } finally {
      await rm(incoming, { force: true });
    }
  }
}

async function writeSynced(path: string, text: string): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}

async function fsyncFile(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function ifMissing<T>(fallback: T): (error: NodeJS.ErrnoException) => T {
  return (error) => {
    if (error.code === 'ENOENT') return fallback;
    throw error;
  };
}

