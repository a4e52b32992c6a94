import type { BidKind, BidStatus } from '../../app/domain/bids/status';
import type { MemberAcceptance, MemberRole } from '../../app/domain/groupements/types';
import type { PlaceKind, Reservation } from '../../app/domain/tenders/tender';
import type { DB } from '../../db/connection';

// Tenders and bids written straight into the tables for the workspace tests (decision 230): the pages and
// services that create them are tested on their own. Generic: a tender with lots and their sectors, a bid
// with members (role, answer) and lots answered (price in euro cents excl. VAT).

const NOW = '2026-12-01T09:00:00.000Z';

export interface TestTenderInput {
  buyerOrganisationId: number;
  title?: string;
  status?: 'published' | 'closed';
  /** ISO instant; far in the future by default. */
  submissionDeadline?: string;
  placeKind?: PlaceKind;
  placeCode?: string | null;
  reservation?: Reservation;
  /** Explicit lots; none means the implicit lot 1 with the tender's `sectors`. */
  lots?: { number: number; title?: string; sectors?: string[]; estimatedValueEuros?: number }[];
  sectors?: string[];
}

export async function createTender(db: DB, input: TestTenderInput): Promise<number> {
  const { id } = await db
    .insertInto('tenders')
    .values({
      buyer_organisation_id: input.buyerOrganisationId,
      kind: 'appel-d-offres',
      status: input.status ?? 'published',
      title: input.title ?? 'Appel d’offres de test',
      method: 'open',
      category: 'services',
      place_kind: input.placeKind ?? 'commune',
      place_code: input.placeCode === undefined ? '69123' : input.placeCode,
      reservation: input.reservation ?? 'none',
      submission_deadline: input.submissionDeadline ?? '2099-01-20T11:00:00.000Z',
      created_at: NOW,
      updated_at: NOW,
      published_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.sectors?.length)
    await db
      .insertInto('tender_sectors')
      .values(input.sectors.map((sector_code) => ({ tender_id: id, sector_code })))
      .execute();
  for (const lot of input.lots ?? []) {
    const { id: lotId } = await db
      .insertInto('tender_lots')
      .values({
        tender_id: id,
        number: lot.number,
        title: lot.title ?? `Lot ${lot.number}`,
        estimated_value_euros: lot.estimatedValueEuros ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (lot.sectors?.length)
      await db
        .insertInto('tender_lot_sectors')
        .values(lot.sectors.map((sector_code) => ({ lot_id: lotId, sector_code })))
        .execute();
  }
  return id;
}

export interface TestBidInput {
  tenderId: number;
  kind?: BidKind;
  name?: string;
  status?: BidStatus;
  members: { supplierId: number; role: MemberRole; acceptance: MemberAcceptance }[];
  lots?: { lotNumber: number; priceCents: number | null }[];
}

export async function createBid(db: DB, input: TestBidInput): Promise<number> {
  const { id } = await db
    .insertInto('bids')
    .values({
      tender_id: input.tenderId,
      kind: input.kind ?? (input.members.length > 1 ? 'groupement' : 'seul'),
      name: input.name ?? 'Réponse de test',
      form: input.kind === 'seul' || input.members.length <= 1 ? null : 'conjoint',
      status: input.status ?? 'forming',
      submitted_at: input.status === 'submitted' ? NOW : null,
      created_at: NOW,
      updated_at: NOW,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.members.length > 0)
    await db
      .insertInto('bid_members')
      .values(
        input.members.map((m) => ({
          bid_id: id,
          supplier_id: m.supplierId,
          role: m.role,
          acceptance: m.acceptance,
          invited_at: NOW,
          responded_at: m.acceptance === 'pending' ? null : NOW,
        })),
      )
      .execute();
  if (input.lots?.length)
    await db
      .insertInto('bid_lots')
      .values(input.lots.map((l) => ({ bid_id: id, lot_number: l.lotNumber, price_cents: l.priceCents })))
      .execute();
  return id;
}

export async function setBidStatus(db: DB, bidId: number, status: BidStatus): Promise<void> {
  await db
    .updateTable('bids')
    .set({ status, submitted_at: status === 'submitted' ? NOW : null })
    .where('id', '=', bidId)
    .execute();
}

/** Replaces a supplier's sectors (the suggestions read them). */
export async function setSupplierSectors(db: DB, supplierId: number, sectors: string[]): Promise<void> {
  await db.deleteFrom('supplier_sectors').where('supplier_id', '=', supplierId).execute();
  if (sectors.length > 0)
    await db
      .insertInto('supplier_sectors')
      .values(sectors.map((sector_code) => ({ supplier_id: supplierId, sector_code })))
      .execute();
}

/** The number of rows of a bid in one of the workspace's tables. */
export async function countBidRows(
  db: DB,
  table: 'bid_allocations' | 'bid_subcontractors' | 'bid_checklist_items' | 'bid_messages' | 'bid_activity',
  bidId: number,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('bid_id', '=', bidId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
