import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Migrator, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { migrateToLatest } from '../../db/migrate';
import { migrations } from '../../db/migrations/index';
import { TMP_DIR } from '../support/paths';

// Migration 2026-12-02-007 (docs/decisions/320): the search outbox's waiting rows become the first changes of the
// sequence, in their order, and the outbox table is gone.

const file = path.join(TMP_DIR, `migration-${process.pid}-${crypto.randomUUID()}.db`);
const database = openDatabase(file);
afterAll(async () => {
  await database.close();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
});

describe('migration 2026-12-02-007-search-changes', () => {
  it('moves the outbox rows over in order, then drops the outbox', async () => {
    const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations } });
    await sql`pragma foreign_keys = OFF`.execute(database.db);
    const before = await migrator.migrateTo('2026-12-01-006-bids-and-groupements');
    await sql`pragma foreign_keys = ON`.execute(database.db);
    expect(before.error).toBeUndefined();
    // The outbox as the earlier migrations left it (no typed schema any more: raw rows).
    for (const [supplier, at, attempts] of [
      [7, '2026-12-01T10:00:00.000Z', 0],
      [3, '2026-12-01T10:00:01.000Z', 2],
      [7, '2026-12-01T10:00:02.000Z', 0],
    ] as const)
      await sql`insert into search_outbox (supplier_id, created_at, attempts) values (${supplier}, ${at}, ${attempts})`.execute(
        database.db,
      );

    await migrateToLatest(database.db);
    expect(await database.db.selectFrom('search_changes').selectAll().orderBy('seq').execute()).toEqual([
      { seq: 1, supplier_id: 7, changed_at: '2026-12-01T10:00:00.000Z' },
      { seq: 2, supplier_id: 3, changed_at: '2026-12-01T10:00:01.000Z' },
      { seq: 3, supplier_id: 7, changed_at: '2026-12-01T10:00:02.000Z' },
    ]);
    const tables = await sql<{
      name: string;
    }>`select name from sqlite_master where type = 'table' and name like 'search_%' order by name`.execute(database.db);
    expect(tables.rows.map((r) => r.name)).toEqual(['search_changes', 'search_feed_cursors', 'search_feed_failures']);
  });
});
