import cliProgress from 'cli-progress';
import { parseEnv } from '../app/env.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { geographyReport, loadReferenceData } from '../db/reference/index';
import { parseSeedArgs, SEED_USAGE } from '../db/seed/cli-args';
import { seedDemoData } from '../db/seed/index';

// `npm run seed -- --suppliers N --seed S [--database PATH]`: migrates, loads the reference data, then
// writes N deterministic demo suppliers (the same seed always gives the same suppliers).

const parsed = parseSeedArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(parsed.message);
  console.error(SEED_USAGE);
  process.exit(2);
}
const args = parsed.value;

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
      `(${(geo.matchRate * 100).toFixed(1)} %, ${(geo.populationMatchRate * 100).toFixed(1)} % de la population), ` +
      'les autres au centre de leur intercommunalité ou de leur département.',
  );
  console.log(`Création de ${args.suppliers} fournisseurs de démonstration (graine ${args.seed}) dans ${file}…`);
  const bar = new cliProgress.SingleBar(
    { format: '{bar} {percentage}% | {value}/{total} fournisseurs | {duration_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(args.suppliers, 0);
  let result;
  try {
    result = await seedDemoData(database, {
      suppliers: args.suppliers,
      seed: args.seed,
      onProgress: (done) => bar.update(done),
    });
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
