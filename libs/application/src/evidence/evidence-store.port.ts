import type { Readable } from 'node:stream';

/** What the store keeps about one file besides its bytes. */
export interface EvidenceRecord {
  readonly sha256: string;
  readonly size: number;
  readonly mediaType: string;
  /** The name it was first uploaded under; later uploads of the same bytes keep it. */
  readonly fileName: string;
}

/**
 * Who may read a stored file besides the roles that read every case: its uploaders, and the
 * inspectors of the cases it was uploaded for or that reference it.
 */
export interface EvidenceGrants {
  readonly uploaderIds: readonly string[];
  readonly caseIds: readonly string[];
}

/** A file received and hashed, waiting in a temporary file to be stored. */
export interface ReceivedFile extends EvidenceRecord {
  readonly path: string;
}

/**
 * Content-addressed storage of evidence files (docs/field-records.md): a file is kept once under its
 * SHA-256, so a retry or a duplicate costs nothing. Adapters: a directory under the data folder
 * (default), PostgreSQL when the event store is PostgreSQL; an S3-compatible store plugs in the same
 * way. Every method is safe to call concurrently and again after a crash.
 */
export interface EvidenceStore {
  has(sha256: string): Promise<boolean>;
  /** Stores the received file unless its hash is already there; `created` says which. */
  put(file: ReceivedFile): Promise<{ readonly created: boolean; readonly record: EvidenceRecord }>;
  /** The record and a stream of its bytes, or null for an unknown hash. */
  open(sha256: string): Promise<{ readonly record: EvidenceRecord; readonly content: Readable } | null>;
  /** Adds readers of a stored file (idempotent). */
  grant(sha256: string, grants: Partial<EvidenceGrants>): Promise<void>;
  grants(sha256: string): Promise<EvidenceGrants>;
  close(): Promise<void>;
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
