import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { z } from 'zod';
import type { Env } from '../app/env.server';
import { EXIT_CODES } from '../app/domain/failure';
import { databaseLocation, openDatabaseOfRecord } from '../db/open';
import { processIo, readEnv, runCommand, runIfMain, UsageError, type CommandSpec, type ScriptIo } from './lib/cli';

// `npm run backup -- --to FILE`: a consistent copy of the database of record while the site runs
// (docs/decisions/340-online-backups.md, docs/deployment.md). SQLite: `VACUUM INTO` a temporary file next to the
// target, checked (`pragma quick_check`), synced, then renamed, so FILE is a complete database `npm start` opens
// with DATABASE_PATH=FILE. PostgreSQL (DATABASE_URL): `pg_dump --format=custom` into the same kind of temporary
// file. Uploaded files (UPLOADS_DIR) are not in the database: the operator copies them after (see the doc).

export const BACKUP_COMMAND = {
  command: 'npm run backup --',
  synopsis: '--to FICHIER [--force]',
  options: {
    to: { type: 'string', value: 'FICHIER', description: 'fichier de sauvegarde à écrire (son dossier doit exister)' },
    force: { type: 'boolean', description: 'remplace FICHIER s’il existe déjà' },
  },
  example: '--to /var/backups/maillage/maillage-2026-12-02.db',
  schema: z.object({
    to: z
      .string({ required_error: 'Indiquez le fichier de sauvegarde : --to FICHIER.' })
      .trim()
      .min(1, 'Indiquez le fichier de sauvegarde : --to FICHIER.'),
    force: z.boolean().optional().default(false),
  }),
  footer: [
    'SQLite (par défaut) : copie cohérente de DATABASE_PATH pendant que le site tourne (VACUUM INTO) ;',
    'la copie s’ouvre telle quelle avec DATABASE_PATH=FICHIER.',
    'PostgreSQL (DATABASE_URL définie) : pg_dump --format=custom (paquet postgresql-client),',
    'restauration avec pg_restore. Les fichiers déposés (UPLOADS_DIR) sont à copier à part : docs/deployment.md.',
  ].join('\n'),
} satisfies CommandSpec<z.ZodTypeAny>;

/**
 * The target, checked before anything is written: its directory exists and is a directory, it is not a
 * directory itself, it exists only with --force, and it is not the database being copied.
 */
export function checkTarget(to: string, force: boolean, source: string | undefined): string {
  const target = path.resolve(to);
  const dir = path.dirname(target);
  const dirStat = fs.statSync(dir, { throwIfNoEntry: false });
  if (!dirStat?.isDirectory())
    throw new UsageError(`Le dossier « ${dir} » n’existe pas : créez-le avant la sauvegarde (rien n’a été écrit).`);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (stat?.isDirectory())
    throw new UsageError(`« ${target} » est un dossier : indiquez un nom de fichier après --to (rien n’a été écrit).`);
  if (source !== undefined && target === path.resolve(source))
    throw new UsageError(`« ${target} » est la base elle-même : choisissez un autre fichier (rien n’a été écrit).`);
  if (stat && !force)
    throw new UsageError(
      `Le fichier « ${target} » existe déjà : choisissez un autre nom, ou ajoutez --force pour le remplacer (rien n’a été écrit).`,
    );
  return target;
}

