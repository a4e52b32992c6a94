import fs from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { loadReferenceData } from '../../db/reference/index';
import { TEMPLATE_DB, TMP_DIR } from './paths';

// Builds one database from the migrations and the reference data; every test file copies it
// (tests/support/db.ts), so each file gets a fresh, real SQLite file without paying for the build again.
export default async function setup() {
  fs.mkdirSync(TMP_DIR, { recursive: true });
  for (const f of [TEMPLATE_DB, `${TEMPLATE_DB}-wal`, `${TEMPLATE_DB}-shm`]) fs.rmSync(f, { force: true });
  const opened = openDatabase(TEMPLATE_DB);
  await migrateToLatest(opened.db);
  await loadReferenceData(opened.db);
  opened.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  opened.sqlite.pragma('journal_mode = DELETE');
  await opened.close();
  return () => {
    for (const f of fs.readdirSync(TMP_DIR)) {
      if (f.startsWith('test-')) fs.rmSync(path.join(TMP_DIR, f), { force: true });
    }
  };
}
