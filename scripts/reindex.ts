import cliProgress from 'cli-progress';
import { z } from 'zod';
import type { Env } from '../app/env.server';
import { EXIT_CODES } from '../app/domain/failure';
import { databaseLocation, openDatabaseOfRecord } from '../db/open';
import { migrateToLatest } from '../db/migrate';
import { countPublishedSuppliers } from '../search/documents';
import { createSearchEngine } from '../search/index';
import { reindexAll } from '../search/reindex';
import { readEnv, runCommand, runIfMain, type CommandSpec } from './lib/cli';

// `npm run reindex`: rebuilds the search index from the database (the source of truth) with a progress
// bar. Searches keep answering from the old index until the new one replaces it. reindexAll itself lives
// in search/reindex.ts so the start script and the tests reuse it.

export const REINDEX_COMMAND = {
  command: 'npm run reindex',
  synopsis: '',
  options: {},
  schema: z.object({}),
  footer: 'Moteur : Meilisearch si MEILI_HOST est défini, sinon le moteur SQLite intégré (base DATABASE_PATH).',
} satisfies CommandSpec<z.ZodTypeAny>;

export function main(argv: readonly string[]): Promise<number | undefined> {
  let env: Env | undefined;
  return runCommand(
    REINDEX_COMMAND,
    argv,
    async () => {
      env = readEnv();
      const database = openDatabaseOfRecord(env);
      try {
        await migrateToLatest(database.db);
        const engine = createSearchEngine(env, database);
        const started = performance.now();
        try {
          await engine.init();
          const total = await countPublishedSuppliers(database.db);
          console.log(`Réindexation de ${total} fournisseurs publiés (moteur ${engine.name})…`);
          const bar = new cliProgress.SingleBar(
            { format: '{bar} {percentage}% | {value}/{total} fiches | {duration_formatted}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
          let indexed: number;
          try {
            // More may be published during the rebuild than were counted: let the bar grow instead of overflowing.
            indexed = await reindexAll(database, engine, (n) => {
              if (n > bar.getTotal()) bar.setTotal(n);
              bar.update(n);
            });
          } finally {
            bar.stop();
          }
          const seconds = (performance.now() - started) / 1000;
          console.log(`${indexed} fournisseurs indexés en ${seconds.toFixed(1)} s.`);
          return EXIT_CODES.ok;
        } finally {
          await engine.close();
        }
      } finally {
        await database.close();
      }
    },
    { hints: () => ({ path: env && databaseLocation(env), url: env?.MEILI_HOST }) },
  );
}

runIfMain(import.meta.filename, main);
