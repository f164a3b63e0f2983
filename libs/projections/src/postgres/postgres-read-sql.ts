import type { ColumnType, Condition, QuerySpec, TableSpec } from '../read-store.port';
import { quoteIdent } from '@shuangsui/event-store';
import { identifier } from '../sqlite/sqlite-read-sql';

/**
 * SQL text for the PostgreSQL read store: per-generation DDL and the port's query language, with
 * the SQLite store's semantics kept on purpose so readers get the same answers from either store:
 * - text columns use the "C" collation: byte order, as SQLite's BINARY collation sorts;
 * - NULLs sort first ascending and last descending, as in SQLite;
 * - `contains` is a case-sensitive substring test (strpos), as SQLite's instr.
 */


/** Unqualified physical name of one generation of a table (also the stem of its index names). */
export function physicalName(table: string, generation: number): string {
  return `rm_${identifier(table)}_g${generation}`;
}

const SQL_TYPE: Record<ColumnType, string> = { text: 'text COLLATE "C"', integer: 'bigint', real: 'double precision', json: 'jsonb' };

export function createTableSql(schema: string, spec: TableSpec, generation: number): string {
  const columns = Object.entries(spec.columns).map(([name, type]) =>
    name === spec.key ? `${identifier(name)} text COLLATE "C" PRIMARY KEY` : `${identifier(name)} ${SQL_TYPE[type]}`,
  );
  return `CREATE TABLE ${quoteIdent(schema)}.${physicalName(spec.name, generation)} (${columns.join(', ')})`;
}

export function createIndexSql(schema: string, spec: TableSpec, generation: number): string[] {
  const table = physicalName(spec.name, generation);
  return (spec.indexes ?? []).map(
    (columns) =>
      // Index names are per schema in PostgreSQL and limited to 63 bytes: keep them short and unique.
      `CREATE INDEX IF NOT EXISTS ${`${table}__${columns.map(identifier).join('_')}`.slice(0, 63)} ON ${quoteIdent(schema)}.${table} (${columns.join(', ')})`,
  );
}

export interface SqlFragment {
  readonly sql: string;
  readonly params: (string | number)[];
}

/** WHERE clause with $n placeholders numbered from `firstParam`. */
export function whereSql(where: readonly Condition[] = [], firstParam = 1): SqlFragment {
  const clauses: string[] = [];
  const params: (string | number)[] = [];
  const next = (value: string | number): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  for (const condition of where) {
    const column = identifier(condition.column);
    switch (condition.op) {
      case 'eq': clauses.push(`${column} = ${next(condition.value)}`); break;
      case 'ne': clauses.push(`${column} <> ${next(condition.value)}`); break;
      case 'lt': clauses.push(`${column} < ${next(condition.value)}`); break;
      case 'lte': clauses.push(`${column} <= ${next(condition.value)}`); break;
      case 'gt': clauses.push(`${column} > ${next(condition.value)}`); break;
      case 'gte': clauses.push(`${column} >= ${next(condition.value)}`); break;
      case 'contains': clauses.push(`strpos(${column}, ${next(condition.value)}) > 0`); break;
      case 'isNull': clauses.push(`${column} IS NULL`); break;
      case 'notNull': clauses.push(`${column} IS NOT NULL`); break;
      case 'in':
        clauses.push(condition.value.length === 0 ? 'FALSE' : `${column} IN (${condition.value.map((value) => next(value)).join(', ')})`);
        break;
    }
  }
  return { sql: clauses.length > 0 ? ` WHERE ${clauses.join(' AND ')}` : '', params };
}

export const orderTerm = (column: string, direction: 'asc' | 'desc' = 'asc'): string =>
  `${identifier(column)} ${direction === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;

export function selectSql(table: string, key: string, spec: QuerySpec): SqlFragment {
  const where = whereSql(spec.where);
  const order = [...(spec.orderBy ?? []).map((o) => orderTerm(o.column, o.direction)), orderTerm(key)];
  const params = [...where.params];
  let sql = `SELECT * FROM ${table}${where.sql} ORDER BY ${order.join(', ')}`;
  if (spec.limit !== undefined) {
    params.push(spec.limit, spec.offset ?? 0);
    sql += ` LIMIT $${params.length - 1} OFFSET $${params.length}`;
  } else if (spec.offset) {
    params.push(spec.offset);
    sql += ` OFFSET $${params.length}`;
  }
  return { sql, params };
}
