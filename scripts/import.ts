import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { EXIT_CODES } from '../app/domain/failure';
import { formatImportError } from '../app/domain/import/errors';
import { importSuppliersCsv, type ImportProgress } from '../app/services/import.server';
import { migrateToLatest } from '../db/migrate';
import { databaseLocation, openDatabaseOfRecord, type DatabaseEnv } from '../db/open';
import { loadReferenceData } from '../db/reference/index';
import { processIo, readEnv, runCommand, runIfMain, type CommandSpec, type ScriptIo } from './lib/cli';
import { DATABASE_OPTION_DESCRIPTION, scriptDatabase } from './lib/database-option';

// `npm run import -- FILE.csv [--approve] [--dry-run] [--database PATH]`, into the database of record:
// PostgreSQL with DATABASE_URL, otherwise the SQLite file (docs/decisions/315).
// Exit codes (docs/import.md): 0 imported (or valid in a dry run), 1 the file has errors (nothing written),
// 2 bad usage or unreadable file, 10 and up a named cause (full disk, read-only database…), 70 internal error.

export const IMPORT_COMMAND = {
  command: 'npm run import --',
  synopsis: 'FICHIER.csv [--approve] [--dry-run] [--database CHEMIN]',
  positionals: { max: 1, example: 'FICHIER.csv' },
  options: {
    approve: {
      type: 'boolean',
      description: 'publie les fournisseurs importés, charte « vérifiée » sauf si la ligne dit autre chose',
    },
    'dry-run': { type: 'boolean', description: 'vérifie le fichier sans rien écrire' },
    database: {
      type: 'string',
      value: 'CHEMIN',
      description: DATABASE_OPTION_DESCRIPTION,
    },
  },
  schema: z.object({
    positionals: z.array(z.string()).min(1, 'Fichier CSV manquant.'),
    approve: z.boolean().default(false),
    dryRun: z.boolean().default(false),
    database: z.string().min(1, '--database attend un chemin de fichier.').optional(),
  }),
  footer: [
    'Format du fichier : docs/import.md (exemple : docs/import-example.csv).',
    'La base est DATABASE_URL (PostgreSQL) si elle est définie, sinon le fichier SQLite.',
  ].join('\n'),
} satisfies CommandSpec<z.ZodTypeAny>;

type ImportArgs = z.output<(typeof IMPORT_COMMAND)['schema']>;

/** Above this many rows the progress bar is shown even when stderr is not a terminal. */
const LARGE_FILE_ROWS = 10_000;

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

async function runImport(args: ImportArgs, target: DatabaseEnv, io: ScriptIo): Promise<number> {
  const file = args.positionals[0];
  let content: Buffer;
  try {
    content = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.err(
      code === 'ENOENT'
        ? `Fichier introuvable : ${file}`
        : `Lecture impossible de ${file} : ${(error as Error).message}`,
    );
    return EXIT_CODES.usage;
  }

  const database = openDatabaseOfRecord(target);
  try {
    await migrateToLatest(database.db);
    await loadReferenceData(database.db);
    const progress = progressReporter();
    const started = performance.now();
    let result;
    try {
      result = await importSuppliersCsv(database, content, {
        approve: args.approve,
        dryRun: args.dryRun,
        onProgress: progress.onProgress,
      });
    } finally {
      progress.stop();
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    if (!result.ok) {
      for (const error of result.error) io.err(formatImportError(error));
      const n = result.error.length;
      io.err(`\n${n} erreur${n > 1 ? 's' : ''} dans ${file} : aucun fournisseur n'a été importé.`);
      return EXIT_CODES.invalidInput;
    }
    const { dryRun, counts: c, warnings } = result.value;
    for (const warning of warnings) io.err(`avertissement, ${formatImportError(warning)}`);
    if (dryRun) {
      io.out(
        `Fichier valide (--dry-run : rien n'a été écrit) : ${c.rows} ligne(s), ${c.newSuppliers} nouveau(x) fournisseur(s), ${c.existingSuppliers} déjà connu(s). ${seconds} s.`,
      );
    } else {
      io.out(
        `Import terminé en ${seconds} s : ${c.rows} ligne(s), ${c.created} créé(s), ${c.updated} modifié(s), ${c.unchanged} inchangé(s).`,
      );
      if (!args.approve && c.created > 0)
        io.out('Les nouveaux fournisseurs sont en brouillon : relancez avec --approve pour les publier.');
    }
    return EXIT_CODES.ok;
  } finally {
    await database.close();
  }
}

export function main(argv: readonly string[], io: ScriptIo = processIo): Promise<number | undefined> {
  let target: DatabaseEnv | undefined;
  return runCommand(
    IMPORT_COMMAND,
    argv,
    (args) => {
      target = scriptDatabase(args.database, readEnv());
      return runImport(args, target, io);
    },
    { io, hints: () => ({ path: target && databaseLocation(target) }) },
  );
}

runIfMain(import.meta.filename, main);
