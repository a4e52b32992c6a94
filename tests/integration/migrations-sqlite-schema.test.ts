import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { ROOT, TMP_DIR } from '../support/paths';

// The migrations learnt to run on PostgreSQL (docs/decisions/311) without changing what SQLite gets: existing SQLite
// databases were migrated by the earlier text of these files. The fixture is sqlite_master after the migrations up
// to 2026-12-01-006, captured from main before that change (commit 9457335).

const FIXTURE = path.join(ROOT, 'tests/fixtures/sqlite-schema-006.json');
const LAST_CAPTURED = '2026-12-01-006-bids-and-groupements';

describe('migrations on SQLite', () => {
  it('create exactly the schema they created before PostgreSQL support', async () => {
    fs.mkdirSync(TMP_DIR, { recursive: true });
    const file = path.join(TMP_DIR, `schema-${process.pid}-${Date.now()}.db`);
    const opened = openDatabase(file);
    try {
      await migrateToLatest(opened.db, LAST_CAPTURED);
      const rows = opened.sqlite
        .prepare(
          "select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_%' order by type, name",
        )
        .all();
      const expected = JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) as unknown[];
      expect(rows.length).toBeGreaterThan(90);
      expect(rows).toEqual(expected);
    } finally {
      await opened.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  });
});
