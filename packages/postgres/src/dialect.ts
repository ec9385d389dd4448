import { compileOnlyKysely, type SqlDialect } from '@allot/kysely';
import { PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { isUniqueViolation } from './errors';

function toIso(value: unknown): string {
  return value instanceof Date ? value.toISOString() : new Date(String(value)).toISOString();
}

/** The Postgres dialect of the shared Allot queries: `timestamptz`, `json`, row locks, one schema. */
export function postgresDialect(schema: string): SqlDialect {
  const db = compileOnlyKysely({
    adapter: () => new PostgresAdapter(),
    compiler: () => new PostgresQueryCompiler(),
    introspector: (k) => new PostgresIntrospector(k),
  }).withSchema(schema);
  return {
    name: 'postgres',
    db,
    rowLocks: true,
    combinedWrites: true,
    binary: (column) => sql`${sql.ref(column)} collate "C"`,
    decodeTime: toIso,
    // pg parses `json` columns itself.
    decodeJson: (value) => value,
    isUniqueViolation,
  };
}
