import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createTestDatabase } from '../support/db';

// Several processes on one SQLite file (npm start with WEB_CONCURRENCY > 1): a transaction takes the write lock
// when it begins, so a write committed by another process between its read and its write cannot make it fail
// with SQLITE_BUSY_SNAPSHOT (docs/decisions/333-immediate-write-transactions.md). The other process is a second
// handle on the same file, with no busy timeout so that it fails at once instead of waiting for the lock.

describe('write transactions on a file shared by several processes', () => {
  const database = createTestDatabase();

  it('hold the write lock from their start: another writer waits (here: fails at once), theirs goes through', async () => {
    const other = openDatabase(database.file);
    other.sqlite.pragma('busy_timeout = 0');
    try {
      await database.db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('job_runs').select('name').execute();
        expect(before).toEqual([]);
        // The other process tries to write while this transaction is open.
        expect(() =>
          other.sqlite.prepare("INSERT INTO job_runs (name, last_started_at) VALUES ('other', 'x')").run(),
        ).toThrow(expect.objectContaining({ code: 'SQLITE_BUSY' }));
        await trx.insertInto('job_runs').values({ name: 'mine', last_started_at: 'y' }).execute();
      });
      // Once committed, the other process writes.
      other.sqlite.prepare("INSERT INTO job_runs (name, last_started_at) VALUES ('other', 'x')").run();
      const names = await database.db.selectFrom('job_runs').select('name').orderBy('name').execute();
      expect(names.map((r) => r.name)).toEqual(['mine', 'other']);
    } finally {
      await other.close();
    }
  });
});
