import type { Pool, PoolClient } from 'pg';
import { assertSchemaName, openMigratedPool, quoteIdent } from '@shuangsui/event-store';
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
import { identifier } from '../sqlite/sqlite-read-sql';
import { migrateReadStore } from './migrate-read-store';
import { createIndexSql, createTableSql, orderTerm, physicalName, selectSql, whereSql } from './postgres-read-sql';

export interface PostgresReadStoreOptions {
  readonly connectionString: string;
  /** Schema of the read models and their bookkeeping. Default 'shuangsui_read'. */
  readonly schema?: string;
  /** Connections in the pool. Default 10. */
  readonly poolSize?: number;
  /** Test seam: runs inside the commit transaction after the rows, before the checkpoint (crash injection). */
  readonly beforeCheckpoint?: (request: CommitRequest) => void;
}

export const DEFAULT_READ_SCHEMA = 'shuangsui_read';

type SqlValue = string | number | null;
/** Rows per multi-row INSERT: well under PostgreSQL's 65,535 bind parameters for any table here. */
const UPSERT_CHUNK = 500;

interface GenerationRow {
  readonly generation: number;
  readonly version: number;
  readonly position: number;
  readonly tables: string[];
}

/**
 * Read models in PostgreSQL, with the SQLite read store's semantics: declared tables in numbered
 * generations, readers on the active one, and every commit's rows and checkpoint in ONE transaction.
 * The commit locks the generation's bookkeeping row (SELECT … FOR UPDATE) before comparing the
 * checkpoint, so two writers (two servers, or a runner and a replay) can never both apply the same
 * batch: the second one sees the moved checkpoint and gets CheckpointConflictError.
 */
export class PostgresReadStore implements ReadStore {
  private readonly tables = new Map<string, TableSpec>();
  private readonly s: string;
  private closed = false;

  private constructor(
    private readonly pool: Pool,
    readonly schema: string,
    private readonly options: PostgresReadStoreOptions,
  ) {
    this.s = quoteIdent(schema);
  }

  /** Opens a pool and migrates the bookkeeping tables. Fails if the server is unreachable. */
  static async connect(options: PostgresReadStoreOptions): Promise<PostgresReadStore> {
    const schema = assertSchemaName(options.schema ?? DEFAULT_READ_SCHEMA);
    const pool = await openMigratedPool(options.connectionString, options.poolSize ?? 10, (fresh) => migrateReadStore(fresh, schema));
    return new PostgresReadStore(pool, schema, options);
  }

  async register(schema: ProjectionSchema): Promise<ProjectionCheckpoint> {
    this.remember(schema);
    const active = await this.transaction(schema.name, async (client) => {
      const current = await this.activeGeneration(schema.name, client);
      if (current && current.version === schema.version) return current;
      const generation = await this.createGenerationIn(client, schema, true);
      await this.activateIn(client, schema.name, generation);
      return (await this.activeGeneration(schema.name, client))!;
    });
    return { name: schema.name, version: active.version, generation: active.generation, position: active.position };
  }

  async checkpoint(projection: string): Promise<ProjectionCheckpoint | null> {
    const active = await this.activeGeneration(projection);
    return active ? { name: projection, version: active.version, generation: active.generation, position: active.position } : null;
  }

  async generationPosition(projection: string, generation: number): Promise<number | null> {
    return (await this.generationRow(projection, generation))?.position ?? null;
  }

  async load(_projection: string, generation: number, refs: readonly RowRef[]): Promise<Map<string, Row>> {
    const found = new Map<string, Row>();
    const byTable = new Map<string, string[]>();
    for (const ref of refs) byTable.set(ref.table, [...(byTable.get(ref.table) ?? []), ref.key]);
    for (const [table, keys] of byTable) {
      const spec = this.spec(table);
      const { rows } = await this.pool.query<Record<string, unknown>>(
        `SELECT * FROM ${this.physical(table, generation)} WHERE ${identifier(spec.key)} = ANY($1::text[])`,
        [keys],
      );
      for (const raw of rows) {
        const row = decodeRow(spec, raw);
        found.set(rowKey(table, row[spec.key] as string), row);
      }
    }
    return found;
  }

