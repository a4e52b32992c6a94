import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { z } from 'zod';
import type { Env } from '../app/env.server';
import type { OpenedDatabase } from '../db/connection';
import { databaseLocation, openDatabaseOfRecord } from '../db/open';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from '../db/reference/index';
import { hasAnySupplier } from '../db/repositories/suppliers';
import { seedDemoData } from '../db/seed/index';
import { seedDemoAccounts } from '../app/services/demo/demo-accounts.server';
import { seedDemoTenders } from '../app/services/demo/demo-tenders.server';
import { createSearchEngine } from '../search/index';
import { reindexAll } from '../search/reindex';
import { BUILD_PATH, startBackgroundWork, startServer } from '../server';
import { setAppContext, type AppContext } from '../app/services/context.server';
import { tagLogLines } from '../app/services/log.server';
import { readEnv, reportFailure, runCommand, runIfMain, type CommandSpec, type ScriptIo } from './lib/cli';
import { clusterWorkerId, isClusterWorker, listenToPrimary, superviseWorkers } from './lib/cluster';

// `npm start`: builds when there is no build, migrates, loads the reference data, seeds the demo suppliers
// into an empty database (SEED_DEMO=1, the default), then serves on PORT: from this process (WEB_CONCURRENCY=1)
// or from WEB_CONCURRENCY forked workers (node:cluster, docs/decisions/330-cluster-workers.md). A database that cannot be opened or
// written (read-only, full disk, missing rights) stops the start with its cause and exit code (README.md).

const DEMO_SUPPLIERS = 2000;
const DEMO_SEED = 42;

export const START_COMMAND = {
  command: 'npm start',
  synopsis: '',
  options: {},
  schema: z.object({}),
  footer:
    'Configuration par variables d’environnement (PORT, DATABASE_PATH, SEED_DEMO, WEB_CONCURRENCY, MEILI_HOST…) : README.md.',
} satisfies CommandSpec<z.ZodTypeAny>;

/**
 * Migrates, loads the reference data and, in demo mode (SEED_DEMO=1), fills an empty database with the demo
 * suppliers and a database without accounts with the demo accounts (decision 123). SEED_DEMO=0 writes neither.
 */
