import type { Selectable } from 'kysely';
import type { Executor } from '../connection';
import type { BidMembersTable, BidsTable } from '../schema';

// Bids and their members (decisions 230–231). Functions take the database or a transaction; the services own
// the transactions and the rules (app/domain/groupements, app/domain/bids).

export type BidRow = Selectable<BidsTable>;

export interface BidMemberRecord extends Selectable<BidMembersTable> {
  supplierName: string;
  supplierSlug: string;
  /** The supplier's organisation on Maillage (null when nobody has claimed it yet). */
  organisationId: number | null;
}

export function findBid(db: Executor, id: number): Promise<BidRow | undefined> {
  return db.selectFrom('bids').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The members, mandataire first, then by invitation time. */
export function listBidMembers(db: Executor, bidId: number): Promise<BidMemberRecord[]> {
  return db
    .selectFrom('bid_members as m')
    .innerJoin('suppliers as s', 's.id', 'm.supplier_id')
    .leftJoin('organisations as o', 'o.supplier_id', 'm.supplier_id')
    .selectAll('m')
    .select(['s.name as supplierName', 's.slug as supplierSlug', 'o.id as organisationId'])
    .where('m.bid_id', '=', bidId)
    .orderBy('m.role')
    .orderBy('m.invited_at')
    .orderBy('m.supplier_id')
    .execute();
}

export interface BidActivityEntry {
  bidId: number;
  /** The member on whose behalf it was done, when one. */
  supplierId: number | null;
  userId: number | null;
  /** A stable name (app/domain/bids/activity.ts gives its French label). */
  action: string;
  /** A short French detail shown in the log (names, lots); never secret. */
  detail?: string;
}

/** Appends to the workspace's activity log (append-only, decision 230), in the caller's transaction. */
export async function appendBidActivity(db: Executor, entry: BidActivityEntry, now: Date): Promise<void> {
  await db
    .insertInto('bid_activity')
    .values({
      bid_id: entry.bidId,
      supplier_id: entry.supplierId,
      user_id: entry.userId,
      action: entry.action,
      detail: entry.detail ?? '',
      created_at: now.toISOString(),
    })
    .execute();
}
