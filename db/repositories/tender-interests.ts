import type { TenderInterest } from '../../app/domain/tenders/alerts';
import { IN_LIST_CHUNK } from '../batch';
import type { Executor } from '../connection';

// A supplier's interest in a tender (docs/decisions/252-opportunities-and-alert-pages.md): « Intéressé » or
// « Pas intéressé » with a reason, one row per tender and supplier, replaced when changed.

export async function listTenderInterests(
  db: Executor,
  supplierId: number,
  tenderIds: readonly number[],
): Promise<Map<number, { interest: TenderInterest; reason: string | null; updatedAt: string }>> {
  const out = new Map<number, { interest: TenderInterest; reason: string | null; updatedAt: string }>();
  for (let i = 0; i < tenderIds.length; i += IN_LIST_CHUNK) {
    const rows = await db
      .selectFrom('tender_interests')
      .select(['tender_id', 'interest', 'reason', 'updated_at'])
      .where('supplier_id', '=', supplierId)
      .where('tender_id', 'in', tenderIds.slice(i, i + IN_LIST_CHUNK))
      .execute();
    for (const r of rows) out.set(r.tender_id, { interest: r.interest, reason: r.reason, updatedAt: r.updated_at });
  }
  return out;
}

export async function saveTenderInterest(
  db: Executor,
  input: { tenderId: number; supplierId: number; interest: TenderInterest; reason: string | null; userId: number },
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  await db
    .insertInto('tender_interests')
    .values({
      tender_id: input.tenderId,
      supplier_id: input.supplierId,
      interest: input.interest,
      reason: input.reason,
      user_id: input.userId,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .columns(['tender_id', 'supplier_id'])
        .doUpdateSet({ interest: input.interest, reason: input.reason, user_id: input.userId, updated_at: at }),
    )
    .execute();
}

export async function deleteTenderInterest(db: Executor, tenderId: number, supplierId: number): Promise<boolean> {
  const result = await db
    .deleteFrom('tender_interests')
    .where('tender_id', '=', tenderId)
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