export async function prepareDatabase(
  database: OpenedDatabase,
  env: Pick<Env, 'SEED_DEMO' | 'UPLOADS_DIR' | 'SITE_URL'>,
): Promise<void> {
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  if (env.SEED_DEMO === '1' && !(await hasAnySupplier(database.db))) {
    const started = performance.now();
    console.log(`Base vide : création de ${DEMO_SUPPLIERS} fournisseurs de démonstration…`);
    await seedDemoData(database, { suppliers: DEMO_SUPPLIERS, seed: DEMO_SEED });
    console.log(`Fournisseurs créés en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  // Demo accounts (decision 123): only in demo mode, only on a database without any account.
  if (env.SEED_DEMO === '1' && (await seedDemoAccounts(database.db)) > 0)
    console.log('Comptes de démonstration créés (adresses et mot de passe : README.md).');
  // Demo needs and tenders (decision 265): only in demo mode, only when the demo buyer exists and no tender does.
  const origin = env.SITE_URL ?? 'http://localhost:3000';
  if (
    env.SEED_DEMO === '1' &&
    Object.keys(await seedDemoTenders(database.db, { uploadsDir: env.UPLOADS_DIR, origin })).length > 0
  )
    console.log('Appels d’offres de démonstration créés.');
}

async function start(env: Env): Promise<number | undefined> {
  const database = openDatabaseOfRecord(env);
  try {
    await prepareDatabase(database, env);
  } catch (error) {
    await database.close();
    throw error;
  }
  // A new database, or an index dropped by a change of its layout: build it from the database before serving. Also
  // when nothing is published (it takes no time): an index built from the database shares its version with the
  // other instances' (docs/decisions/324), an index merely created does not.
  // A cluster's primary only feeds the index (its workers search): no in-memory search state (decision 325).
  const search = createSearchEngine(env, database, { writerOnly: env.WEB_CONCURRENCY > 1 });
  try {
    await search.init();
    if ((await search.documentCount()) === 0) {
      const started = performance.now();
      const indexed = await reindexAll(database, search);
      if (indexed > 0)
        console.log(`${indexed} fournisseurs indexés en ${((performance.now() - started) / 1000).toFixed(1)} s.`);
    }
  } catch (error) {
    await search.close().catch(() => undefined);
    await database.close();
    throw error;
  }

  // Built after the database checks, so a database that cannot be written stops the start at once.
  if (!fs.existsSync(BUILD_PATH)) {
    console.log('Première exécution : construction du site (remix build)…');
    const result = spawnSync('npx', ['remix', 'build'], { stdio: 'inherit' });
    if (result.status !== 0) {
      await search.close();
      await database.close();
      return result.status ?? 1;
    }
  }

  if (env.WEB_CONCURRENCY > 1) return serveWithWorkers(env, { env, database, search });

  // The server keeps these handles: the engine's in-memory state is loaded once.
  const running = await startServer(env, { context: { env, database, search } });
  console.log(`Maillage est prêt : ${running.url}`);
  const stop = async () => {
    await running.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined;
}

/**
 * The cluster's primary (docs/decisions/330-cluster-workers.md): it has prepared everything, keeps its handles
 * for the background work (the search outbox, the mail sender, the daily jobs: decision 331), and forks
 * WEB_CONCURRENCY workers that serve HTTP. Resolves with the exit code once the cluster stopped.
 */
async function serveWithWorkers(env: Env, context: AppContext): Promise<number> {
  setAppContext(context);
  const background = startBackgroundWork(env, context);
  return superviseWorkers({
    workers: env.WEB_CONCURRENCY,
    backgroundStatus: () => ({ outbox: background.outboxWorker.status(), mail: background.mailWorker.status() }),
    onReady: (url) => console.log(`Maillage est prêt : ${url} (${env.WEB_CONCURRENCY} processus de service)`),
    async stopPrimary() {
      await background.stop();
      await context.search.close();
      await context.database.close();
    },
  });
}

/**
 * A cluster's worker: its own database handle and search engine (loaded from the index the primary built, never
 * rebuilt here), serving on the shared PORT without the background work, which the primary runs.
 */
async function serveAsWorker(env: Env): Promise<undefined> {
  const primary = listenToPrimary();
  const worker = clusterWorkerId();
  const database = openDatabaseOfRecord(env);
  const search = createSearchEngine(env, database);
  try {
    await search.init();
  } catch (error) {
    await search.close().catch(() => undefined);
    await database.close();
    throw error;
  }
  const context: AppContext = { env, database, search, processInfo: { worker, workers: env.WEB_CONCURRENCY } };
  const running = await startServer(env, { context, background: false });
  let closing: Promise<void> | undefined;
  const stop = () => {
    closing ??= running.close().then(
      () => process.exit(0),
      (error: unknown) =>
        process.exit(reportFailure(error, { path: databaseLocation(env), url: env.MEILI_HOST }, consoleIo)),
    );
  };
  primary.attach(context, stop);
  // Ctrl+C reaches every process of the group: a worker finishes its requests, as when the primary asks.
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return undefined;
}

/** Through console, so that in a cluster a failure's lines say which process met it (decision 332). */
const consoleIo: ScriptIo = { out: (text) => console.log(text), err: (text) => console.error(text) };

export function main(argv: readonly string[]): Promise<number | undefined> {
  process.env.NODE_ENV ??= 'production';
  // `npm start` serves this machine: its mails link to it unless SITE_URL says otherwise (decision 103).
  process.env.SITE_URL ||= `http://localhost:${process.env.PORT || 3000}`;
  let env: Env | undefined;
  return runCommand(
    START_COMMAND,
    argv,
    () => {
      env = readEnv();
      if (isClusterWorker()) {
        tagLogLines(`worker-${clusterWorkerId()}`);
        return serveAsWorker(env);
      }
      if (env.WEB_CONCURRENCY > 1) tagLogLines('primary');
      return start(env);
    },
    { hints: () => ({ path: env && databaseLocation(env), url: env?.MEILI_HOST }), io: consoleIo },
  );
}

runIfMain(import.meta.filename, main);
