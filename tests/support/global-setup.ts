import fs from 'node:fs';
import type { TestProject } from 'vitest/node';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { openPostgresDatabase } from '../../db/postgres';
import { loadReferenceData } from '../../db/reference/index';
import { TEMPLATE_DB, TMP_DIR } from './paths';
import { createDatabase, databaseUrl, dropRunDatabases, newRunPrefix, postgresTestUrl } from './postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL template database of this run, when TEST_DATABASE_URL is set (tests/support/db.ts). */
    postgresTemplate: string | null;
    /** The name every PostgreSQL database of this run starts with. */
    postgresRunPrefix: string | null;
  }
}

async function build(opened: OpenedDatabase): Promise<void> {
  try {
    await migrateToLatest(opened.db);
    await loadReferenceData(opened.db);
  } finally {
    if (opened.dialect === 'sqlite') {
      opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
      opened.sqlite.pragma('journal_mode = DELETE');
    }
    await opened.close();
  }
}

// Builds one database from the migrations and the reference data; every test file copies it
// (tests/support/db.ts), so each file gets a fresh, real SQLite file without paying for the build again.
// Built under a private name and renamed into place, so concurrent Vitest runs never copy a half-built file.
// With TEST_DATABASE_URL, a PostgreSQL template database is built the same way (once per run, dropped at the
// end) for the tests that run on PostgreSQL (docs/decisions/313); SQLite's is still built for the engine's tests.
export default async function setup(project: TestProject) {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const building = `${TEMPLATE_DB}.${process.pid}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });
  await build(openDatabase(building));
  fs.renameSync(building, TEMPLATE_DB);

  const adminUrl = postgresTestUrl();
  if (!adminUrl) {
    project.provide('postgresTemplate', null);
    project.provide('postgresRunPrefix', null);
    return;
  }
  const runPrefix = newRunPrefix();
  const template = `${runPrefix}tpl`;
  await createDatabase(adminUrl, template);
  try {
    await build(openPostgresDatabase(databaseUrl(adminUrl, template), { max: 1 }));
  } catch (error) {
    await dropRunDatabases(adminUrl, runPrefix);
    throw error;
  }
  project.provide('postgresTemplate', template);
  project.provide('postgresRunPrefix', runPrefix);
  return async () => {
    await dropRunDatabases(adminUrl, runPrefix);
  };
}
