import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { parseEnv } from '../app/env.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from '../db/reference/index';
import { hasPublishedSupplier } from '../db/repositories/suppliers';
import { seedDemoData } from '../db/seed/index';
import { createSearchEngine } from '../search/index';
import { reindexAll } from '../search/reindex';
import { BUILD_PATH, startServer } from '../server';

// `npm start`: builds when there is no build, migrates, loads the reference data, seeds the demo suppliers
// into an empty database (SEED_DEMO=1, the default), then serves on PORT.

const DEMO_SUPPLIERS = 2000;
const DEMO_SEED = 42;

process.env.NODE_ENV ??= 'production';
const env = parseEnv();

if (!fs.existsSync(BUILD_PATH)) {
  console.log('Première exécution : construction du site (remix build)…');
  const result = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const database = openDatabase(env.DATABASE_PATH);
await migrateToLatest(database.db);
await loadReferenceData(database.db);
if (env.SEED_DEMO === '1' && !(await database.db.selectFrom('suppliers').select('id').limit(1).executeTakeFirst())) {
  const started = performance.now();
  console.log(`Base vide : création de ${DEMO_SUPPLIERS} fournisseurs de démonstration…`);
  await seedDemoData(database, { suppliers: DEMO_SUPPLIERS, seed: DEMO_SEED });
  console.log(`Fournisseurs créés en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
// A new database, or an index dropped by a change of its layout: build it from the database before serving.
const search = createSearchEngine(env, database);
await search.init();
if ((await hasPublishedSupplier(database.db)) && (await search.documentCount()) === 0) {
  const started = performance.now();
  const indexed = await reindexAll(database, search);
  console.log(`${indexed} fournisseurs indexés en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

// The server keeps these handles: the engine's in-memory state is loaded once.
const running = await startServer(env, { context: { env, database, search } });
console.log(`Maillage est prêt : ${running.url}`);
const stop = async () => {
  await running.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
