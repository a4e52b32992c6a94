import fs from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import type { Env } from '../app/env.server';
import { EXIT_CODES } from '../app/domain/failure';
import { openDatabase, type OpenedSqliteDatabase } from '../db/connection';
import { analyzeAfterCopy, copySqliteToPostgres, CopyRefusedError, type CopyRefusal } from '../db/copy';
import { openPostgresDatabase, postgresLocation } from '../db/postgres';
import { processIo, readEnv, runCommand, runIfMain, UsageError, type CommandSpec, type ScriptIo } from './lib/cli';

// `npm run db:copy -- --from FILE.db [--to postgres://…]`: moves a site grown on its SQLite file to PostgreSQL
// (docs/decisions/316, docs/deployment.md). The file is opened read-only and read in one transaction, so the site
// may keep running on it; the target is migrated, must be empty, and is written in one transaction: all or nothing.

export const DB_COPY_COMMAND = {
  command: 'npm run db:copy --',
  synopsis: '--from FICHIER.db [--to postgres://…]',
  example: '--from data/maillage.db --to postgres://maillage@db.internal:5432/maillage',
  options: {
    from: { type: 'string', value: 'FICHIER.db', description: 'base SQLite à copier (lue seulement, jamais modifiée)' },
    to: {
      type: 'string',
      value: 'URL',
      description: 'base PostgreSQL vide qui la reçoit (par défaut DATABASE_URL)',
    },
  },
  schema: z.object({
    from: z
      .string({ required_error: 'Indiquez la base SQLite à copier : --from FICHIER.db.' })
      .trim()
      .min(1, 'Indiquez la base SQLite à copier : --from FICHIER.db.'),
    to: z
      .string()
      .trim()
      .regex(
        /^postgres(ql)?:\/\/[^/\s]+/i,
        '--to attend une adresse PostgreSQL, de la forme postgres://utilisateur:mot-de-passe@hôte:5432/base.',
      )
      .optional(),
  }),
  footer: [
    'La base cible est migrée par la copie ; elle doit être vide (seules les données de référence de',
    'npm run migrate sont admises). L’index de recherche n’est pas copié : chaque instance construit le sien',
    'au démarrage (ou Meilisearch : npm run reindex). Mot de passe : plutôt DATABASE_URL que --to (visible dans ps).',
  ].join('\n'),
} satisfies CommandSpec<z.ZodTypeAny>;

const list = (names: readonly string[]) => (names.length > 0 ? names.join(', ') : 'aucune');

/** The refusal in French, with what to do; nothing was written. */
export function refusalMessage(refusal: CopyRefusal, from: string, to: string): string {
  const nothing = 'rien n’a été écrit.';
  switch (refusal.kind) {
    case 'source-not-migrated':
      return `« ${from} » n’est pas une base Maillage migrée (pas de table kysely_migration) ; ${nothing}`;
    case 'source-level': {
      const behind = refusal.source.every((m) => refusal.code.includes(m));
      const missing = refusal.code.filter((m) => !refusal.source.includes(m));
      const unknown = refusal.source.filter((m) => !refusal.code.includes(m));
      return behind
        ? `La base « ${from} » n’est pas au niveau de migration du code (il lui manque : ${list(missing)}) : ` +
            `migrez-la d’abord (DATABASE_PATH=${from} npm run migrate, site arrêté ou non), puis relancez la copie ; ${nothing}`
        : `La base « ${from} » a des migrations que ce code ne connaît pas (${list(unknown)}) : ` +
            `lancez la copie depuis la version du code qui l’a migrée ; ${nothing}`;
    }
    case 'target-level':
      return (
        `La base cible ${to} a des migrations que ce code ne connaît pas ou dans un autre ordre ` +
        `(${list(refusal.target.filter((m) => !refusal.code.includes(m)))}) : utilisez une base PostgreSQL neuve ; ${nothing}`
      );
    case 'target-foreign-tables':
      return (
        `La base cible ${to} contient déjà des tables qui ne sont pas celles de Maillage (${list(refusal.tables.slice(0, 10))}` +
        `${refusal.tables.length > 10 ? '…' : ''}) : créez une base neuve (createdb --locale=C.UTF-8 --template=template0 NOM) ; ${nothing}`
      );
    case 'target-not-empty':
      return (
        `La base cible ${to} n’est pas vide (${refusal.tables
          .slice(0, 5)
          .map((t) => `${t.table} : ${t.rows} ligne${t.rows > 1 ? 's' : ''}`)
          .join(', ')}${refusal.tables.length > 5 ? '…' : ''}) : la copie n’écrit que dans une base vide. ` +
        `Créez une base neuve, et ne lancez pas npm start dessus avant la copie (il y crée les données de démonstration) ; ${nothing}`
      );
    case 'schema-mismatch':
      return (
        `La table ${refusal.table} n’a pas les mêmes colonnes des deux côtés (absentes de la base SQLite : ` +
        `${list(refusal.missing)} ; en trop : ${list(refusal.extra)}) alors que les migrations sont les mêmes ; ${nothing}`
      );
  }
}

