/**
 * PostgreSQL identifiers for the store's schema. The schema name is configuration, so it is
 * validated (lower-case, digits, underscore) and then always double-quoted in SQL text; it can never
 * carry SQL of its own.
 */

export const DEFAULT_SCHEMA = 'shuangsui';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertSchemaName(schema: string): string {
  if (!IDENTIFIER.test(schema)) {
    throw new Error(
      `Invalid PostgreSQL schema name "${schema}": use 1-63 characters a-z, 0-9 or _, not starting with a digit`,
    );
  }
  return schema;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** LISTEN/NOTIFY channel of one schema's store (channel names are identifiers: at most 63 bytes). */
export function eventsChannel(schema: string): string {
  return `${schema}_events`.slice(0, 63);
}
