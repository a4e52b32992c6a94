import type { Selectable } from 'kysely';
import type { Executor } from '../connection';
import type { BidChecklistItemsTable } from '../schema';

// The checklist items of a bid (decision 246), with their document's display name. The service keeps them in
// step with the members and subcontractors (syncChecklist) and owns the transactions.

export type ChecklistItemRow = Selectable<BidChecklistItemsTable>;

export interface ChecklistItemRecord extends ChecklistItemRow {
  fileName: string | null;
  fileSize: number | null;
}

export async function listChecklistItems(db: Executor, bidId: number): Promise<ChecklistItemRecord[]> {
  return db
    .selectFrom('bid_checklist_items as i')
    .leftJoin('stored_files as f', 'f.id', 'i.file_id')
    .selectAll('i')
    .select(['f.original_name as fileName', 'f.byte_size as fileSize'])
    .where('i.bid_id', '=', bidId)
    .orderBy('i.id')
    .execute();
}

export function findChecklistItem(db: Executor, bidId: number, itemId: number): Promise<ChecklistItemRow | undefined> {
  return db
    .selectFrom('bid_checklist_items')
    .selectAll()
    .where('bid_id', '=', bidId)
    .where('id', '=', itemId)
    .executeTakeFirst();
}

export async function insertChecklistItems(trx: Executor, rows: Omit<ChecklistItemRow, 'id'>[]): Promise<void> {
  if (rows.length === 0) return;
  await trx.insertInto('bid_checklist_items').values(rows).execute();
}

export async function deleteChecklistItems(trx: Executor, bidId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await trx
    .deleteFrom('bid_checklist_items')
    .where('bid_id', '=', bidId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function updateChecklistItem(
  trx: Executor,
  id: number,
  patch: Partial<Omit<ChecklistItemRow, 'id' | 'bid_id' | 'key'>>,
): Promise<void> {
  await trx.updateTable('bid_checklist_items').set(patch).where('id', '=', id).execute();
}
