import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueSearchSync } from '../../db/repositories/outbox';
import { headSeq, readChangesAfter } from '../../db/repositories/search-feed';
import { createTestDatabase, openAgain, testsOnPostgres } from '../support/db';

// A reader following search_changes never passes a seq that commits after a higher one (docs/decisions/352). On
// PostgreSQL two connections write: without the appends' lock, the second writer's higher seq would commit first,
// a reader would move its cursor past the first writer's lower seq, and never see it.

const database = createTestDatabase();
const { db } = database;
const other = openAgain(database);
// The first query creates the PostgreSQL database (tests/support/db.ts): before the second connection's.
beforeAll(() => db.selectFrom('search_changes').select('seq').limit(1).execute());
afterAll(() => other.close());

/** Reads every change after `cursor` in batches, as a consumer would, and returns the supplier ids and the cursor. */
async function follow(cursor: number): Promise<{ ids: number[]; cursor: number }> {
  const ids: number[] = [];
  for (;;) {
    const batch = await readChangesAfter(db, cursor, 100);
    if (batch.length === 0) return { ids, cursor };
    ids.push(...batch.map((c) => c.supplier_id));
    cursor = batch[batch.length - 1]!.seq;
  }
}

describe('the search change sequence with concurrent writers', () => {
  it('appends outside a transaction too', async () => {
    const before = await headSeq(db);
    await enqueueSearchSync(db, [9001, 9002, 9001]);
    expect((await follow(before)).ids).toEqual([9001, 9002]);
  });

  it.runIf(testsOnPostgres())(
    'on PostgreSQL, a reader between two writers’ commits does not pass the one that committed second',
    async () => {
      const start = await headSeq(db);
      let releaseFirst!: () => void;
      const firstMayCommit = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstAppended!: () => void;
      const firstHasAppended = new Promise<void>((resolve) => (firstAppended = resolve));

      // Writer 1 takes the lower seq and keeps its transaction open.
      const first = db.transaction().execute(async (trx) => {
        await enqueueSearchSync(trx, [101]);
        firstAppended();
        await firstMayCommit;
      });
      await firstHasAppended;
      // Writer 2 appends and commits as soon as it can (without the lock: at once, with the higher seq).
      const second = other.db.transaction().execute((trx) => enqueueSearchSync(trx, [102]));
      // Wait until writer 2 has either committed or is waiting on writer 1's lock.
      for (let i = 0; i < 200; i++) {
        const waiting = await sql<{ n: number }>`select count(*) as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
        const committed = await db.selectFrom('search_changes').select('seq').where('supplier_id', '=', 102).execute();
        if (Number(waiting.rows[0]?.n) > 0 || committed.length > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }

      // A consumer reads now, between the two commits, and moves its cursor.
      const early = await follow(start);
      releaseFirst();
      await Promise.all([first, second]);
      const late = await follow(early.cursor);

      expect([...early.ids, ...late.ids].sort()).toEqual([101, 102]);
      const seqs = await db
        .selectFrom('search_changes')
        .select(['seq', 'supplier_id'])
        .where('seq', '>', start)
        .orderBy('seq')
        .execute();
      expect(seqs.map((r) => r.supplier_id)).toEqual([101, 102]);
    },
  );
});
