import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { DB } from './connection';
import { dialectOf } from './dialect';
import { PostgresMigrationPlugin } from './migrations/dialect';
import { migrations } from './migrations/index';

/**
 * Runs every pending migration (or up to `target`, a migration's name); throws with the failing migration's name.
 * The same migrations run on SQLite and PostgreSQL (docs/decisions/311).
 */
export async function migrateToLatest(db: DB, target?: string): Promise<MigrationResultSet> {
  const postgres = dialectOf(db) === 'postgres';
  const migrator = new Migrator({
    // PostgreSQL: SQLite's column types said in PostgreSQL's words (integer → bigint, autoincrement → identity…).
    db: postgres ? db.withPlugin(new PostgresMigrationPlugin()) : db,
    provider: { getMigrations: async () => migrations },
  });
  const run = () => (target ? migrator.migrateTo(target) : migrator.migrateToLatest());
  let result: MigrationResultSet;
  if (postgres) {
    // One transaction for the whole run, with Kysely's advisory lock: instances starting together wait in turn.
    result = await run();
  } else {
    // SQLite can only rebuild a table that others reference (2026-12-01-006) with foreign keys off, and the pragma
    // is ignored inside the migration's transaction: it is set around the run, and a migration that rebuilds a
    // table checks the keys itself before it commits (pragma foreign_key_check).
    await sql`pragma foreign_keys = OFF`.execute(db);
    try {
      result = await run();
    } finally {
      await sql`pragma foreign_keys = ON`.execute(db);
    }
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
