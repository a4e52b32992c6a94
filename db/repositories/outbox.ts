import type { Executor } from '../connection';

/**
 * Records that the search documents of these suppliers may have changed. Call it inside the same
 * transaction as the write, so a crash cannot lose the change (search/outbox.ts drains the table).
 */
export async function enqueueSearchSync(trx: Executor, supplierIds: number[]): Promise<void> {
  if (supplierIds.length === 0) return;
  const now = new Date().toISOString();
  const unique = [...new Set(supplierIds)];
  for (let i = 0; i < unique.length; i += 500) {
    await trx
      .insertInto('search_outbox')
      .values(unique.slice(i, i + 500).map((supplier_id) => ({ supplier_id, created_at: now })))
      .execute();
  }
}
