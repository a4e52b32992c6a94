import type { Selectable } from 'kysely';
import type { TenderBidSummary } from '../../app/domain/bids/rules';
import type { BidKind, BidStatus, ChecklistStatus } from '../../app/domain/bids/status';
import type { AllocationRow, GroupementForm } from '../../app/domain/groupements/rules';
import type { MemberAcceptance, MemberRole } from '../../app/domain/groupements/types';
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

// ---------------------------------------------------------------------------------------------------------
// Writing a bid and its members (decision 240)

export async function insertBid(
  db: Executor,
  bid: {
    tenderId: number;
    kind: BidKind;
    name: string;
    form: GroupementForm | null;
    userId: number;
    now: Date;
  },
): Promise<number> {
  const at = bid.now.toISOString();
  const { id } = await db
    .insertInto('bids')
    .values({
      tender_id: bid.tenderId,
      kind: bid.kind,
      name: bid.name,
      form: bid.form,
      status: 'forming',
      created_by_user_id: bid.userId,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** Adds a member, or puts back as invited a member that had declined (same supplier, same bid). */
export async function upsertBidMember(
  db: Executor,
  member: {
    bidId: number;
    supplierId: number;
    role: MemberRole;
    acceptance: MemberAcceptance;
    invitedByUserId: number | null;
    now: Date;
  },
): Promise<void> {
  const at = member.now.toISOString();
  const respondedAt = member.acceptance === 'pending' ? null : at;
  await db
    .insertInto('bid_members')
    .values({
      bid_id: member.bidId,
      supplier_id: member.supplierId,
      role: member.role,
      acceptance: member.acceptance,
      invited_by_user_id: member.invitedByUserId,
      invited_at: at,
      responded_at: respondedAt,
    })
    .onConflict((oc) =>
      oc.columns(['bid_id', 'supplier_id']).doUpdateSet({
        role: member.role,
        acceptance: member.acceptance,
        invited_by_user_id: member.invitedByUserId,
        invited_at: at,
        responded_at: respondedAt,
      }),
    )
    .execute();
}

/** A pending member accepts or declines; false when it was no longer pending (nothing written). */
export async function answerBidMember(
  db: Executor,
  bidId: number,
  supplierId: number,
  acceptance: 'accepted' | 'declined',
  now: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('bid_members')
    .set({ acceptance, responded_at: now.toISOString() })
    .where('bid_id', '=', bidId)
    .where('supplier_id', '=', supplierId)
    .where('acceptance', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes a member and its shares of the lots; false when it was not a member. */
export async function deleteBidMember(db: Executor, bidId: number, supplierId: number): Promise<boolean> {
  await db.deleteFrom('bid_allocations').where('bid_id', '=', bidId).where('supplier_id', '=', supplierId).execute();
  const result = await db
    .deleteFrom('bid_members')
    .where('bid_id', '=', bidId)
    .where('supplier_id', '=', supplierId)
    .where('role', '=', 'membre')
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Hands the mandataire role from one member to another (the old one becomes a plain member). */
export async function moveMandataire(db: Executor, bidId: number, from: number, to: number): Promise<boolean> {
  // The partial unique index allows one mandataire: the old one steps down first.
  const down = await db
    .updateTable('bid_members')
    .set({ role: 'membre' })
    .where('bid_id', '=', bidId)
    .where('supplier_id', '=', from)
    .where('role', '=', 'mandataire')
    .executeTakeFirst();
  if (Number(down.numUpdatedRows) !== 1) return false;
  const up = await db
    .updateTable('bid_members')
    .set({ role: 'mandataire' })
    .where('bid_id', '=', bidId)
    .where('supplier_id', '=', to)
    .where('acceptance', '=', 'accepted')
    .executeTakeFirst();
  return Number(up.numUpdatedRows) === 1;
}

export async function updateBidForm(db: Executor, bidId: number, form: GroupementForm, now: Date): Promise<void> {
  await db.updateTable('bids').set({ form, updated_at: now.toISOString() }).where('id', '=', bidId).execute();
}

/** Moves the bid from one of `from` to `to` with the columns given; false when another request changed it first. */
export async function changeBidStatus(
  db: Executor,
  bidId: number,
  change: {
    from: readonly BidStatus[];
    to: BidStatus;
    now: Date;
    submittedByUserId?: number;
    countSubmission?: boolean;
    withdrawn?: boolean;
  },
): Promise<boolean> {
  const at = change.now.toISOString();
  const result = await db
    .updateTable('bids')
    .set((eb) => ({
      status: change.to,
      updated_at: at,
      ...(change.countSubmission
        ? {
            submitted_at: at,
            submitted_by_user_id: change.submittedByUserId ?? null,
            submission_count: eb('submission_count', '+', 1),
          }
        : {}),
      ...(change.withdrawn ? { withdrawn_at: at } : {}),
    }))
    .where('id', '=', bidId)
    .where('status', 'in', [...change.from])
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function touchBid(db: Executor, bidId: number, now: Date): Promise<void> {
  await db.updateTable('bids').set({ updated_at: now.toISOString() }).where('id', '=', bidId).execute();
}

// ---------------------------------------------------------------------------------------------------------
// Lots, prices, allocation, checklist (the last two are written by the allocation and documents pages)

export interface BidLotPrice {
  lotNumber: number;
  /** Euro cents excl. VAT; null while not known. */
  priceCents: number | null;
}

export async function listBidLots(db: Executor, bidId: number): Promise<BidLotPrice[]> {
  const rows = await db
    .selectFrom('bid_lots')
    .select(['lot_number', 'price_cents'])
    .where('bid_id', '=', bidId)
    .orderBy('lot_number')
    .execute();
  return rows.map((r) => ({ lotNumber: r.lot_number, priceCents: r.price_cents }));
}

/** The lots answered become exactly `lots` (with their prices); a lot left out loses its shares. */
export async function replaceBidLots(db: Executor, bidId: number, lots: readonly BidLotPrice[]): Promise<void> {
  const keep = lots.map((l) => l.lotNumber);
  let dropLots = db.deleteFrom('bid_lots').where('bid_id', '=', bidId);
  let dropShares = db.deleteFrom('bid_allocations').where('bid_id', '=', bidId);
  if (keep.length > 0) {
    dropLots = dropLots.where('lot_number', 'not in', keep);
    dropShares = dropShares.where('lot_number', 'not in', keep);
  }
  await dropShares.execute();
  await dropLots.execute();
  for (const lot of lots)
    await db
      .insertInto('bid_lots')
      .values({ bid_id: bidId, lot_number: lot.lotNumber, price_cents: lot.priceCents })
      .onConflict((oc) => oc.columns(['bid_id', 'lot_number']).doUpdateSet({ price_cents: lot.priceCents }))
      .execute();
}

export async function listBidAllocations(db: Executor, bidId: number): Promise<AllocationRow[]> {
  const rows = await db
    .selectFrom('bid_allocations')
    .select(['lot_number', 'supplier_id', 'share_bp', 'tasks'])
    .where('bid_id', '=', bidId)
    .orderBy('lot_number')
    .orderBy('supplier_id')
    .execute();
  return rows.map((r) => ({ lotNumber: r.lot_number, supplierId: r.supplier_id, shareBp: r.share_bp, tasks: r.tasks }));
}

/** Replaces every share of the bid (a bid alone: 100 % of each lot to its supplier). */
export async function replaceBidAllocations(
  db: Executor,
  bidId: number,
  rows: readonly AllocationRow[],
): Promise<void> {
  await db.deleteFrom('bid_allocations').where('bid_id', '=', bidId).execute();
  if (rows.length === 0) return;
  await db
    .insertInto('bid_allocations')
    .values(
      rows.map((r) => ({
        bid_id: bidId,
        lot_number: r.lotNumber,
        supplier_id: r.supplierId,
        share_bp: r.shareBp,
        tasks: r.tasks ?? '',
      })),
    )
    .execute();
}

export interface ChecklistItemState {
  key: string;
  label: string;
  status: ChecklistStatus;
  hasFile: boolean;
}

/** The checklist rows of the bid as the submission reads them (status and whether a document is attached). */
export async function listChecklistStates(db: Executor, bidId: number): Promise<ChecklistItemState[]> {
  const rows = await db
    .selectFrom('bid_checklist_items')
    .select(['key', 'label', 'status', 'file_id'])
    .where('bid_id', '=', bidId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ key: r.key, label: r.label, status: r.status, hasFile: r.file_id !== null }));
}

// ---------------------------------------------------------------------------------------------------------
// Reads across bids

/** Every bid of the tender with its counted members (declined ones left out), for the participation rules. */
export async function listTenderBidSummaries(db: Executor, tenderId: number): Promise<TenderBidSummary[]> {
  const rows = await db
    .selectFrom('bids as b')
    .leftJoin('bid_members as m', (join) => join.onRef('m.bid_id', '=', 'b.id').on('m.acceptance', '!=', 'declined'))
    .select(['b.id', 'b.kind', 'b.status', 'm.supplier_id', 'm.role'])
    .where('b.tender_id', '=', tenderId)
    .orderBy('b.id')
    .execute();
  const byId = new Map<number, TenderBidSummary>();
  for (const r of rows) {
    let bid = byId.get(r.id);
    if (!bid) {
      bid = { bidId: r.id, kind: r.kind, status: r.status, memberSupplierIds: [], mandataireSupplierId: null };
      byId.set(r.id, bid);
    }
    if (r.supplier_id !== null) {
      bid.memberSupplierIds.push(r.supplier_id);
      if (r.role === 'mandataire') bid.mandataireSupplierId = r.supplier_id;
    }
  }
  return [...byId.values()];
}