function temporaryNextTo(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partiel`);
}

/** Makes the finished copy durable, then puts it in place in one rename (a reader never sees half a file). */
function publish(temporary: string, target: string): void {
  const fd = fs.openSync(temporary, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(temporary, target);
  try {
    const dirFd = fs.openSync(path.dirname(target), 'r');
    try {
      fs.fsyncSync(dirFd);
    } finally {
      fs.closeSync(dirFd);
    }
  } catch {
    // Some file systems refuse to sync a directory; the rename itself is done.
  }
}

/**
 * SQLite: `VACUUM INTO` runs in one read transaction of a read-only handle, so the copy is the database as one
 * committed state, while the site's processes keep reading and writing (WAL: a reader blocks no writer). The
 * copy is checked before it replaces anything.
 */
export function backupSqlite(source: string, target: string): { bytes: number } {
  const temporary = temporaryNextTo(target);
  fs.rmSync(temporary, { force: true });
  const handle = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    handle.pragma('busy_timeout = 5000');
    handle.prepare('vacuum into ?').run(temporary);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    // Writing the copy is what usually fails (a full disk, a read-only directory): name the target.
    throw Object.assign(error as Error, { path: (error as { path?: string }).path ?? target });
  } finally {
    handle.close();
  }
  try {
    const copy = new SQLite(temporary, { readonly: true, fileMustExist: true });
    try {
      const check = copy.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new Error(`la copie ne passe pas « pragma quick_check » : ${String(check)}`);
    } finally {
      copy.close();
    }
    publish(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return { bytes: fs.statSync(target).size };
}

/** The URL without its password, which goes to pg_dump through PGPASSWORD (never on a command line). */
export function pgConnection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return { dbname: parsed.toString(), env: password ? { PGPASSWORD: password } : {} };
}

/** Runs pg_dump (or another PostgreSQL client tool); a missing program is a clear French message. */
export function runPgTool(
  program: string,
  args: string[],
  extraEnv: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { env: { ...process.env, ...extraEnv }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT')
        reject(
          new UsageError(
            `Le programme ${program} est introuvable : installez le paquet postgresql-client (même version majeure que le serveur ou plus récente, par exemple apt-get install postgresql-client-15) ; rien n’a été écrit.`,
          ),
        );
      else reject(error);
    });
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

async function backupPostgres(url: string, target: string, io: ScriptIo): Promise<number> {
  const temporary = temporaryNextTo(target);
  const { dbname, env } = pgConnection(url);
  const result = await runPgTool('pg_dump', ['--format=custom', '--file', temporary, '--dbname', dbname], env);
  if (result.code !== 0) {
    fs.rmSync(temporary, { force: true });
    const reason = result.stderr.trim().split('\n').slice(-3).join('\n');
    io.err(`Échec : pg_dump s’est arrêté (code ${result.code ?? 'signal'}) ; rien n’a été écrit.\n${reason}`);
    if (/no space left/i.test(reason)) return EXIT_CODES['disk-full'];
    if (/permission denied|read-only/i.test(reason)) return EXIT_CODES['read-only'];
    return EXIT_CODES.internal;
  }
  try {
    publish(temporary, target);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return EXIT_CODES.ok;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} Mo`;

export function main(argv: readonly string[], io: ScriptIo = processIo): Promise<number | undefined> {
  let env: Env | undefined;
  return runCommand(
    BACKUP_COMMAND,
    argv,
    async ({ to, force }) => {
      env = readEnv();
      const started = performance.now();
      const seconds = () => ((performance.now() - started) / 1000).toFixed(1);
      if (env.DATABASE_URL) {
        const target = checkTarget(to, force, undefined);
        // Opening the database first names an unreachable server or refused credentials by their cause (exit 19).
        const database = openDatabaseOfRecord(env);
        try {
          await database.db.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
        } finally {
          await database.close();
        }
        const code = await backupPostgres(env.DATABASE_URL, target, io);
        if (code === EXIT_CODES.ok)
          io.out(
            `Sauvegarde de ${databaseLocation(env)} écrite dans ${target} (${megabytes(fs.statSync(target).size)}, ${seconds()} s, format pg_dump custom : restaurez-la avec pg_restore).`,
          );
        return code;
      }
      const source = path.resolve(env.DATABASE_PATH);
      if (!fs.statSync(source, { throwIfNoEntry: false })?.isFile()) {
        io.err(
          `Échec : la base SQLite « ${source} » n’existe pas : vérifiez DATABASE_PATH (ou DATABASE_URL pour PostgreSQL) ; rien n’a été écrit.`,
        );
        return EXIT_CODES['cannot-open'];
      }
      const target = checkTarget(to, force, source);
      const { bytes } = backupSqlite(source, target);
      io.out(
        `Sauvegarde de ${source} écrite dans ${target} (${megabytes(bytes)}, ${seconds()} s) : elle s’ouvre avec DATABASE_PATH=${target}. Copiez aussi UPLOADS_DIR (${path.resolve(env.UPLOADS_DIR)}).`,
      );
      return EXIT_CODES.ok;
    },
    { io, hints: () => ({ path: env && databaseLocation(env) }) },
  );
}

runIfMain(import.meta.filename, (argv) => main(argv));
