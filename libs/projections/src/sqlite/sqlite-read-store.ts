import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  CheckpointConflictError,
  rowKey,
  type ColumnType,
  type CommitRequest,
  type Condition,
  type ProjectionCheckpoint,
  type ProjectionSchema,
  type QuerySpec,
  type ReadStore,
  type Row,
  type RowRef,
  type TableRef,
  type TableSpec,
} from '../read-store.port';
import { BulkGuardFailed, SqliteBulkWriter, type BulkCommit, type BulkStatement } from './sqlite-bulk-writer';
import { BOOKKEEPING_SCHEMA, createIndexSql, createTableSql, identifier, physicalTable, selectSql, whereSql } from './sqlite-read-sql';

export interface SqliteReadStoreOptions {
  /** A file path, or ':memory:'. */
  readonly path: string;
  /** Test seam: runs inside the commit transaction after the rows, before the checkpoint (crash injection). */
  readonly beforeCheckpoint?: (request: CommitRequest) => void;
  /**
   * Commits of at least this many row changes are written on a second thread (file databases only),
   * so a rebuild or a long catch-up prepares its next batch meanwhile. Default 5,000; 0 never.
   */
  readonly bulkWriterRows?: number;
}

type Params = (string | number | null)[];
type SqlValue = string | number | null;
const LOAD_CHUNK = 200;
const BULK_WRITER_ROWS = 5_000;
/** The bulk commit's checkpoint check: the generation's position, if (when required) it is the active one. */
const GUARD_SQL = `SELECT g.position FROM rm_generations g WHERE g.name = ? AND g.generation = ?
  AND (? = 0 OR EXISTS (SELECT 1 FROM rm_projections p WHERE p.name = g.name AND p.generation = g.generation))`;
/** Rows per multi-row INSERT (SQLite allows 32,766 bound values; the widest table has about 20 columns). */
const MULTI_ROW = 64;
/** An upsert's SQL and the column order it binds. */
interface UpsertShape {
  readonly sql: string;
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];
}

/** A prepared upsert and the column order it binds. */
interface Upsert {
  readonly statement: Database.Statement;
  readonly columns: readonly string[];
  readonly types: readonly ColumnType[];
}

interface GenerationRow {
  readonly generation: number;
  readonly version: number;
  readonly position: number;
  readonly tables: string;
}

/**
 * Read models in one SQLite file (WAL). synchronous=NORMAL: read models can always be rebuilt from
 * the event store, and a lost last commit loses its checkpoint with it, so exactly-once holds.
 * better-sqlite3 is synchronous; the async port methods simply resolve at once.
 */
