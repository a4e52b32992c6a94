import fs from 'node:fs';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { parseEnv } from '../app/env.server';
import { formatImportError } from '../app/domain/import/errors';
import { importSuppliersCsv, type ImportProgress } from '../app/services/import.server';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrate';
import { loadReferenceData } from '../db/reference/index';

// `npm run import -- FILE.csv [--approve] [--dry-run] [--database PATH]`
// Exit codes: 0 imported (or valid in a dry run), 1 the file has errors (nothing written), 2 bad usage.

const USAGE = `Usage : npm run import -- FICHIER.csv [--approve] [--dry-run] [--database CHEMIN]

  --approve     publie les fournisseurs importés, charte « vérifiée » sauf si la ligne dit autre chose
  --dry-run     vérifie le fichier sans rien écrire
  --database    fichier SQLite (par défaut DATABASE_PATH, sinon data/maillage.db)

Format du fichier : docs/import.md (exemple : docs/import-example.csv).`;

/** Above this many rows the progress bar is shown even when stderr is not a terminal. */
const LARGE_FILE_ROWS = 10_000;

const argsSchema = z.object({
  file: z.string().min(1, 'Fichier CSV manquant.'),
  approve: z.boolean(),
  dryRun: z.boolean(),
  database: z.string().min(1, '--database attend un chemin de fichier.').optional(),
  help: z.boolean(),
});

function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

function readArgs() {
  let parsed;
  try {
    parsed = parseArgs({
      args: process.argv.slice(2),
      allowPositionals: true,
      options: {
        approve: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        database: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    fail(`Option invalide : ${(error as Error).message}\n\n${USAGE}`, 2);
  }
  if (parsed.values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (parsed.positionals.length > 1)
    fail(`Un seul fichier à la fois (reçu : ${parsed.positionals.join(', ')}).\n\n${USAGE}`, 2);
  const result = argsSchema.safeParse({
    file: parsed.positionals[0] ?? '',
    approve: parsed.values.approve,
    dryRun: parsed.values['dry-run'],
    database: parsed.values.database,
    help: parsed.values.help,
  });
  if (!result.success) fail(`${result.error.issues.map((i) => i.message).join('\n')}\n\n${USAGE}`, 2);
  return result.data;
}

/**
 * Progress on stderr: a cli-progress bar on a terminal; otherwise, for large files only, one line every few
 * seconds (cli-progress redraws a non-terminal bar from a timer, which never fires while rows are validated
 * and written synchronously).
 */
function progressReporter() {
  let bar: cliProgress.SingleBar | undefined;
  let phase: ImportProgress['phase'] | undefined;
  let lastLine = 0;
  const labels = { validate: 'Vérification', write: 'Écriture    ' };
  return {
    onProgress(progress: ImportProgress) {
      if (!process.stderr.isTTY) {
        if (progress.total < LARGE_FILE_ROWS) return;
        const now = Date.now();
        if (now - lastLine < 2000 && progress.done !== progress.total) return;
        lastLine = now;
        const percent = Math.floor((100 * progress.done) / progress.total);
        process.stderr.write(
          `${labels[progress.phase].trim()} : ${progress.done}/${progress.total} lignes (${percent} %)\n`,
        );
        return;
      }
      if (phase !== progress.phase) {
        bar?.stop();
        phase = progress.phase;
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: `${labels[progress.phase]} [{bar}] {percentage} % | {value}/{total} lignes | {eta_formatted}`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(progress.total, 0);
      }
      bar?.update(progress.done);
    },
    stop() {
      bar?.stop();
    },
  };
}

const args = readArgs();
let content: Buffer;
try {
  content = fs.readFileSync(args.file);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  fail(
    code === 'ENOENT'
      ? `Fichier introuvable : ${args.file}`
      : `Lecture impossible de ${args.file} : ${(error as Error).message}`,
    2,
  );
}

const databasePath = args.database ?? parseEnv().DATABASE_PATH;
const database = openDatabase(databasePath);
let exitCode = 0;
try {
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  const progress = progressReporter();
  const started = performance.now();
  const result = await importSuppliersCsv(database, content, {
    approve: args.approve,
    dryRun: args.dryRun,
    onProgress: progress.onProgress,
  });
  progress.stop();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!result.ok) {
    for (const error of result.errors) process.stderr.write(`${formatImportError(error)}\n`);
    const n = result.errors.length;
    process.stderr.write(`\n${n} erreur${n > 1 ? 's' : ''} dans ${args.file} : aucun fournisseur n'a été importé.\n`);
    exitCode = 1;
  } else {
    for (const warning of result.warnings) process.stderr.write(`avertissement, ${formatImportError(warning)}\n`);
    const c = result.counts;
    if (result.dryRun) {
      process.stdout.write(
        `Fichier valide (--dry-run : rien n'a été écrit) : ${c.rows} ligne(s), ${c.newSuppliers} nouveau(x) fournisseur(s), ${c.existingSuppliers} déjà connu(s). ${seconds} s.\n`,
      );
    } else {
      process.stdout.write(
        `Import terminé en ${seconds} s : ${c.rows} ligne(s), ${c.created} créé(s), ${c.updated} modifié(s), ${c.unchanged} inchangé(s).\n`,
      );
      if (!args.approve && c.created > 0) {
        process.stdout.write(
          'Les nouveaux fournisseurs sont en brouillon : relancez avec --approve pour les publier.\n',
        );
      }
    }
  }
} finally {
  await database.close();
}
process.exit(exitCode);
