import { z } from 'zod';

/**
 * A Postgres schema name we create and interpolate into SQL and channel names, so it is
 * restricted to lower-case identifiers (no quoting surprises, short enough for `<schema>_boss`
 * and NOTIFY channel names under Postgres' 63-byte identifier limit).
 */
export const databaseSchemaNameSchema = z
  .string()
  .regex(/^[a-z_][a-z0-9_]{0,39}$/, 'must be a lower-case Postgres identifier of at most 40 characters, e.g. "looply"');

export const DEFAULT_DATABASE_SCHEMA = 'looply';

/** `"schema"."table"`: safe because schema and table names are validated identifiers. */
export function qualifiedTable(schema: string, table: string): string {
  return `"${schema}"."${table}"`;
}

/** pg-boss keeps its tables in its own schema next to ours. */
export function queueSchemaFor(schema: string): string {
  return `${schema}_boss`;
}
