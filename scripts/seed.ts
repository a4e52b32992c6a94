import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { parseEnv } from '../app/env.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { geographyReport, loadReferenceData } from '../db/reference/index';
import { MAX_SEED_SUPPLIERS, seedDemoData } from '../db/seed/index';

// `npm run seed -- --suppliers N --seed S [--database PATH]`: migrates, loads the reference data, then
// writes N deterministic demo suppliers (the same seed always gives the same suppliers).

const argsSchema = z.object({
  suppliers: z.coerce
    .number({ invalid_type_error: '--suppliers doit être un nombre entier.' })
    .int('--suppliers doit être un nombre entier.')
    .min(0, '--suppliers ne peut pas être négatif.')
    .max(MAX_SEED_SUPPLIERS, `--suppliers ne peut pas dépasser ${MAX_SEED_SUPPLIERS}.`)
    .default(1000),
  seed: z.coerce
    .number({ invalid_type_error: '--seed doit être un nombre entier.' })
    .int('--seed doit être un nombre entier.')
    .min(0, '--seed doit être positif ou nul.')
    .max(2 ** 32 - 1, `--seed ne peut pas dépasser ${2 ** 32 - 1}.`)
    .default(42),
  database: z.string().min(1, '--database ne peut pas être vide.').optional(),
});

function fail(message: string): never {
  console.error(message);
  console.error('Usage : npm run seed -- --suppliers N --seed S [--database CHEMIN]');
  process.exit(2);
}

let raw: ReturnType<typeof parseArgs>['values'];
try {
  raw = parseArgs({
    options: { suppliers: { type: 'string' }, seed: { type: 'string' }, database: { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail(`Arguments invalides : ${error instanceof Error ? error.message : String(error)}`);
}
// An empty string would coerce to 0: refuse it explicitly.
for (const key of ['suppliers', 'seed'] as const) if (raw[key] !== undefined && String(raw[key]).trim() === '') fail(`--${key} ne peut pas être vide.`);
const parsed = argsSchema.safeParse(raw);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join('\n'));
const args = parsed.data;

const file = args.database ?? parseEnv().DATABASE_PATH;
const started = performance.now();
const database = openDatabase(file);
let exitCode = 0;
try {
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  const geo = geographyReport();
  console.log(
    `Données de référence chargées : ${geo.communes} communes, dont ${geo.located} localisées précisément ` +
      `(${(geo.matchRate * 100).toFixed(1)} %), les autres au centre de leur intercommunalité ou de leur département.`,
  );
  console.log(`Création de ${args.suppliers} fournisseurs de démonstration (graine ${args.seed}) dans ${file}…`);
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {value}/{total} fournisseurs | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(args.suppliers, 0);
  let result;
  try {
    result = await seedDemoData(database, { suppliers: args.suppliers, seed: args.seed, onProgress: (done) => bar.update(done) });
  } finally {
    bar.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  const rate = result.elapsedMs > 0 ? Math.round((args.suppliers / result.elapsedMs) * 1000) : 0;
  console.log(
    `${result.created} créés, ${result.updated} mis à jour, ${result.unchanged} inchangés ` +
      `en ${(result.elapsedMs / 1000).toFixed(1)} s (${rate} fournisseurs/s) ; durée totale ${seconds.toFixed(1)} s.`,
  );
} catch (error) {
  console.error('Le peuplement a échoué :', error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await database.close();
}
process.exit(exitCode);
