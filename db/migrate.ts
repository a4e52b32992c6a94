import { Migrator, sql, type MigrationResultSet } from 'kysely';
import type { DB } from './connection';
import { migrations } from './migrations/index';

/** Runs every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: DB): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  // SQLite can only rebuild a table that others reference (2026-12-01-006) with foreign keys off, and the pragma
  // is ignored inside the migration's transaction: it is set around the run, and a migration that rebuilds a
  // table checks the keys itself before it commits (pragma foreign_key_check).
  await sql`pragma foreign_keys = OFF`.execute(db);
  let result: MigrationResultSet;
  try {
    result = await migrator.migrateToLatest();
  } finally {
    await sql`pragma foreign_keys = ON`.execute(db);
  }
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}
