import fs from 'node:fs';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { loadReferenceData } from '../../db/reference/index';
import { TEMPLATE_DB, TMP_DIR } from './paths';

// Builds one database from the migrations and the reference data; every test file copies it
// (tests/support/db.ts), so each file gets a fresh, real SQLite file without paying for the build again.
// Built under a private name and renamed into place, so concurrent Vitest runs never copy a half-built file.
export default async function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  const building = `${TEMPLATE_DB}.${process.pid}.building`;
  for (const f of [building, `${building}-wal`, `${building}-shm`]) fs.rmSync(f, { force: true });
  const opened = openDatabase(building);
  await migrateToLatest(opened.db);
  await loadReferenceData(opened.db);
  opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  opened.sqlite.pragma('journal_mode = DELETE');
  await opened.close();
  fs.renameSync(building, TEMPLATE_DB);
}
