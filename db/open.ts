import { openDatabase, type OpenedDatabase } from './connection';
import { openPostgresDatabase, postgresLocation } from './postgres';

// The one way to open the database of record from the environment (docs/decisions/310): PostgreSQL when
// DATABASE_URL is set, otherwise the SQLite file DATABASE_PATH (the default).

export interface DatabaseEnv {
  DATABASE_URL?: string;
  DATABASE_PATH: string;
}

export function openDatabaseOfRecord(env: DatabaseEnv): OpenedDatabase {
  return env.DATABASE_URL ? openPostgresDatabase(env.DATABASE_URL) : openDatabase(env.DATABASE_PATH);
}

/** What a failure message names for the database: the SQLite path, or the server without its credentials. */
export function databaseLocation(env: DatabaseEnv): string {
  return env.DATABASE_URL ? postgresLocation(env.DATABASE_URL) : env.DATABASE_PATH;
}
