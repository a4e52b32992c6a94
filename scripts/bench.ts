import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase } from '../db/connection';
import { MAX_SEED_SUPPLIERS } from '../db/seed/index';
import { buildIndex, fileSize, prepareDatabase } from './lib/bench-database';
import { buildQueries, readReference } from './lib/bench-queries';
import { loadAverage, printBuild, printPasses } from './lib/bench-report';
import { createObservedEngine, runPass } from './lib/bench-run';

// `npm run bench -- [--suppliers N] [--seed S] [--queries Q] [--database PATH] [--keep]`
// Builds a database of N demo suppliers in a temporary file (or reuses --database), indexes it with the
// SQLite engine, then runs a fixed, seeded set of mixed queries (1-3 words, typos, prefixes, facets,
// radius, coverage, identifiers, sorts, pages) and prints build time, database size and latency
// percentiles: cold (no cache: every query pays FTS5 and bm25), warm (second pass, caches on), and cold
// with bm25 unbounded, which shows what the bm25 budget saves on broad queries.

const argsSchema = z.object({
  suppliers: z.coerce
    .number({ invalid_type_error: '--suppliers doit être un nombre entier.' })
    .int('--suppliers doit être un nombre entier.')
    .min(1, '--suppliers doit être au moins 1.')
    .max(MAX_SEED_SUPPLIERS, `--suppliers ne peut pas dépasser ${MAX_SEED_SUPPLIERS}.`)
    .default(100_000),
  seed: z.coerce
    .number({ invalid_type_error: '--seed doit être un nombre entier.' })
    .int('--seed doit être un nombre entier.')
    .min(0, '--seed doit être positif ou nul.')
    .max(2 ** 32 - 1, `--seed ne peut pas dépasser ${2 ** 32 - 1}.`)
    .default(42),
  queries: z.coerce
    .number({ invalid_type_error: '--queries doit être un nombre entier.' })
    .int('--queries doit être un nombre entier.')
    .min(200, '--queries doit être au moins 200.')
    .max(100_000, '--queries ne peut pas dépasser 100000.')
    .default(240),
  database: z.string().min(1, '--database ne peut pas être vide.').optional(),
  keep: z.boolean().default(false),
});

function fail(message: string): never {
  console.error(message);
  console.error('Usage : npm run bench -- [--suppliers N] [--seed S] [--queries Q] [--database CHEMIN] [--keep]');
  process.exit(2);
}

let raw: ReturnType<typeof parseArgs>['values'];
try {
  raw = parseArgs({
    options: {
      suppliers: { type: 'string' },
      seed: { type: 'string' },
      queries: { type: 'string' },
      database: { type: 'string' },
      keep: { type: 'boolean' },
    },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(`Arguments invalides : ${error instanceof Error ? error.message : String(error)}`);
}
for (const key of ['suppliers', 'seed', 'queries'] as const) {
  if (raw[key] !== undefined && String(raw[key]).trim() === '') fail(`--${key} ne peut pas être vide.`);
}
const parsed = argsSchema.safeParse(raw);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('\n'));
const args = parsed.data;

// ---------------------------------------------------------------------------------------------------
// Main (the query set, measurement and tables live in scripts/lib/bench-*.ts)

const temporaryDir = args.database ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'maillage-bench-'));
const file = args.database ?? path.join(temporaryDir as string, 'bench.db');
console.log(
  `Machine : ${os.cpus().length} cœurs (${os.cpus()[0]?.model ?? 'inconnu'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} Gio, Node ${process.version}`,
);
console.log(`Base : ${file}`);
console.log(`Charge moyenne de la machine au départ (1 / 5 / 15 min) : ${loadAverage()}`);

const database = openDatabase(file);
let exitCode = 0;
try {
  const { seedMs, published } = await prepareDatabase(database, args);
  // Index build: time spent reading documents from the database vs. indexing them.
  const built = await buildIndex(database, published);
  printBuild({ ...built, seedMs, fileBytes: fileSize(file) });

  const reference = await readReference(database, published, args.seed);
  const queries = buildQueries(reference, args.queries, args.seed);

  // Warm-up: JIT and SQLite page cache, not measured.
  const main = built.observed;
  await runPass(main, queries.slice(0, 30), true);
  const cold = await runPass(main, queries, true);
  const warmEngine = createObservedEngine(database.sqlite, { cacheSize: 1024 });
  await warmEngine.engine.init();
  await runPass(warmEngine, queries, false);
  const warm = await runPass(warmEngine, queries, false);
  const unbounded = createObservedEngine(database.sqlite, { bm25Budget: Number.POSITIVE_INFINITY });
  await unbounded.engine.init();
  await runPass(unbounded, queries.slice(0, 30), true);
  const coldUnbounded = await runPass(unbounded, queries, true);

  printPasses({ queries, cold, warm, coldUnbounded });
  await Promise.all([main.engine.close(), warmEngine.engine.close(), unbounded.engine.close()]);
} catch (error) {
  console.error('Le banc d’essai a échoué :', error instanceof Error ? (error.stack ?? error.message) : error);
  exitCode = 1;
} finally {
  await database.close();
  if (temporaryDir && !args.keep) fs.rmSync(temporaryDir, { recursive: true, force: true });
  else if (temporaryDir) console.log(`Base conservée : ${file}`);
}
process.exit(exitCode);
