import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/connection';
import { TEMPLATE_DB, TMP_DIR } from './paths';

export interface TestDatabase extends OpenedDatabase {
  file: string;
}

/**
 * A fresh SQLite file for this test file: a copy of the template built from the migrations and the
 * reference data by global-setup.ts. Closed and deleted after the file's tests.
 */
export function createTestDatabase(): TestDatabase {
  const file = path.join(TMP_DIR, `test-${process.pid}-${crypto.randomUUID()}.db`);
  fs.copyFileSync(TEMPLATE_DB, file);
  const opened = openDatabase(file);
  afterAll(async () => {
    await opened.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  });
  return { ...opened, file };
}
