import { z } from 'zod';
import type { Env } from '../app/env.server';
import { EXIT_CODES } from '../app/domain/failure';
import { databaseLocation, openDatabaseOfRecord } from '../db/open';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from '../db/reference/index';
import { readEnv, runCommand, runIfMain, type CommandSpec } from './lib/cli';

// `npm run migrate`: applies pending migrations and (re)loads the reference data.

export const MIGRATE_COMMAND = {
  command: 'npm run migrate',
  synopsis: '',
  options: {},
  schema: z.object({}),
  footer:
    'La base est DATABASE_URL (PostgreSQL) si elle est définie, sinon DATABASE_PATH (par défaut data/maillage.db).',
} satisfies CommandSpec<z.ZodTypeAny>;

export function main(argv: readonly string[]): Promise<number | undefined> {
  let env: Env | undefined;
  return runCommand(
    MIGRATE_COMMAND,
    argv,
    async () => {
      env = readEnv();
      const database = openDatabaseOfRecord(env);
      try {
        const result = await migrateToLatest(database.db);
        const applied = result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
        console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'Base déjà à jour.');
        await loadReferenceData(database.db);
        console.log('Données de référence chargées.');
        return EXIT_CODES.ok;
      } finally {
        await database.close();
      }
    },
    { hints: () => ({ path: env && databaseLocation(env) }) },
  );
}

runIfMain(import.meta.filename, main);
