import { OUTBOX_INSERT_ROWS } from '../batch';
import type { Executor } from '../connection';

/**
 * Records that the search documents of these suppliers may have changed: appends them to the change sequence
 * (search_changes) that every search consumer follows from its own cursor (search/feed.ts). Call it inside the
 * same transaction as the write, so a crash cannot lose the change (docs/decisions/320-search-change-sequence.md).
 */
export async function enqueueSearchSync(trx: Executor, supplierIds: number[]): Promise<void> {
  if (supplierIds.length === 0) return;
  const now = new Date().toISOString();
  const unique = [...new Set(supplierIds)];
  for (let i = 0; i < unique.length; i += OUTBOX_INSERT_ROWS) {
    await trx
      .insertInto('search_changes')
      .values(unique.slice(i, i + OUTBOX_INSERT_ROWS).map((supplier_id) => ({ supplier_id, changed_at: now })))
      .execute();
  }
}
