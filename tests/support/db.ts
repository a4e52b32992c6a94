import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, inject } from 'vitest';
import {
  openDatabase,
  type OpenedDatabase,
  type OpenedPostgresDatabase,
  type OpenedSqliteDatabase,
} from '../../db/connection';
import { openPostgresDatabase } from '../../db/postgres';
import { TEMPLATE_DB, TMP_DIR } from './paths';
import { createDatabase, databaseUrl, dropDatabase, newDatabaseName, postgresTestUrl } from './postgres';

interface TestDatabaseFacts {
  /**
   * SQLite: the database file. PostgreSQL: a scratch path under tests/.tmp named after the database, for the
   * files a test keeps next to its database (uploads); nothing is opened there.
   */
  file: string;
  /** The variables that reach this database (DATABASE_PATH, and DATABASE_URL on PostgreSQL). */
  env: { DATABASE_PATH: string; DATABASE_URL?: string; SEARCH_INDEX_PATH?: string };
}

export type SqliteTestDatabase = OpenedSqliteDatabase & TestDatabaseFacts;
export type PostgresTestDatabase = OpenedPostgresDatabase & TestDatabaseFacts & { url: string };
export type TestDatabase = SqliteTestDatabase | PostgresTestDatabase;

/** Whether createTestDatabase() gives PostgreSQL databases in this run (TEST_DATABASE_URL is set). */
export function testsOnPostgres(): boolean {
  return postgresTestUrl() !== undefined;
}

/**
 * A fresh SQLite file, whatever the run: a copy of the template built from the migrations and the reference
 * data by global-setup.ts. For the tests of SQLite itself (its engine, its file errors). Closed and deleted after
 * the file's tests.
 */
export function createSqliteTestDatabase(): SqliteTestDatabase {
  const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  const opened = openDatabase(file);
  afterAll(async () => {
    await opened.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  });
  return Object.assign(opened, { file, env: { DATABASE_PATH: file } });
}

/**
 * A fresh PostgreSQL database cloned from the run's template (CREATE DATABASE … TEMPLATE), created before its
 * first query and dropped after the file's tests (docs/decisions/313).
 */
function createPostgresTestDatabase(adminUrl: string): PostgresTestDatabase {
  const template = inject('postgresTemplate');
  const runPrefix = inject('postgresRunPrefix');
  if (!template || !runPrefix)
    throw new Error('TEST_DATABASE_URL is set but global-setup built no PostgreSQL template');
  // Dropped after the file; if it is left behind (a test that creates it inside itself, a crash), the run's
  // teardown drops it with every database of the run.
  const name = newDatabaseName(runPrefix, 't');
  const url = databaseUrl(adminUrl, name);
  let created = false;
  const opened = openPostgresDatabase(url, {
    max: 4,
    prepare: async () => {
      await createDatabase(adminUrl, name, template);
      created = true;
    },
  });
  const file = path.join(TMP_DIR, name);
  // The embedded index of an application built on this database: a file of this test file's own, never the
  // default data/search-index.db that every file running in parallel would share.
  const indexFile = path.join(TMP_DIR, `${name}.index.db`);
  afterAll(async () => {
    await opened.close();
    if (created) await dropDatabase(adminUrl, name);
    for (const f of [file, indexFile, `${indexFile}-wal`, `${indexFile}-shm`])
      fs.rmSync(f, { force: true, recursive: true });
  });
  return Object.assign(opened, {
    file,
    url,
    env: { DATABASE_PATH: path.join(TMP_DIR, `${name}.unused.db`), DATABASE_URL: url, SEARCH_INDEX_PATH: indexFile },
  });
}

/**
 * A fresh database for this test file: a SQLite file by default, a PostgreSQL database when TEST_DATABASE_URL
 * is set. Closed and removed after the file's tests.
 */
export function createTestDatabase(): TestDatabase {
  const adminUrl = postgresTestUrl();
  return adminUrl ? createPostgresTestDatabase(adminUrl) : createSqliteTestDatabase();
}

/** The embedded search engine's SQLite handle needs a SQLite database: the test's own, else a fresh file. */
export function sqliteOf(database: OpenedDatabase): OpenedSqliteDatabase {
  return database.dialect === 'sqlite' ? database : createSqliteTestDatabase();
}

/** A second connection to the same test database (closed by the caller). */
export function openAgain(database: TestDatabase): OpenedDatabase {
  return database.dialect === 'sqlite' ? openDatabase(database.file) : openPostgresDatabase(database.url, { max: 1 });
}

/**
 * Makes every insert into `table` fail with `message` until the returned function is called: a disk that fills up
 * in the middle of a transaction. SQLite: a temporary trigger; PostgreSQL: a trigger and its function, dropped after.
 */
export async function refuseInserts(
  database: TestDatabase,
  table: string,
  message: string,
): Promise<() => Promise<void>> {
  const { db } = database;
  const name = `refuse_${table}`;
  if (database.dialect === 'sqlite') {
    await sql`create temp trigger ${sql.id(name)} before insert on ${sql.table(table)} begin select raise(abort, ${sql.lit(message)}); end`.execute(
      db,
    );
    return async () => {
      await sql`drop trigger ${sql.id(name)}`.execute(db);
    };
  }
  await sql`create function ${sql.id(name)}() returns trigger language plpgsql as ${sql.lit(
    `begin raise exception '${message.replace(/'/g, "''")}'; end`,
  )}`.execute(db);
  await sql`create trigger ${sql.id(name)} before insert on ${sql.table(table)} for each row execute function ${sql.id(name)}()`.execute(
    db,
  );
  return async () => {
    await sql`drop trigger ${sql.id(name)} on ${sql.table(table)}`.execute(db);
    await sql`drop function ${sql.id(name)}()`.execute(db);
  };
}

/**
 * Seeding the 2,000 demo suppliers is one round trip per statement: about 8 s on a SQLite file, 20 to 30 s on a
 * local PostgreSQL under load (docs/decisions/313). The tests that seed them wait that long.
 */
export const DEMO_SEED_TIMEOUT_MS = testsOnPostgres() ? 180_000 : 30_000;
