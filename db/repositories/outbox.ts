import { OUTBOX_INSERT_ROWS } from '../batch';
import type { Executor } from '../connection';

/**
 * Records that the search documents of these suppliers may have changed. Call it inside the same
 * transaction as the write, so a crash cannot lose the change (search/outbox.ts drains the table).
 */
export async function enqueueSearchSync(trx: Executor, supplierIds: number[]): Promise<void> {
  if (supplierIds.length === 0) return;
  const now = new Date().toISOString();
  const unique = [...new Set(supplierIds)];
  for (let i = 0; i < unique.length; i += OUTBOX_INSERT_ROWS) {
    await trx
      .insertInto('search_outbox')
      .values(unique.slice(i, i + OUTBOX_INSERT_ROWS).map((supplier_id) => ({ supplier_id, created_at: now })))
      .execute();
  }
}

export interface OutboxRow {
  id: number;
  supplier_id: number;
}

/** The next rows to drain: fewest attempts first, then oldest, at most `limit`. */
export function readOutboxBatch(db: Executor, limit: number): Promise<OutboxRow[]> {
  return db
    .selectFrom('search_outbox')
    .select(['id', 'supplier_id'])
    .orderBy('attempts')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** Counts one more failed attempt on these rows and keeps the error (already cut to a readable length). */
export async function recordOutboxFailure(db: Executor, rowIds: number[], error: string): Promise<void> {
  if (rowIds.length === 0) return;
  await db
    .updateTable('search_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
    .where('id', 'in', rowIds)
    .execute();
}

/** Deletes exactly these rows (a row written since they were read stays). */
export async function deleteOutboxRows(db: Executor, rowIds: number[]): Promise<void> {
  if (rowIds.length === 0) return;
  await db.deleteFrom('search_outbox').where('id', 'in', rowIds).execute();
}

/** The highest row id so far (0 when the table is empty). */
export async function maxOutboxId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('search_outbox')
    .select((eb) => eb.fn.max('id').as('maxId'))
    .executeTakeFirst();
  return row?.maxId ?? 0;
}

/** Deletes every row up to this id (the ones a full rebuild covered). */
export async function deleteOutboxUpTo(db: Executor, maxId: number): Promise<void> {
  await db.deleteFrom('search_outbox').where('id', '<=', maxId).execute();
}
