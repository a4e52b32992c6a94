import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyFailure } from '../../app/domain/failure';
import { importSuppliersCsv } from '../../app/services/import.server';
import { DatabaseOpenError, openDatabase } from '../../db/connection';
import { createSqliteTestDatabase } from '../support/db';
import { TEMPLATE_DB } from '../support/paths';
import { CAN_MOUNT_TMPFS, mountTmpfs, type Tmpfs } from '../support/tmpfs';
import { buildCsv, validRow } from '../fixtures/import/csv';

// Real failures, not simulated ones: SQLite's max_page_count makes a database really "full" (SQLITE_FULL), and
// a tmpfs remounted read-only is a real read-only file system (tests/support/tmpfs.ts).

const mounts: Tmpfs[] = [];
afterAll(() => {
  for (const m of mounts) m.unmount();
});

describe('a full database during an import', () => {
  const database = createSqliteTestDatabase();

  it('is reported as a full disk, not as a rollback error, and writes nothing', async () => {
    const pages = Number(database.sqlite.pragma('page_count', { simple: true }));
    database.sqlite.pragma(`max_page_count = ${pages + 2}`);
    const rows = Array.from({ length: 300 }, (_, i) => validRow(5000 + i));
    const error = await importSuppliersCsv(database, buildCsv(rows), { approve: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    database.sqlite.pragma('max_page_count = 1073741823');
    expect(error).toBeDefined();
    expect(String(error)).not.toMatch(/rollback/i);
    const failure = classifyFailure(error, { path: database.file });
    expect(failure).toMatchObject({ kind: 'disk-full', code: 'SQLITE_FULL', exitCode: 10 });
    expect(failure.message).toContain(database.file);
    const count = await database.db
      .selectFrom('suppliers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(0);
  });
});

describe.skipIf(!CAN_MOUNT_TMPFS)('a database on a read-only file system (tmpfs, needs root)', () => {
  it('names the read-only file system and the path when the database exists', () => {
    const fsys = mountTmpfs(8 * 1024)!;
    mounts.push(fsys);
    const file = path.join(fsys.dir, 'maillage.db');
    fs.copyFileSync(TEMPLATE_DB, file);
    fsys.remountReadOnly();
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DatabaseOpenError);
    const failure = classifyFailure(error);
    expect(failure).toMatchObject({ kind: 'read-only', code: 'EROFS', exitCode: 11 });
    expect(failure.message).toContain(file);
  });

  it('names the read-only file system when the database directory cannot be created', () => {
    const fsys = mountTmpfs(64)!;
    mounts.push(fsys);
    fsys.remountReadOnly();
    const file = path.join(fsys.dir, 'data', 'maillage.db');
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    const failure = classifyFailure(error);
    expect(failure).toMatchObject({ kind: 'read-only', code: 'EROFS' });
    expect(failure.message).toContain(fsys.dir);
  });
});