  async commit(request: CommitRequest): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ position: string }>(
        `SELECT position FROM ${this.s}.rm_generations WHERE name = $1 AND generation = $2 FOR UPDATE`,
        [request.projection, request.generation],
      );
      const stored = rows[0] ? Number(rows[0].position) : null;
      if (stored !== request.fromPosition) {
        throw new CheckpointConflictError(request.projection, request.generation, request.fromPosition, stored);
      }
      if (request.requireActive) {
        const active = await client.query<{ generation: number }>(`SELECT generation FROM ${this.s}.rm_projections WHERE name = $1`, [request.projection]);
        if (active.rows[0]?.generation !== request.generation) {
          throw new CheckpointConflictError(request.projection, request.generation, request.fromPosition, null);
        }
      }
      await this.writeUpserts(client, request);
      await this.writeDeletes(client, request);
      this.options.beforeCheckpoint?.(request);
      await client.query(`UPDATE ${this.s}.rm_generations SET position = $1 WHERE name = $2 AND generation = $3`, [
        request.toPosition,
        request.projection,
        request.generation,
      ]);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async createGeneration(schema: ProjectionSchema): Promise<number> {
    this.remember(schema);
    return this.transaction(schema.name, (client) => this.createGenerationIn(client, schema, false));
  }

  async finishGeneration(schema: ProjectionSchema, generation: number): Promise<void> {
    for (const spec of schema.tables) for (const sql of createIndexSql(this.schema, spec, generation)) await this.pool.query(sql);
  }

  async activateGeneration(projection: string, generation: number): Promise<void> {
    await this.transaction(projection, (client) => this.activateIn(client, projection, generation));
  }

  async dropInactiveGenerations(projection: string, keep?: number): Promise<void> {
    await this.transaction(projection, async (client) => {
      const active = (await this.activeGeneration(projection, client))?.generation;
      const { rows } = await client.query<{ generation: number; tables: string[] }>(
        `SELECT generation, tables FROM ${this.s}.rm_generations WHERE name = $1`,
        [projection],
      );
      for (const row of rows) {
        if (row.generation === active || row.generation === keep) continue;
        for (const table of row.tables) await client.query(`DROP TABLE IF EXISTS ${this.physical(table, row.generation)}`);
        await client.query(`DELETE FROM ${this.s}.rm_generations WHERE name = $1 AND generation = $2`, [projection, row.generation]);
      }
    });
  }

  async query(ref: TableRef, spec: QuerySpec = {}): Promise<Row[]> {
    const { sql, params } = selectSql(await this.resolve(ref), ref.table.key, spec);
    const { rows } = await this.pool.query<Record<string, unknown>>(sql, params);
    return rows.map((raw) => decodeRow(ref.table, raw));
  }

  async count(ref: TableRef, where: readonly Condition[] = []): Promise<number> {
    const clause = whereSql(where);
    const { rows } = await this.pool.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${await this.resolve(ref)}${clause.sql}`, clause.params);
    return Number(rows[0]?.n ?? 0);
  }

  async countBy(ref: TableRef, columns: readonly string[], where: readonly Condition[] = []): Promise<{ values: Row; count: number }[]> {
    const list = columns.map(identifier).join(', ');
    const clause = whereSql(where);
    const { rows } = await this.pool.query<Record<string, unknown>>(
      `SELECT ${list}, COUNT(*) AS n__ FROM ${await this.resolve(ref)}${clause.sql} GROUP BY ${list} ORDER BY ${columns.map((c) => orderTerm(c)).join(', ')}`,
      clause.params,
    );
    return rows.map(({ n__, ...values }) => ({ values: decodeRow(ref.table, values), count: Number(n__) }));
  }

  async *iterate(ref: TableRef, spec: QuerySpec = {}, pageSize = 1_000): AsyncIterable<Row> {
    // Offset pages, as the SQLite store: no cursor or connection is held between pages.
    for (let offset = spec.offset ?? 0; ; offset += pageSize) {
      const limit = spec.limit === undefined ? pageSize : Math.min(pageSize, (spec.offset ?? 0) + spec.limit - offset);
      if (limit <= 0) return;
      const page = await this.query(ref, { ...spec, limit, offset });
      yield* page;
      if (page.length < limit) return;
    }
  }

  async loadCheckpoint(name: string): Promise<number> {
    const { rows } = await this.pool.query<{ position: string }>(`SELECT position FROM ${this.s}.rm_checkpoints WHERE name = $1`, [name]);
    return rows[0] ? Number(rows[0].position) : 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO ${this.s}.rm_checkpoints (name, position) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET position = EXCLUDED.position`,
      [name, position],
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  /** Makes the table specs known to this process (readers in a process that runs no projection). */
  remember(schema: ProjectionSchema): void {
    for (const spec of schema.tables) this.tables.set(spec.name, spec);
  }

  /** Multi-row INSERT … ON CONFLICT per table: a batch of 2,000 events is a handful of statements. */
  private async writeUpserts(client: PoolClient, request: CommitRequest): Promise<void> {
    const byTable = new Map<string, Row[]>();
    for (const { table, row } of request.upserts) byTable.set(table, [...(byTable.get(table) ?? []), row]);
    for (const [table, all] of byTable) {
      const spec = this.spec(table);
      // The last change of a key wins, and one INSERT may not touch a key twice.
      const rows = [...new Map(all.map((row) => [String(row[spec.key]), row])).values()];
      const columns = Object.keys(spec.columns);
      const updates = columns.filter((column) => column !== spec.key).map((column) => `${identifier(column)} = EXCLUDED.${identifier(column)}`);
      for (let i = 0; i < rows.length; i += UPSERT_CHUNK) {
        const chunk = rows.slice(i, i + UPSERT_CHUNK);
        const params: SqlValue[] = [];
        const tuples = chunk.map((row) => {
          const placeholders = columns.map((column) => {
            params.push(encodeValue(spec.columns[column]!, row[column]));
            return spec.columns[column] === 'json' ? `$${params.length}::jsonb` : `$${params.length}`;
          });
          return `(${placeholders.join(', ')})`;
        });
        await client.query(
          `INSERT INTO ${this.physical(table, request.generation)} (${columns.map(identifier).join(', ')}) VALUES ${tuples.join(', ')}
           ON CONFLICT (${identifier(spec.key)}) DO ${updates.length > 0 ? `UPDATE SET ${updates.join(', ')}` : 'NOTHING'}`,
          params,
        );
      }
    }
  }

  private async writeDeletes(client: PoolClient, request: CommitRequest): Promise<void> {
    const byTable = new Map<string, string[]>();
    for (const { table, key } of request.deletes) byTable.set(table, [...(byTable.get(table) ?? []), key]);
    for (const [table, keys] of byTable) {
      await client.query(`DELETE FROM ${this.physical(table, request.generation)} WHERE ${identifier(this.spec(table).key)} = ANY($1::text[])`, [keys]);
    }
  }

  /**
   * A bookkeeping transaction, serialised per projection across every process by a transaction-level
   * advisory lock, so two servers registering the same projection at once create one generation.
   */
  private async transaction<T>(projection: string, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(1919577454, hashtext($1))', [`${this.schema}:${projection}`]);
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async createGenerationIn(client: PoolClient, schema: ProjectionSchema, withIndexes: boolean): Promise<number> {
    const { rows } = await client.query<{ g: number | null }>(`SELECT MAX(generation) AS g FROM ${this.s}.rm_generations WHERE name = $1`, [schema.name]);
    const generation = (rows[0]?.g ?? 0) + 1;
    for (const spec of schema.tables) {
      await client.query(`DROP TABLE IF EXISTS ${this.physical(spec.name, generation)}`);
      await client.query(createTableSql(this.schema, spec, generation));
      if (withIndexes) for (const sql of createIndexSql(this.schema, spec, generation)) await client.query(sql);
    }
    await client.query(`INSERT INTO ${this.s}.rm_generations (name, generation, version, position, tables) VALUES ($1, $2, $3, 0, $4::jsonb)`, [
      schema.name,
      generation,
      schema.version,
      JSON.stringify(schema.tables.map((spec) => spec.name)),
    ]);
    return generation;
  }

  private async activateIn(client: PoolClient, projection: string, generation: number): Promise<void> {
    const exists = await client.query(`SELECT 1 FROM ${this.s}.rm_generations WHERE name = $1 AND generation = $2`, [projection, generation]);
    if (exists.rowCount === 0) throw new Error(`Projection ${projection} has no generation ${generation}`);
    await client.query(
      `INSERT INTO ${this.s}.rm_projections (name, generation) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET generation = EXCLUDED.generation`,
      [projection, generation],
    );
  }

  private async activeGeneration(projection: string, client: Pool | PoolClient = this.pool): Promise<GenerationRow | undefined> {
    const { rows } = await client.query<{ generation: number; version: number; position: string; tables: string[] }>(
      `SELECT g.generation, g.version, g.position, g.tables FROM ${this.s}.rm_projections p
       JOIN ${this.s}.rm_generations g ON g.name = p.name AND g.generation = p.generation WHERE p.name = $1`,
      [projection],
    );
    const row = rows[0];
    return row ? { ...row, position: Number(row.position) } : undefined;
  }

  private async generationRow(projection: string, generation: number): Promise<GenerationRow | undefined> {
    const { rows } = await this.pool.query<{ generation: number; version: number; position: string; tables: string[] }>(
      `SELECT generation, version, position, tables FROM ${this.s}.rm_generations WHERE name = $1 AND generation = $2`,
      [projection, generation],
    );
    const row = rows[0];
    return row ? { ...row, position: Number(row.position) } : undefined;
  }

  private async resolve(ref: TableRef): Promise<string> {
    if (ref.generation !== undefined) return this.physical(ref.table.name, ref.generation);
    const active = await this.activeGeneration(ref.projection);
    if (!active) throw new Error(`Read model ${ref.projection} does not exist yet (no projection has registered it)`);
    return this.physical(ref.table.name, active.generation);
  }

  private physical(table: string, generation: number): string {
    return `${this.s}.${physicalName(table, generation)}`;
  }

  private spec(table: string): TableSpec {
    const spec = this.tables.get(table);
    if (!spec) throw new Error(`Read-model table ${table} is not registered in this process`);
    return spec;
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

/** bigint and COUNT come back as strings from `pg`: integers become numbers again; jsonb is already parsed. */
function decodeRow(spec: TableSpec, raw: Record<string, unknown>): Row {
  const row: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(raw)) {
    row[column] = spec.columns[column] === 'integer' && typeof value === 'string' ? Number(value) : value;
  }
  return row;
}
