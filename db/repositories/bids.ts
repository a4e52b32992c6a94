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
