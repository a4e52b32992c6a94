import type { Env } from '../../app/env.server';
import { databaseLocation, type DatabaseEnv } from '../../db/open';
import { UsageError } from './cli';

// The database a script with a `--database CHEMIN` option works on (docs/decisions/315): the database of record,
// as `npm start` opens it: PostgreSQL when DATABASE_URL is set, otherwise the SQLite file `--database`, by default
// DATABASE_PATH. `--database` names a SQLite file: given together with DATABASE_URL it is refused before anything
// is opened, rather than one of the two being silently ignored.

/** The variables `openDatabaseOfRecord` opens for this script; a UsageError when `--database` meets DATABASE_URL. */
export function scriptDatabase(databaseOption: string | undefined, env: Env): DatabaseEnv {
  if (env.DATABASE_URL) {
    if (databaseOption !== undefined)
      throw new UsageError(
        `--database désigne un fichier SQLite, mais DATABASE_URL est définie : la base de référence est PostgreSQL ` +
          `(${databaseLocation(env)}). Retirez --database pour travailler sur PostgreSQL, ou videz DATABASE_URL ` +
          `pour travailler sur le fichier ; rien n’a été écrit.`,
      );
    return { DATABASE_URL: env.DATABASE_URL, DATABASE_PATH: env.DATABASE_PATH };
  }
  return { DATABASE_PATH: databaseOption ?? env.DATABASE_PATH };
}

/** The description of `--database` in a script's usage text. */
export const DATABASE_OPTION_DESCRIPTION =
  'fichier SQLite (par défaut DATABASE_PATH, sinon data/maillage.db) ; avec DATABASE_URL, la base PostgreSQL est utilisée et --database est refusé';
