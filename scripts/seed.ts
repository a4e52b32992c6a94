import cliProgress from 'cli-progress';
import { z } from 'zod';
import type { Result } from '../app/domain/result';
import { EXIT_CODES } from '../app/domain/failure';
import { migrateToLatest } from '../db/migrate';
import { databaseLocation, openDatabaseOfRecord, type DatabaseEnv } from '../db/open';
import { geographyReport, loadReferenceData } from '../db/reference/index';
import { MAX_SEED_SUPPLIERS, seedDemoData } from '../db/seed/index';
import { integerOption, parseCommandLine, readEnv, runCommand, runIfMain, type CommandSpec } from './lib/cli';
import { DATABASE_OPTION_DESCRIPTION, scriptDatabase } from './lib/database-option';

// `npm run seed -- --suppliers N --seed S [--database PATH]`: migrates, loads the reference data, then
// writes N deterministic demo suppliers (the same seed always gives the same suppliers), into the database of
// record: PostgreSQL with DATABASE_URL, otherwise the SQLite file (docs/decisions/315).

export interface SeedArgs {
  suppliers: number;
  seed: number;
  database?: string;
}

export const SEED_COMMAND = {
  command: 'npm run seed --',
  synopsis: '--suppliers N --seed S [--database CHEMIN]',
  example: '--suppliers 100',
  options: {
    suppliers: {
      type: 'string',
      value: 'N',
      description: `nombre de fournisseurs (0 à ${MAX_SEED_SUPPLIERS}, 1000 par défaut)`,
    },
    seed: {
      type: 'string',
      value: 'S',
      description: 'graine : la même graine donne les mêmes fournisseurs (42 par défaut)',
    },
    database: {
      type: 'string',
      value: 'CHEMIN',
      description: DATABASE_OPTION_DESCRIPTION,
    },
  },
  footer: 'La base est DATABASE_URL (PostgreSQL) si elle est définie, sinon le fichier SQLite.',
  schema: z.object({
    suppliers: integerOption('--suppliers', { min: 0, max: MAX_SEED_SUPPLIERS, fallback: 1000 }),
    seed: integerOption('--seed', { min: 0, max: 2 ** 32 - 1, fallback: 42 }),
    database: z.string().trim().min(1, '--database ne peut pas être vide.').optional(),
  }),
} satisfies CommandSpec<z.ZodTypeAny>;

/** The seed command line, for tests: the arguments, or French issues naming the option. */
export function parseSeedArgs(argv: readonly string[]): Result<SeedArgs> {
  const parsed = parseCommandLine(SEED_COMMAND, argv);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value.help ? { suppliers: 1000, seed: 42 } : parsed.value.args };
}

async function seed(args: SeedArgs, target: DatabaseEnv): Promise<number> {
  const started = performance.now();
  const database = openDatabaseOfRecord(target);
  try {
    await migrateToLatest(database.db);
    await loadReferenceData(database.db);
    const geo = geographyReport();
    console.log(
      `Données de référence chargées : ${geo.communes} communes, dont ${geo.located} localisées précisément ` +
        `(${(geo.matchRate * 100).toFixed(1)} %, ${(geo.populationMatchRate * 100).toFixed(1)} % de la population), ` +
        'les autres au centre de leur intercommunalité ou de leur département.',
    );
    console.log(
      `Création de ${args.suppliers} fournisseurs de démonstration (graine ${args.seed}) dans ${databaseLocation(target)}…`,
    );
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
    return EXIT_CODES.ok;
  } finally {
    await database.close();
  }
}

export function main(argv: readonly string[]): Promise<number | undefined> {
  let target: DatabaseEnv | undefined;
  return runCommand(
    SEED_COMMAND,
    argv,
    (args) => {
      target = scriptDatabase(args.database, readEnv());
      return seed(args, target);
    },
    { hints: () => ({ path: target && databaseLocation(target) }) },
  );
}

runIfMain(import.meta.filename, main);
