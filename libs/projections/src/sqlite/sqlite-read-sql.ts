import type { ColumnType, Condition, QuerySpec, TableSpec } from '../read-store.port';

/** SQL text for the SQLite read store: bookkeeping schema, per-generation DDL, the query language. */

export const BOOKKEEPING_SCHEMA = `
  CREATE TABLE IF NOT EXISTS rm_projections (
    name       TEXT PRIMARY KEY,
    generation INTEGER NOT NULL
  ) STRICT;
  CREATE TABLE IF NOT EXISTS rm_generations (
    name       TEXT    NOT NULL,
    generation INTEGER NOT NULL,
    version    INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    tables     TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (name, generation)
  ) STRICT;
  CREATE TABLE IF NOT EXISTS rm_checkpoints (
    name     TEXT PRIMARY KEY,
    position INTEGER NOT NULL
  ) STRICT;
`;

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;

/** Table and column names come from code, never from requests; still, refuse anything odd. */
export function identifier(name: string): string {
  if (!IDENTIFIER.test(name)) throw new Error(`Invalid read-model identifier "${name}"`);
  return name;
}

export function physicalTable(table: string, generation: number): string {
  return `rm_${identifier(table)}_g${generation}`;
}

const SQL_TYPE: Record<ColumnType, string> = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', json: 'TEXT' };

export function createTableSql(spec: TableSpec, generation: number): string {
  const columns = Object.entries(spec.columns).map(([name, type]) =>
    name === spec.key ? `${identifier(name)} TEXT PRIMARY KEY` : `${identifier(name)} ${SQL_TYPE[type]}`,
  );
  return `CREATE TABLE IF NOT EXISTS ${physicalTable(spec.name, generation)} (${columns.join(', ')})`;
}

export function createIndexSql(spec: TableSpec, generation: number): string[] {
  const table = physicalTable(spec.name, generation);
  return (spec.indexes ?? []).map(
    (columns) => `CREATE INDEX IF NOT EXISTS ${table}__${columns.map(identifier).join('_')} ON ${table} (${columns.join(', ')})`,
  );
}

export interface SqlFragment {
  readonly sql: string;
  readonly params: (string | number)[];
}

export function whereSql(where: readonly Condition[] = []): SqlFragment {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  for (const condition of where) {
    const column = identifier(condition.column);
    switch (condition.op) {
      case 'eq': clauses.push(`${column} = ?`); params.push(condition.value); break;
      case 'ne': clauses.push(`${column} <> ?`); params.push(condition.value); break;
      case 'lt': clauses.push(`${column} < ?`); params.push(condition.value); break;
      case 'lte': clauses.push(`${column} <= ?`); params.push(condition.value); break;
      case 'gt': clauses.push(`${column} > ?`); params.push(condition.value); break;
      case 'gte': clauses.push(`${column} >= ?`); params.push(condition.value); break;
      case 'contains': clauses.push(`instr(${column}, ?) > 0`); params.push(condition.value); break;
      case 'isNull': clauses.push(`${column} IS NULL`); break;
      case 'notNull': clauses.push(`${column} IS NOT NULL`); break;
      case 'in':
        if (condition.value.length === 0) clauses.push('0');
        else {
          clauses.push(`${column} IN (${condition.value.map(() => '?').join(', ')})`);
          params.push(...condition.value);
        }
        break;
    }
  }
  return { sql: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

export function selectSql(table: string, key: string, spec: QuerySpec): SqlFragment {
  const where = whereSql(spec.where);
  const order = [...(spec.orderBy ?? []).map((o) => `${identifier(o.column)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`), `${identifier(key)} ASC`];
  const params = [...where.params];
  let sql = `SELECT * FROM ${table}${where.sql} ORDER BY ${order.join(', ')}`;
  if (spec.limit !== undefined) {
    sql += ' LIMIT ? OFFSET ?';
    params.push(spec.limit, spec.offset ?? 0);
  }
  return { sql, params };
}