export class SqliteReadStore implements ReadStore {
  private readonly statements = new Map<string, Database.Statement>();
  private readonly upserts = new Map<string, Upsert>();
  /** Column types per logical table, from every schema this process registered or read. */
  private readonly tables = new Map<string, TableSpec>();
  /** Started on the first large commit. */
  private bulkWriter: SqliteBulkWriter | null = null;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly options: SqliteReadStoreOptions,
  ) {}

  static open(options: SqliteReadStoreOptions): SqliteReadStore {
    const inMemory = options.path === ':memory:';
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    const db = new Database(options.path);
    try {
      db.pragma('busy_timeout = 5000');
      if (!inMemory) {
        db.pragma('journal_mode = WAL');
        db.pragma('synchronous = NORMAL');
      }
      // A bulk rebuild's transaction touches tens of thousands of pages across B-trees keyed by
      // random case ids: with SQLite's default 2 MB page cache they spill and are re-read. 64 MB
      // (an upper bound, allocated as used) keeps a batch in memory; index builds sort in memory.
      db.pragma('cache_size = -65536');
      db.pragma('temp_store = MEMORY');
      db.exec(BOOKKEEPING_SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteReadStore(db, options);
  }

  async register(schema: ProjectionSchema): Promise<ProjectionCheckpoint> {
    this.remember(schema);
    const checkpoint = this.db.transaction(() => {
      const current = this.activeGeneration(schema.name);
      if (current && current.version === schema.version) return current;
      const generation = this.createGenerationSync(schema, true);
      this.activateSync(schema.name, generation);
      return this.activeGeneration(schema.name)!;
    }).immediate();
    return { name: schema.name, version: checkpoint.version, generation: checkpoint.generation, position: checkpoint.position };
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    const active = this.activeGeneration(projection);
    return active ? { name: projection, version: active.version, generation: active.generation, position: active.position } : null;
  }

  async generationPosition(projection: string, generation: number): Promise<number | null> {
    return this.generationRow(projection, generation)?.position ?? null;
  }

  async load(projection: string, generation: number, refs: readonly RowRef[]): Promise<Map<string, Row>> {
    const found = new Map<string, Row>();
    const byTable = new Map<string, string[]>();
    for (const ref of refs) {
      const keys = byTable.get(ref.table) ?? [];
      keys.push(ref.key);
      byTable.set(ref.table, keys);
    }
    for (const [table, keys] of byTable) {
      const spec = this.spec(table);
      const physical = physicalTable(table, generation);
      for (let i = 0; i < keys.length; i += LOAD_CHUNK) {
        const chunk = keys.slice(i, i + LOAD_CHUNK);
        const statement = this.prepare(`SELECT * FROM ${physical} WHERE ${spec.key} IN (${chunk.map(() => '?').join(',')})`);
        for (const raw of statement.all(...chunk) as Record<string, SqlValue>[]) {
          const row = decodeRow(spec, raw);
          found.set(rowKey(table, row[spec.key] as string), row);
        }
      }
    }
    void projection;
    return found;
  }

  async commit(request: CommitRequest): Promise<void> {
    if (this.isBulk(request)) return this.commitOnWriterThread(request);
    await this.writerIdle();
    this.commitSync(request);
  }

  /** Synchronous commit (bulk rebuilds call it directly to avoid a promise per batch). */
  commitSync(request: CommitRequest): void {
    this.db.transaction(() => {
      const stored = this.generationRow(request.projection, request.generation);
      if (!stored || stored.position !== request.fromPosition) {
        throw new CheckpointConflictError(request.projection, request.generation, request.fromPosition, stored?.position ?? null);
      }
      if (request.requireActive && this.activeGeneration(request.projection)?.generation !== request.generation) {
        throw new CheckpointConflictError(request.projection, request.generation, request.fromPosition, null);
      }
      this.writeUpserts(request.generation, request.upserts);
      for (const { table, key } of request.deletes) {
        this.prepare(`DELETE FROM ${physicalTable(table, request.generation)} WHERE ${this.spec(table).key} = ?`).run(key);
      }
      this.options.beforeCheckpoint?.(request);
      this.prepare('UPDATE rm_generations SET position = ? WHERE name = ? AND generation = ?').run(
        request.toPosition,
        request.projection,
        request.generation,
      );
    }).immediate();
  }

  async createGeneration(schema: ProjectionSchema): Promise<number> {
    this.remember(schema);
    await this.writerIdle();
    // With a writer thread, indexes grow with the rows on that thread, in parallel with the events
    // being applied; without one they are built at the end (finishGeneration), which costs less in all.
    return this.db.transaction(() => this.createGenerationSync(schema, this.bulkThreshold() > 0)).immediate();
  }

  async finishGeneration(schema: ProjectionSchema, generation: number): Promise<void> {
    await this.writerIdle();
    for (const spec of schema.tables) for (const sql of createIndexSql(spec, generation)) this.db.exec(sql);
  }

  async activateGeneration(projection: string, generation: number): Promise<void> {
    await this.writerIdle();
    this.db.transaction(() => this.activateSync(projection, generation)).immediate();
  }

  async dropInactiveGenerations(projection: string, keep?: number): Promise<void> {
    await this.writerIdle();
    this.db.transaction(() => {
      const active = this.activeGeneration(projection)?.generation;
      const rows = this.prepare('SELECT generation, version, position, tables FROM rm_generations WHERE name = ?').all(projection) as GenerationRow[];
      for (const row of rows) {
        if (row.generation === active || row.generation === keep) continue;
        for (const table of JSON.parse(row.tables) as string[]) {
          const physical = physicalTable(table, row.generation);
          for (const id of [...this.upserts.keys()]) if (id.startsWith(`${physical}*`)) this.upserts.delete(id);
          this.db.exec(`DROP TABLE IF EXISTS ${physical}`);
        }
        this.prepare('DELETE FROM rm_generations WHERE name = ? AND generation = ?').run(projection, row.generation);
      }
    }).immediate();
  }

  async query(ref: TableRef, spec: QuerySpec = {}): Promise<Row[]> {
    const table = ref.table;
    const { sql, params } = selectSql(this.resolve(ref), table.key, spec);
    return (this.prepare(sql).all(...params) as Record<string, SqlValue>[]).map((raw) => decodeRow(table, raw));
  }

  async count(ref: TableRef, where: readonly Condition[] = []): Promise<number> {
    const clause = whereSql(where);
    const row = this.prepare(`SELECT COUNT(*) AS n FROM ${this.resolve(ref)}${clause.sql}`).get(...clause.params) as { n: number };
    return row.n;
  }

  async countBy(ref: TableRef, columns: readonly string[], where: readonly Condition[] = []): Promise<{ values: Row; count: number }[]> {
    const table = ref.table;
    const list = columns.map(identifier).join(', ');
    const clause = whereSql(where);
    const rows = this.prepare(`SELECT ${list}, COUNT(*) AS n__ FROM ${this.resolve(ref)}${clause.sql} GROUP BY ${list} ORDER BY ${list}`).all(
      ...clause.params,
    ) as Record<string, SqlValue>[];
    return rows.map(({ n__, ...values }) => ({ values: decodeRow(table, values), count: Number(n__) }));
  }

  async *iterate(ref: TableRef, spec: QuerySpec = {}, pageSize = 1_000): AsyncIterable<Row> {
    // Offset pages rather than a cursor held open: the connection stays free for the runner's writes.
    for (let offset = spec.offset ?? 0; ; offset += pageSize) {
      const limit = spec.limit === undefined ? pageSize : Math.min(pageSize, (spec.offset ?? 0) + spec.limit - offset);
      if (limit <= 0) return;
      const page = await this.query(ref, { ...spec, limit, offset });
      yield* page;
      if (page.length < limit) return;
    }
  }

  async loadCheckpoint(name: string): Promise<number> {
    const row = this.prepare('SELECT position FROM rm_checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    this.prepare('INSERT INTO rm_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position').run(
      name,
      position,
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.bulkWriter?.close();
    this.db.close();
  }

  /** Makes the table specs known to this process (readers in a process that runs no projection). */
  remember(schema: ProjectionSchema): void {
    for (const spec of schema.tables) this.tables.set(spec.name, spec);
  }

  /** Rows from which a commit goes to the writer thread; 0: never (in-memory databases, crash-injection tests). */
  private bulkThreshold(): number {
    if (this.options.path === ':memory:' || this.options.beforeCheckpoint) return 0; // the seam runs in this thread
    return this.options.bulkWriterRows ?? BULK_WRITER_ROWS;
  }

  private isBulk(request: CommitRequest): boolean {
    const threshold = this.bulkThreshold();
    return threshold > 0 && request.upserts.length + request.deletes.length >= threshold;
  }

  /** Waits for the writer thread's queue, so this connection never blocks on the write lock it holds. */
  private async writerIdle(): Promise<void> {
    await this.bulkWriter?.idle();
  }

  /** The same transaction as commitSync, built here as SQL + JSON and run by the writer thread. */
  private async commitOnWriterThread(request: CommitRequest): Promise<void> {
    const statements: BulkStatement[] = [];
    for (const [table, rows] of groupByTable(request.upserts)) {
      const columns = Object.keys(this.spec(table).columns);
      statements.push({ sql: this.jsonUpsertSql(table, request.generation), json: JSON.stringify(rows.map((row) => valuesOf(row, columns))) });
    }
    const deletes = new Map<string, string[]>();
    for (const { table, key } of request.deletes) {
      const keys = deletes.get(table);
      if (keys) keys.push(key);
      else deletes.set(table, [key]);
    }
    for (const [table, keys] of deletes) {
      statements.push({ sql: `DELETE FROM ${physicalTable(table, request.generation)} WHERE ${this.spec(table).key} IN (SELECT value FROM json_each(?))`, json: JSON.stringify(keys) });
    }
    const commit: BulkCommit = {
      guard: { sql: GUARD_SQL, params: [request.projection, request.generation, request.requireActive ? 1 : 0], expected: request.fromPosition },
      statements,
      finish: { sql: 'UPDATE rm_generations SET position = ? WHERE name = ? AND generation = ?', params: [request.toPosition, request.projection, request.generation] },
    };
    this.bulkWriter ??= new SqliteBulkWriter(this.options.path);
    try {
      await this.bulkWriter.commit(commit);
    } catch (error) {
      if (!(error instanceof BulkGuardFailed)) throw error;
      const actual = typeof error.actual === 'number' ? error.actual : null;
      throw new CheckpointConflictError(request.projection, request.generation, request.fromPosition, actual);
    }
  }

  /**
   * INSERT OR REPLACE of every row of a JSON array of rows, each an array of its values in the
   * table's column order, stored exactly as commitSync stores them: `->>` gives text, integer
   * (true/false as 1/0), real, or NULL for null; a json column gets its element's JSON text (`->`),
   * NULL for null. Positional arrays rather than objects: half the text to build, copy and unpack,
   * and SQLite finds an element by index instead of comparing every member's name.
   */
  private jsonUpsertSql(table: string, generation: number): string {
    const columns = Object.entries(this.spec(table).columns);
    const values = columns.map(([, type], index) => (type === 'json' ? `nullif(value -> ${index}, 'null')` : `value ->> ${index}`));
    return `INSERT OR REPLACE INTO ${physicalTable(table, generation)} (${columns.map(([column]) => column).join(', ')}) SELECT ${values.join(', ')} FROM jsonb_each(?)`;
  }

  private createGenerationSync(schema: ProjectionSchema, withIndexes: boolean): number {
    const max = this.prepare('SELECT MAX(generation) AS g FROM rm_generations WHERE name = ?').get(schema.name) as { g: number | null };
    const generation = (max.g ?? 0) + 1;
    for (const spec of schema.tables) {
      this.db.exec(`DROP TABLE IF EXISTS ${physicalTable(spec.name, generation)}`);
      this.db.exec(createTableSql(spec, generation));
      if (withIndexes) for (const sql of createIndexSql(spec, generation)) this.db.exec(sql);
    }
    this.prepare('INSERT INTO rm_generations (name, generation, version, position, tables, created_at) VALUES (?, ?, ?, 0, ?, ?)').run(
      schema.name,
      generation,
      schema.version,
      JSON.stringify(schema.tables.map((spec) => spec.name)),
      new Date().toISOString(),
    );
    return generation;
  }

  private activateSync(projection: string, generation: number): void {
    if (!this.generationRow(projection, generation)) throw new Error(`Projection ${projection} has no generation ${generation}`);
    this.prepare('INSERT INTO rm_projections (name, generation) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET generation = excluded.generation').run(
      projection,
      generation,
    );
  }

  private activeGeneration(projection: string): GenerationRow | undefined {
    return this.prepare(
      `SELECT g.generation, g.version, g.position, g.tables FROM rm_projections p
       JOIN rm_generations g ON g.name = p.name AND g.generation = p.generation WHERE p.name = ?`,
    ).get(projection) as GenerationRow | undefined;
  }

  private generationRow(projection: string, generation: number): GenerationRow | undefined {
    return this.prepare('SELECT generation, version, position, tables FROM rm_generations WHERE name = ? AND generation = ?').get(
      projection,
      generation,
    ) as GenerationRow | undefined;
  }

  private resolve(ref: TableRef): string {
    if (ref.generation !== undefined) return physicalTable(ref.table.name, ref.generation);
    const active = this.activeGeneration(ref.projection);
    if (!active) throw new Error(`Read model ${ref.projection} does not exist yet (no projection has registered it)`);
    return physicalTable(ref.table.name, active.generation);
  }

  private spec(table: string): TableSpec {
    const spec = this.tables.get(table);
    if (!spec) throw new Error(`Read-model table ${table} is not registered in this process`);
    return spec;
  }

  /**
   * Hot path of every commit. Rows are grouped per table and written MULTI_ROW at a time by one
   * multi-row INSERT: a bulk rebuild sends hundreds of thousands of rows, and one statement step
   * per row (bind, step, reset, each a crossing into native code) cost more than SQLite's own work.
   */
  private writeUpserts(generation: number, rows: CommitRequest['upserts']): void {
    for (const [table, list] of groupByTable(rows)) {
      let i = 0;
      if (list.length >= MULTI_ROW) {
        const multi = this.upsertStatement(table, generation, MULTI_ROW);
        const width = multi.columns.length;
        const params: Params = new Array<SqlValue>(width * MULTI_ROW);
        for (; i + MULTI_ROW <= list.length; i += MULTI_ROW) {
          for (let r = 0; r < MULTI_ROW; r += 1) encodeInto(multi, list[i + r]!, params, r * width);
          multi.statement.run(params);
        }
      }
      if (i < list.length) {
        const single = this.upsertStatement(table, generation, 1);
        const params: Params = new Array<SqlValue>(single.columns.length);
        for (; i < list.length; i += 1) {
          encodeInto(single, list[i]!, params, 0);
          single.statement.run(params);
        }
      }
    }
  }

  /** One prepared statement per physical table and row count, no SQL text built per row. */
  private upsertStatement(table: string, generation: number, rowCount: number): Upsert {
    const physical = physicalTable(table, generation);
    const id = `${physical}*${rowCount}`;
    let upsert = this.upserts.get(id);
    if (!upsert) {
      const shape = this.upsertShape(table, generation, rowCount);
      upsert = { statement: this.db.prepare(shape.sql), columns: shape.columns, types: shape.types };
      this.upserts.set(id, upsert);
    }
    return upsert;
  }

  private upsertShape(table: string, generation: number, rowCount: number): UpsertShape {
    const entries = Object.entries(this.spec(table).columns);
    const columns = entries.map(([column]) => column);
    const tuple = `(${columns.map(() => '?').join(', ')})`;
    const sql = `INSERT OR REPLACE INTO ${physicalTable(table, generation)} (${columns.join(', ')}) VALUES ${new Array<string>(rowCount).fill(tuple).join(', ')}`;
    return { sql, columns, types: entries.map(([, type]) => type) };
  }

  private prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}

function encodeValue(type: ColumnType, value: unknown): SqlValue {
  if (value === undefined || value === null) return null;
  switch (type) {
    case 'json':
      return JSON.stringify(value);
    case 'integer':
      return typeof value === 'boolean' ? (value ? 1 : 0) : (value as number);
    default:
      return value as string | number;
  }
}

/** The row's values in `columns` order; an absent column becomes null in the JSON text. */
function valuesOf(row: Row, columns: readonly string[]): unknown[] {
  const values = new Array<unknown>(columns.length);
  for (let i = 0; i < columns.length; i += 1) values[i] = row[columns[i]!];
  return values;
}

function groupByTable(rows: CommitRequest['upserts']): Map<string, Row[]> {
  const byTable = new Map<string, Row[]>();
  for (const { table, row } of rows) {
    const list = byTable.get(table);
    if (list) list.push(row);
    else byTable.set(table, [row]);
  }
  return byTable;
}

/** Writes the row's values into `params` from `offset` on, in the statement's column order. */
function encodeInto(upsert: Pick<Upsert, 'columns' | 'types'>, row: Row, params: Params, offset: number): void {
  const { columns, types } = upsert;
  for (let i = 0; i < columns.length; i += 1) params[offset + i] = encodeValue(types[i]!, row[columns[i]!]);
}

function decodeRow(spec: TableSpec, raw: Record<string, SqlValue>): Row {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(raw)) {
    row[column] = spec.columns[column] === 'json' && typeof value === 'string' ? JSON.parse(value) : value;
  }
  return row;
}
