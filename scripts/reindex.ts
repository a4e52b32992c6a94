import cliProgress from 'cli-progress';
import { parseEnv } from '../app/env.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { countPublishedSuppliers } from '../search/documents';
import { createSearchEngine } from '../search/index';
import { reindexAll } from '../search/reindex';

// `npm run reindex`: rebuilds the search index from the database (the source of truth) with a progress
// bar. Searches keep answering from the old index until the new one replaces it. reindexAll itself lives
// in search/reindex.ts so the start script and the tests reuse it.

async function main(): Promise<number> {
  const env = parseEnv();
  const database = openDatabase(env.DATABASE_PATH);
  await migrateToLatest(database.db);
  const engine = createSearchEngine(env, database);
  const started = performance.now();
  let exitCode = 0;
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
  } catch (error) {
    console.error('La réindexation a échoué :', error instanceof Error ? error.message : error);
    exitCode = 1;
  } finally {
    await engine.close();
    await database.close();
  }
  return exitCode;
}

process.exit(await main());
