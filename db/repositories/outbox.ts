import { sql } from 'kysely';
import { OUTBOX_INSERT_ROWS } from '../batch';
import type { Executor } from '../connection';
import { dialectOf } from '../dialect';

/**
 * The PostgreSQL advisory lock that orders appends to search_changes (docs/decisions/352): held from the append to
 * the commit, so seqs commit in the order they are taken and a reader following the sequence never passes one that
 * is still in flight.
 */
const SEARCH_CHANGES_LOCK = sql<number>`hashtext('maillage:search_changes')`;

/**
 * Records that the search documents of these suppliers may have changed: appends them to the change sequence
 * (search_changes) that every search consumer follows from its own cursor (search/feed.ts). Call it inside the
 * same transaction as the write, so a crash cannot lose the change (docs/decisions/320-search-change-sequence.md).
 *
 * On PostgreSQL the append first takes a transaction-level advisory lock (352): another supplier write's append
 * waits until this transaction ends, so a lower seq is never committed after a higher one (SQLite gets that from
 * its single writer). Called outside a transaction, it opens one, so the lock covers the insert's commit.
 */
export async function enqueueSearchSync(trx: Executor, supplierIds: number[]): Promise<void> {
  if (supplierIds.length === 0) return;
  if (dialectOf(trx) === 'postgres') {
    if (!trx.isTransaction) {
      await trx.transaction().execute((inner) => enqueueSearchSync(inner, supplierIds));
      return;
    }
    await sql`select pg_advisory_xact_lock(${SEARCH_CHANGES_LOCK})`.execute(trx);
  }
  const now = new Date().toISOString();
  const unique = [...new Set(supplierIds)];
  for (let i = 0; i < unique.length; i += OUTBOX_INSERT_ROWS) {
    await trx
      .insertInto('search_changes')
      .values(unique.slice(i, i + OUTBOX_INSERT_ROWS).map((supplier_id) => ({ supplier_id, changed_at: now })))
      .execute();
  }
}
