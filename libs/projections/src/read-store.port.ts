/**
 * The read-model store port. A read model is a set of declared tables; a projection turns events into
 * row changes on them (libs/projections/src/projection.ts). The store applies a batch of row changes
 * together with the projection's checkpoint in ONE transaction, so every event counts exactly once
 * across crashes. The port is SQL-dialect-neutral on purpose: SQLite (libs/projections/src/sqlite) and
 * PostgreSQL (libs/projections/src/postgres) implement it from the same table specs and the same tiny
 * query language, and both run the one contract suite (testing/read-store.contract.ts).
 *
 * Blue-green: each projection's tables exist in numbered generations. Readers always read the
 * projection's active generation; a rebuild fills a fresh generation and `activateGeneration`
 * switches the pointer atomically, so readers never see a half-built model.
 */

export type ColumnType = 'text' | 'integer' | 'real' | 'json';

export interface TableSpec {
  /** Logical name, unique across all projections (e.g. `progress_cases`). */
  readonly name: string;
  /** The primary-key column (always text). */
  readonly key: string;
  readonly columns: Readonly<Record<string, ColumnType>>;
  /**
   * Secondary indexes, each a list of columns. Live generations have them from the start. For a bulk
   * rebuild each adapter picks the cheaper moment: SQLite on a file creates them up front, because its
   * writer thread maintains them in parallel with the events being applied; PostgreSQL and an
   * in-memory SQLite build them once the rows are in (finishGeneration).
   */
  readonly indexes?: readonly (readonly string[])[];
}

export interface ProjectionSchema {
  readonly name: string;
  /** Bump when the tables or the handlers' meaning change: the store then starts a fresh generation. */
  readonly version: number;
  readonly tables: readonly TableSpec[];
}

/** A row as handlers and readers see it: json columns are parsed values, integers are numbers. */
export type Row = { readonly [column: string]: unknown };

export interface RowRef {
  readonly table: string;
  readonly key: string;
}

export type Condition =
  | { readonly column: string; readonly op: 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte'; readonly value: string | number }
  | { readonly column: string; readonly op: 'in'; readonly value: readonly (string | number)[] }
  /** Substring match, case-sensitive (Chinese names have no case). */
  | { readonly column: string; readonly op: 'contains'; readonly value: string }
  | { readonly column: string; readonly op: 'isNull' | 'notNull' };

export interface QuerySpec {
  readonly where?: readonly Condition[];
  readonly orderBy?: readonly { readonly column: string; readonly direction?: 'asc' | 'desc' }[];
  readonly limit?: number;
  readonly offset?: number;
}

/** Which tables a read addresses: the projection's active generation unless one is named. */
export interface TableRef {
  readonly projection: string;
  /** The table's spec travels with every read, so a reader needs no registration step. */
  readonly table: TableSpec;
  readonly generation?: number;
}

export type ProjectionRunState = 'running' | 'failed' | 'stopped';

export interface ProjectionCheckpoint {
  readonly name: string;
  readonly version: number;
  /** The generation readers see. */
  readonly generation: number;
  /** Last event position applied to the active generation (0 = none). */
  readonly position: number;
}

export interface RowChanges {
  readonly upserts: readonly { readonly table: string; readonly row: Row }[];
  readonly deletes: readonly RowRef[];
}

export interface CommitRequest extends RowChanges {
  readonly projection: string;
  readonly generation: number;
  /** The checkpoint this batch was computed from; a different stored checkpoint is a conflict. */
  readonly fromPosition: number;
  readonly toPosition: number;
  /** The live runner sets this: a generation swapped out by a replay must not take more writes. */
  readonly requireActive?: boolean;
}

/** Another writer moved this projection's checkpoint (or the generation was swapped): reload and retry. */
export class CheckpointConflictError extends Error {
  override readonly name = 'CheckpointConflictError';
  constructor(
    readonly projection: string,
    readonly generation: number,
    readonly expectedPosition: number,
    readonly actualPosition: number | null,
  ) {
    super(
      `Projection ${projection} generation ${generation}: checkpoint is ${actualPosition ?? 'missing'}, expected ${expectedPosition} ` +
        '(another writer advanced it, or the generation was replaced)',
    );
  }
}

export interface ReadStore {
  /**
   * Makes sure the projection has an active generation matching `schema.version` (creating fresh
   * tables at position 0 when it has none, or when the version changed) and returns its checkpoint.
   */
  register(schema: ProjectionSchema): Promise<ProjectionCheckpoint>;
  checkpoint(projection: string): Promise<ProjectionCheckpoint | null>;
  /** Position reached by a given generation (active or being built). */
  generationPosition(projection: string, generation: number): Promise<number | null>;

  /** Current rows for the given refs in one generation; missing rows are absent from the map (key `table\u0000key`). */
  load(projection: string, generation: number, refs: readonly RowRef[]): Promise<Map<string, Row>>;
  /** Row changes and the new checkpoint, atomically. Throws CheckpointConflictError, changing nothing. */
  commit(request: CommitRequest): Promise<void>;

  /** Fresh, empty tables for a rebuild, with or without their secondary indexes (see TableSpec.indexes); returns the generation number. */
  createGeneration(schema: ProjectionSchema): Promise<number>;
  /** After a bulk rebuild: makes sure the generation has every secondary index (builds those not created up front). */
  finishGeneration(schema: ProjectionSchema, generation: number): Promise<void>;
  /** Atomically makes `generation` the one readers see; the previous one is kept until `dropGeneration`. */
  activateGeneration(projection: string, generation: number): Promise<void>;
  /** Drops every inactive generation of the projection except `keep`. */
  dropInactiveGenerations(projection: string, keep?: number): Promise<void>;

  query(ref: TableRef, spec?: QuerySpec): Promise<Row[]>;
  count(ref: TableRef, where?: readonly Condition[]): Promise<number>;
  countBy(ref: TableRef, columns: readonly string[], where?: readonly Condition[]): Promise<{ readonly values: Row; readonly count: number }[]>;
  /** Streams rows page by page (bounded memory), in `orderBy` order (default: by key). */
  iterate(ref: TableRef, spec?: QuerySpec, pageSize?: number): AsyncIterable<Row>;

  /** Plain checkpoints for process managers (no read-model tables). */
  loadCheckpoint(name: string): Promise<number>;
  saveCheckpoint(name: string, position: number): Promise<void>;

  close(): Promise<void>;
}

export const rowKey = (table: string, key: string): string => `${table}\u0000${key}`;
