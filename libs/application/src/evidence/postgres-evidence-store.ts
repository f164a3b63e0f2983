import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { Pool } from 'pg';
import { applyMigrations, DEFAULT_POSTGRES_SCHEMA, openMigratedPool, parsePostgresSetting, quoteIdent, type Migration } from '@shuangsui/event-store';
import type { EvidenceGrants, EvidenceRecord, EvidenceStore, ReceivedFile } from './evidence-store.port';

const EVIDENCE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create evidence tables',
    sql: `
      CREATE TABLE evidence_files (
        sha256 text PRIMARY KEY,
        size bigint NOT NULL,
        media_type text NOT NULL,
        file_name text NOT NULL,
        content bytea NOT NULL,
        stored_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE evidence_grants (
        sha256 text NOT NULL REFERENCES evidence_files (sha256),
        kind text NOT NULL CHECK (kind IN ('uploader', 'case')),
        principal text NOT NULL,
        PRIMARY KEY (sha256, kind, principal)
      );`,
  },
];

interface FileRow {
  sha256: string;
  size: string;
  media_type: string;
  file_name: string;
}

/**
 * Evidence files in PostgreSQL (`bytea`), used when the event store is PostgreSQL, so every server
 * sharing that database shares the files. A file is read whole into one parameter: fine for the
 * upload limit's tens of megabytes; much larger files belong in an object store (docs/field-records.md).
 */
export class PostgresEvidenceStore implements EvidenceStore {
  private constructor(
    private readonly pool: Pool,
    private readonly schema: string,
  ) {}

  /** Opens (and migrates) the store on the event store's URL; `?schema=` is honoured as there. */
  static async open(url: string, schemaOverride?: string): Promise<PostgresEvidenceStore> {
    const setting = parsePostgresSetting(url, 'SHUANGSUI_EVENT_STORE');
    const schema = schemaOverride ?? setting.schema ?? DEFAULT_POSTGRES_SCHEMA;
    const pool = await openMigratedPool(setting.connectionString, 4, (fresh) =>
      applyMigrations(fresh, schema, EVIDENCE_MIGRATIONS, { table: 'evidence_migrations', lockKey: `migrate-evidence:${schema}`, label: 'Evidence migration' }),
    );
    return new PostgresEvidenceStore(pool, quoteIdent(schema));
  }

  async has(sha256: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(`SELECT 1 FROM ${this.schema}.evidence_files WHERE sha256 = $1`, [sha256]);
    return (rowCount ?? 0) > 0;
  }

  async put(file: ReceivedFile): Promise<{ created: boolean; record: EvidenceRecord }> {
    const existing = await this.record(file.sha256);
    if (existing) return { created: false, record: existing };
    const content = await readFile(file.path);
    // ON CONFLICT: two servers storing the same bytes at once both succeed; one row is kept.
    const { rowCount } = await this.pool.query(
      `INSERT INTO ${this.schema}.evidence_files (sha256, size, media_type, file_name, content) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING`,
      [file.sha256, file.size, file.mediaType, file.fileName, content],
    );
    const record = await this.record(file.sha256);
    if (!record) throw new Error(`evidence ${file.sha256} vanished while being stored`);
    return { created: (rowCount ?? 0) > 0, record };
  }

  async open(sha256: string): Promise<{ record: EvidenceRecord; content: Readable } | null> {
    const { rows } = await this.pool.query<FileRow & { content: Buffer }>(
      `SELECT sha256, size, media_type, file_name, content FROM ${this.schema}.evidence_files WHERE sha256 = $1`,
      [sha256],
    );
    const row = rows[0];
    return row ? { record: toRecord(row), content: Readable.from([row.content]) } : null;
  }

  async grant(sha256: string, grants: Partial<EvidenceGrants>): Promise<void> {
    const pairs = [...(grants.uploaderIds ?? []).map((id) => ['uploader', id]), ...(grants.caseIds ?? []).map((id) => ['case', id])];
    if (pairs.length === 0) return;
    await this.pool.query(
      `INSERT INTO ${this.schema}.evidence_grants (sha256, kind, principal)
       SELECT $1, kind, principal FROM unnest($2::text[], $3::text[]) AS given(kind, principal)
       ON CONFLICT DO NOTHING`,
      [sha256, pairs.map(([kind]) => kind), pairs.map(([, id]) => id)],
    );
  }

  async grants(sha256: string): Promise<EvidenceGrants> {
    const { rows } = await this.pool.query<{ kind: string; principal: string }>(
      `SELECT kind, principal FROM ${this.schema}.evidence_grants WHERE sha256 = $1 ORDER BY kind, principal`,
      [sha256],
    );
    return {
      uploaderIds: rows.filter((row) => row.kind === 'uploader').map((row) => row.principal),
      caseIds: rows.filter((row) => row.kind === 'case').map((row) => row.principal),
    };
  }

  close(): Promise<void> {
    return this.pool.end();
  }

  private async record(sha256: string): Promise<EvidenceRecord | null> {
    const { rows } = await this.pool.query<FileRow>(`SELECT sha256, size, media_type, file_name FROM ${this.schema}.evidence_files WHERE sha256 = $1`, [sha256]);
    return rows[0] ? toRecord(rows[0]) : null;
  }
}


function toRecord(row: FileRow): EvidenceRecord {
  return { sha256: row.sha256, size: Number(row.size), mediaType: row.media_type, fileName: row.file_name };
}