function openSource(from: string): OpenedSqliteDatabase {
  const file = path.resolve(from);
  if (!fs.statSync(file, { throwIfNoEntry: false })?.isFile())
    throw new UsageError(`La base SQLite « ${file} » n’existe pas (--from) ; rien n’a été écrit.`);
  return openDatabase(file, { readonly: true });
}

/** A bar on a terminal; otherwise (a log, cron) one line every 5 seconds. */
function progressBar() {
  if (!process.stderr.isTTY) {
    let last = Date.now();
    return {
      update(done: number, total: number, table: string) {
        if (Date.now() - last < 5000) return;
        last = Date.now();
        process.stderr.write(
          `Copie : ${done}/${total} lignes (${Math.floor((100 * done) / total)} %), table ${table}\n`,
        );
      },
      stop: () => undefined,
    };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{bar} {percentage} % | {value}/{total} lignes | {table} | {duration_formatted}',
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done: number, total: number, table: string) {
      if (!started) {
        bar.start(total, 0, { table });
        started = true;
      }
      bar.update(done, { table });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

async function copy(args: { from: string; to?: string }, env: Env, io: ScriptIo): Promise<number> {
  const url = args.to ?? env.DATABASE_URL;
  if (!url)
    throw new UsageError(
      'Indiquez la base PostgreSQL qui reçoit la copie : --to postgres://utilisateur:mot-de-passe@hôte:5432/base (ou DATABASE_URL).',
    );
  const from = path.resolve(args.from);
  const to = postgresLocation(url);
  const source = openSource(from);
  try {
    const target = openPostgresDatabase(url, { max: 2 });
    try {
      io.out(`Copie de ${from} vers ${to}…`);
      const started = performance.now();
      const bar = progressBar();
      let report;
      try {
        report = await copySqliteToPostgres(source, target, {
          onProgress: (p) => bar.update(p.done, p.totalRows, p.table),
        });
      } catch (error) {
        if (error instanceof CopyRefusedError) throw new UsageError(refusalMessage(error.refusal, from, to));
        // A failure names the database it happened on: SQLite's codes are the file's, the others PostgreSQL's.
        const e = error as { code?: unknown; path?: unknown };
        if (e && typeof e === 'object' && e.path === undefined)
          Object.assign(e, { path: String(e.code ?? '').startsWith('SQLITE') ? from : to });
        throw error;
      } finally {
        bar.stop();
      }
      const copySeconds = (performance.now() - started) / 1000;
      await analyzeAfterCopy(target);
      const seconds = (performance.now() - started) / 1000;
      if (report.migrated.length > 0) io.out(`Migrations appliquées à la cible : ${report.migrated.join(', ')}.`);
      for (const { table, rows } of report.tables) if (rows > 0) io.out(`  ${table.padEnd(26)} ${rows}`);
      const empty = report.tables.filter((t) => t.rows === 0).length;
      io.out(
        `${report.rows} lignes copiées dans ${report.tables.length} tables (${empty} vides) en ${copySeconds.toFixed(1)} s ` +
          `(${Math.round(report.rows / Math.max(copySeconds, 0.001))} lignes/s), comptes vérifiés table par table, ` +
          `${report.sequences} séquences d’identifiants recalées ; statistiques (ANALYZE) : durée totale ${seconds.toFixed(1)} s.`,
      );
      io.out(
        `Non copié : l’index de recherche intégré (${report.skipped.length > 0 ? `tables ${report.skipped.join(', ')}` : 'absent de ce fichier'}), ` +
          'données dérivées : démarrez le site avec DATABASE_URL, chaque instance construit le sien (SEARCH_INDEX_PATH) ; ' +
          'avec Meilisearch, lancez npm run reindex. Copiez aussi UPLOADS_DIR (docs/deployment.md).',
      );
      return EXIT_CODES.ok;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

export function main(argv: readonly string[], io: ScriptIo = processIo): Promise<number | undefined> {
  return runCommand(DB_COPY_COMMAND, argv, (args) => copy(args, readEnv(), io), { io });
}

runIfMain(import.meta.filename, (argv) => main(argv));
