import type { BidLotDecision, LotOutcome } from '../../app/domain/bids/status';
import type { GroupementForm } from '../../app/domain/groupements/rules';
import type { Executor } from '../connection';

// The buyer's side of bids (issue 7 §4, decisions 256–258): the submitted bids of a tender with their members,
// lots, allocation and documents; the decisions on each bid and lot; each lot's outcome. Functions take the
// database or a transaction; the services own the transactions and the rules (app/domain/tenders/award.ts).

export interface BuyerBidMember {
  supplierId: number;
  name: string;
  slug: string;
  role: 'mandataire' | 'membre';
  organisationId: number | null;
}

export interface BuyerBidLot {
  lotNumber: number;
  priceCents: number | null;
  decision: BidLotDecision;
  decisionReason: string | null;
  decidedAt: string | null;
}

export interface BuyerBidRecord {
  id: number;
  kind: 'seul' | 'groupement';
  name: string;
  form: GroupementForm | null;
  submittedAt: string | null;
  members: BuyerBidMember[];
  lots: BuyerBidLot[];
  allocations: { lotNumber: number; supplierId: number; shareBp: number; tasks: string }[];
  documents: { itemId: number; label: string; fileId: string }[];
}

/** How many bids are submitted now: all the buyer learns before the deadline (decision 231). */
export async function countSubmittedBids(db: Executor, tenderId: number): Promise<number> {
  const row = await db
    .selectFrom('bids')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('tender_id', '=', tenderId)
    .where('status', '=', 'submitted')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The tender's submitted bids, oldest submission first, with what the buyer examines. */
export async function listSubmittedBids(db: Executor, tenderId: number): Promise<BuyerBidRecord[]> {
  const bids = await db
    .selectFrom('bids')
    .select(['id', 'kind', 'name', 'form', 'submitted_at'])
    .where('tender_id', '=', tenderId)
    .where('status', '=', 'submitted')
    .orderBy('submitted_at')
    .orderBy('id')
    .execute();
  if (bids.length === 0) return [];
  const ids = bids.map((b) => b.id);
  const [members, lots, allocations, documents] = await Promise.all([
    db
      .selectFrom('bid_members as m')
      .innerJoin('suppliers as s', 's.id', 'm.supplier_id')
      .leftJoin('organisations as o', 'o.supplier_id', 'm.supplier_id')
      .select(['m.bid_id', 'm.supplier_id', 'm.role', 's.name', 's.slug', 'o.id as organisationId'])
      .where('m.bid_id', 'in', ids)
      .where('m.acceptance', '=', 'accepted')
      .orderBy('m.role')
      .orderBy('m.invited_at')
      .orderBy('m.supplier_id')
      .execute(),
    db.selectFrom('bid_lots').selectAll().where('bid_id', 'in', ids).orderBy('lot_number').execute(),
    db
      .selectFrom('bid_allocations')
      .selectAll()
      .where('bid_id', 'in', ids)
      .orderBy('lot_number')
      .orderBy('share_bp', 'desc')
      .execute(),
    db
      .selectFrom('bid_checklist_items')
      .select(['id', 'bid_id', 'label', 'file_id'])
      .where('bid_id', 'in', ids)
      .where('file_id', 'is not', null)
      .orderBy('id')
      .execute(),
  ]);
  return bids.map((bid) => ({
    id: bid.id,
    kind: bid.kind,
    name: bid.name,
    form: bid.form,
    submittedAt: bid.submitted_at,
    members: members
      .filter((m) => m.bid_id === bid.id)
      .map((m) => ({
        supplierId: m.supplier_id,
        name: m.name,
        slug: m.slug,
        role: m.role,
        organisationId: m.organisationId,
      })),
    lots: lots
      .filter((l) => l.bid_id === bid.id)
      .map((l) => ({
        lotNumber: l.lot_number,
        priceCents: l.price_cents,
        decision: l.decision,
        decisionReason: l.decision_reason,
        decidedAt: l.decided_at,
      })),
    allocations: allocations
      .filter((a) => a.bid_id === bid.id)
      .map((a) => ({ lotNumber: a.lot_number, supplierId: a.supplier_id, shareBp: a.share_bp, tasks: a.tasks })),
    documents: documents
      .filter((d) => d.bid_id === bid.id)
      .map((d) => ({ itemId: d.id, label: d.label, fileId: d.file_id as string })),
  }));
}

export interface LotOutcomeRecord {
  lotNumber: number;
  outcome: LotOutcome;
  reason: string | null;
  decidedAt: string;
}

export async function listLotOutcomes(db: Executor, tenderId: number): Promise<LotOutcomeRecord[]> {
  const rows = await db
    .selectFrom('tender_lot_outcomes')
    .select(['lot_number', 'outcome', 'reason', 'decided_at'])
    .where('tender_id', '=', tenderId)
    .orderBy('lot_number')
    .execute();
  return rows.map((r) => ({ lotNumber: r.lot_number, outcome: r.outcome, reason: r.reason, decidedAt: r.decided_at }));
}

/** Writes the buyer's decision on a bid for a lot, only if it is still `expected` (a lost race writes nothing). */
export async function setBidLotDecision(
  db: Executor,
  change: {
    bidId: number;
    lotNumber: number;
    expected: BidLotDecision;
    decision: BidLotDecision;
    reason: string | null;
    now: string;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('bid_lots')
    .set({ decision: change.decision, decision_reason: change.reason, decided_at: change.now })
    .where('bid_id', '=', change.bidId)
    .where('lot_number', '=', change.lotNumber)
    .where('decision', '=', change.expected)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records a lot's outcome; false when the lot already has one (the primary key refuses a second). */
export async function insertLotOutcome(
  db: Executor,
  input: {
    tenderId: number;
    lotNumber: number;
    outcome: LotOutcome;
    reason: string | null;
    userId: number;
    now: string;
  },
): Promise<boolean> {
  const result = await db
    .insertInto('tender_lot_outcomes')
    .values({
      tender_id: input.tenderId,
      lot_number: input.lotNumber,
      outcome: input.outcome,
      reason: input.reason,
      decided_by_user_id: input.userId,
      decided_at: input.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** The organisations on Maillage of the accepted members of these bids, by bid. */
export async function bidderOrganisations(db: Executor, bidIds: readonly number[]): Promise<Map<number, number[]>> {
  const byBid = new Map<number, number[]>(bidIds.map((id) => [id, []]));
  if (bidIds.length === 0) return byBid;
  const rows = await db
    .selectFrom('bid_members as m')
    .innerJoin('organisations as o', 'o.supplier_id', 'm.supplier_id')
    .select(['m.bid_id', 'o.id'])
    .where('m.bid_id', 'in', [...bidIds])
    .where('m.acceptance', '=', 'accepted')
    .orderBy('o.id')
    .execute();
  for (const row of rows) byBid.get(row.bid_id)?.push(row.id);
  return byBid;
}

/** The ids of the tender's bids in these statuses. */
export async function listBidIdsOfTender(
  db: Executor,
  tenderId: number,
  statuses: readonly ('forming' | 'submitted' | 'withdrawn' | 'dissolved')[],
): Promise<number[]> {
  const rows = await db
    .selectFrom('bids')
    .select('id')
    .where('tender_id', '=', tenderId)
    .where('status', 'in', [...statuses])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The public award summary: for each awarded lot, the winning bid's members (mandataire first). */
export async function listAwardedLots(
  db: Executor,
  tenderId: number,
): Promise<
  {
    lotNumber: number;
    bidKind: 'seul' | 'groupement';
    members: { name: string; slug: string; role: 'mandataire' | 'membre' }[];
  }[]
> {
  const rows = await db
    .selectFrom('bid_lots as l')
    .innerJoin('bids as b', 'b.id', 'l.bid_id')
    .innerJoin('bid_members as m', 'm.bid_id', 'b.id')
    .innerJoin('suppliers as s', 's.id', 'm.supplier_id')
    .select(['l.lot_number', 'b.id as bidId', 'b.kind', 'm.role', 's.name', 's.slug'])
    .where('b.tender_id', '=', tenderId)
    .where('l.decision', '=', 'awarded')
    .where('m.acceptance', '=', 'accepted')
    .orderBy('l.lot_number')
    .orderBy('m.role')
    .orderBy('m.invited_at')
    .execute();
  const lots = new Map<
    number,
    {
      lotNumber: number;
      bidKind: 'seul' | 'groupement';
      members: { name: string; slug: string; role: 'mandataire' | 'membre' }[];
    }
  >();
  for (const row of rows) {
    const lot = lots.get(row.lot_number) ?? { lotNumber: row.lot_number, bidKind: row.kind, members: [] };
    lot.members.push({ name: row.name, slug: row.slug, role: row.role });
    lots.set(row.lot_number, lot);
  }
  return [...lots.values()];
}
