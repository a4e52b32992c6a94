import { syncChecklist } from '../../app/services/bids/checklist.server';
import type { DB } from '../../db/connection';
import { insertTender } from '../../db/repositories/tenders';
import type { TenderDraft } from '../../app/domain/tenders/form';
import type { NeedKind } from '../../app/domain/tenders/tender';
import { addMember, buyerOrganisation, createUser, insertSupplierOrganisation, type TestUser } from './organisations';

// Tenders, suppliers and bid rows for the bids tests (decisions 240–242), written straight into the tables: a
// published tender with its lots, a published supplier with an owner signed in, a checklist done with documents
// (the documents page is tested on its own).

export const FUTURE_DEADLINE = '2099-01-20T11:00:00.000Z';

export interface TenderOptions {
  kind?: NeedKind;
  lots?: number;
  allowDualBidding?: boolean;
  deadline?: string;
  status?: 'published' | 'draft' | 'closed';
}

export async function publishedTender(db: DB, options: TenderOptions = {}) {
  const buyerOrgId = await buyerOrganisation(db, 'Ville de Lyon');
  const buyer = await createUser(db);
  await addMember(db, buyerOrgId, buyer.id, 'owner');
  const lots = Array.from({ length: options.lots ?? 2 }, (_, i) => ({
    number: i + 1,
    title: `Lot ${i + 1} espaces verts`,
    description: '',
    sectors: [],
    estimatedValueEuros: 10_000 * (i + 1),
  }));
  const draft: TenderDraft = {
    title: 'Entretien des parcs',
    description: 'Tonte et taille.',
    kind: options.kind ?? 'appel-d-offres',
    method: 'open',
    category: 'services',
    cpvCodes: [],
    sectors: [],
    placeKind: 'national',
    placeCode: null,
    estimatedValueEuros: 30_000,
    lots: options.lots === 0 ? [] : lots,
    reservation: 'none',
    socialClauseHours: null,
    questionsDeadline: null,
    submissionDeadline: options.deadline ?? FUTURE_DEADLINE,
    contractDurationMonths: 12,
    allowDualBidding: options.allowDualBidding ?? false,
    contactName: 'Achats',
    contactEmail: 'achats@ville.fr',
    contactPhone: '',
  };
  const id = await insertTender(db, { organisationId: buyerOrgId, userId: buyer.id, draft, now: new Date() });
  await db
    .updateTable('tenders')
    .set({ status: options.status ?? 'published', published_at: '2026-11-01T00:00:00.000Z' })
    .where('id', '=', id)
    .execute();
  return { tenderId: id, buyerOrgId, buyer };
}

export interface TestSupplier {
  user: TestUser;
  supplierId: number;
  organisationId: number;
  name: string;
}

/** A published supplier whose organisation has `user` as owner (a new signed-in account unless given). */
export async function supplierWithOwner(db: DB, user?: TestUser, name?: string): Promise<TestSupplier> {
  const owner = user ?? (await createUser(db));
  const org = await insertSupplierOrganisation(db, {
    name,
    publicationStatus: 'published',
    members: [{ userId: owner.id, role: 'owner' }],
  });
  return { user: owner, supplierId: org.supplierId, organisationId: org.organisationId, name: org.name };
}

/**
 * The bid's real checklist (generated from its members and subcontractors, decision 246), every item done with a
 * document unless `except` says otherwise for its key.
 */
export async function checklist(
  db: DB,
  bidId: number,
  except: Record<string, { status?: 'todo' | 'in-progress' | 'done'; withFile?: boolean }> = {},
) {
  const now = new Date().toISOString();
  await syncChecklist(db, bidId, new Date());
  const items = await db.selectFrom('bid_checklist_items').select(['id', 'key']).where('bid_id', '=', bidId).execute();
  for (const item of items) {
    const wanted = except[item.key] ?? {};
    let fileId: string | null = null;
    if (wanted.withFile ?? true) {
      fileId = `${bidId}f${item.id}`.padEnd(32, '0').slice(0, 32);
      await db
        .insertInto('stored_files')
        .values({
          id: fileId,
          purpose: 'bid-document',
          content_type: 'application/pdf',
          byte_size: 10,
          sha256: '0'.repeat(64),
          created_at: now,
        })
        .execute();
    }
    await db
      .updateTable('bid_checklist_items')
      .set({ status: wanted.status ?? 'done', file_id: fileId, updated_at: now })
      .where('id', '=', item.id)
      .execute();
  }
}

/** The allocation rows of a groupement: each lot to the suppliers with the shares given (basis points). */
export async function allocate(db: DB, bidId: number, rows: { lot: number; supplierId: number; bp: number }[]) {
  await db.deleteFrom('bid_allocations').where('bid_id', '=', bidId).execute();
  await db
    .insertInto('bid_allocations')
    .values(rows.map((r) => ({ bid_id: bidId, lot_number: r.lot, supplier_id: r.supplierId, share_bp: r.bp })))
    .execute();
}

export function bidRows(db: DB, tenderId: number) {
  return db.selectFrom('bids').selectAll().where('tender_id', '=', tenderId).orderBy('id').execute();
}

export function activityOf(db: DB, bidId: number) {
  return db.selectFrom('bid_activity').select(['action', 'detail']).where('bid_id', '=', bidId).orderBy('id').execute();
}
