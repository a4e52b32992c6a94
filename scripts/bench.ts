import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { openDatabase } from '../db/connection';
import { MAX_SEED_SUPPLIERS } from '../db/seed/index';
import { buildIndex, fileSize, prepareDatabase } from './lib/bench-database';
import { buildQueries, readReference } from './lib/bench-queries';
import { loadAverage, printBuild, printPasses } from './lib/bench-report';
import { createObservedEngine, runPass } from './lib/bench-run';
import { integerOption, runCommand, runIfMain, type CommandSpec } from './lib/cli';

// `npm run bench -- [--suppliers N] [--seed S] [--queries Q] [--database PATH] [--keep]`
// Builds a database of N demo suppliers in a temporary file (or reuses --database), indexes it with the
// SQLite engine, then runs a fixed, seeded set of mixed queries (1-3 words, typos, prefixes, facets,
// radius, coverage, identifiers, sorts, pages) and prints build time, database size and latency
// percentiles: cold (no cache: every query pays FTS5 and bm25), warm (second pass, caches on), and cold
// with bm25 unbounded, which shows what the bm25 budget saves on broad queries.

export const BENCH_COMMAND = {
  command: 'npm run bench --',
  synopsis: '[--suppliers N] [--seed S] [--queries Q] [--database CHEMIN] [--keep]',
  example: '--suppliers 100000',
  options: {
    suppliers: {
      type: 'string',
      value: 'N',
      description: `fournisseurs de la base créée (1 à ${MAX_SEED_SUPPLIERS}, 100000 par défaut)`,
    },
    seed: { type: 'string', value: 'S', description: 'graine des données et des requêtes (42 par défaut)' },
    queries: { type: 'string', value: 'Q', description: 'nombre de requêtes mesurées (200 à 100000, 240 par défaut)' },
    database: {
      type: 'string',
      value: 'CHEMIN',
      description: 'base à réutiliser (créée et remplie si elle est vide) ; sinon un fichier temporaire',
    },
    keep: { type: 'boolean', description: 'garder le fichier temporaire à la fin' },
  },
  schema: z.object({
    suppliers: integerOption('--suppliers', { min: 1, max: MAX_SEED_SUPPLIERS, fallback: 100_000 }),
    seed: integerOption('--seed', { min: 0, max: 2 ** 32 - 1, fallback: 42 }),
    queries: integerOption('--queries', { min: 200, max: 100_000, fallback: 240 }),
    database: z.string().trim().min(1, '--database ne peut pas être vide.').optional(),
    keep: z.boolean().default(false),
  }),
} satisfies CommandSpec<z.ZodTypeAny>;

type BenchArgs = z.output<(typeof BENCH_COMMAND)['schema']>;

// ---------------------------------------------------------------------------------------------------
// Main (the query set, measurement and tables live in scripts/lib/bench-*.ts)

async function bench(args: BenchArgs): Promise<number> {
  const temporaryDir = args.database ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-'));
  const file = args.database ?? path.join(temporaryDir as string, 'bench.db');
  console.log(
    `Machine : ${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? 'inconnu'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} Gio, Node ${process.version}`,
  );
  console.log(`Base : ${file}`);
  console.log(`Charge moyenne de la machine au départ (1 / 5 / 15 min) : ${loadAverage()}`);

  const database = openDatabase(file);
  try {
    const { seedMs, published } = await prepareDatabase(database, args);
    // Index build: time spent reading documents from the database vs. indexing them.
    const built = await buildIndex(database, published);
    printBuild({ ...built, seedMs, fileBytes: fileSize(file) });

    const reference = await readReference(database, published, args.seed);
    const queries = buildQueries(reference, args.queries, args.seed);

    // Warm-up: JIT and SQLite page cache, not measured.
    const observed = built.observed;
    await runPass(observed, queries.slice(0, 30), true);
    const cold = await runPass(observed, queries, true);
    const warmEngine = createObservedEngine(database.sqlite, { cacheSize: 1024 });
    await warmEngine.engine.init();
    await runPass(warmEngine, queries, false);
    const warm = await runPass(warmEngine, queries, false);
    const unbounded = createObservedEngine(database.sqlite, { bm25Budget: Number.POSITIVE_INFINITY });
    await unbounded.engine.init();
    await runPass(unbounded, queries.slice(0, 30), true);
    const coldUnbounded = await runPass(unbounded, queries, true);

    printPasses({ queries, cold, warm, coldUnbounded });
    await Promise.all([observed.engine.close(), warmEngine.engine.close(), unbounded.engine.close()]);
  } finally {
    await database.close();
    if (temporaryDir && !args.keep) fs.rmSync(temporaryDir, { recursive: true, force: true });
    else if (temporaryDir) console.log(`Base conservée : ${file}`);
  }
  return 0;
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  return runCommand(BENCH_COMMAND, argv, (args) => bench(args));
}

runIfMain(import.meta.filename, main);
