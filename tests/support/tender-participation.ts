import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import type { DB } from '../../db/connection';
import type { TenderStatus } from '../../app/domain/tenders/tender';
import { siretFor } from './ocds';
import { addMember, buyerOrganisation, createUser, insertSupplierOrganisation, type TestUser } from './organisations';

// Tenders, bids and outcomes written straight into the tables for the tests of questions, partner searches and
// the OCDS routes (decisions 260–262): the pages that create them are tested on their own.

const DAY = 86_400_000;
export const inDays = (n: number, from = Date.now()) => new Date(from + n * DAY).toISOString();

export interface TenderOptions {
  status?: TenderStatus;
  kind?: 'devis' | 'sourcing' | 'appel-d-offres';
  title?: string;
  lots?: { title: string; value?: number | null; sectors?: string[] }[];
  sectors?: string[];
  publishedAt?: string | null;
  questionsDeadline?: string | null;
  submissionDeadline?: string | null;
  awardedAt?: string | null;
  cancelledAt?: string | null;
  allowDualBidding?: boolean;
}

export async function insertTender(db: DB, buyerOrganisationId: number, options: TenderOptions = {}): Promise<number> {
  const now = new Date().toISOString();
  const status = options.status ?? 'published';
  const { id } = await db
    .insertInto('tenders')
    .values({
      buyer_organisation_id: buyerOrganisationId,
      kind: options.kind ?? 'appel-d-offres',
      status,
      title: options.title ?? 'Entretien des espaces verts',
      description: 'Tonte, taille et ramassage sur les parcs municipaux.',
      method: 'open',
      category: 'services',
      place_kind: 'departement',
      place_code: '69',
      estimated_value_euros: 120_000,
      reservation: 'none',
      questions_deadline: options.questionsDeadline === undefined ? inDays(10) : options.questionsDeadline,
      submission_deadline: options.submissionDeadline === undefined ? inDays(20) : options.submissionDeadline,
      contract_duration_months: 12,
      allow_dual_bidding: options.allowDualBidding ? 1 : 0,
      contact_name: 'Service achats',
      contact_email: 'achats@ville.fr',
      created_at: now,
      updated_at: now,
      published_at:
        options.publishedAt !== undefined
          ? options.publishedAt
          : status === 'draft' || status === 'submitted'
            ? null
            : inDays(-5),
      awarded_at: options.awardedAt ?? null,
      cancelled_at: options.cancelledAt ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('tender_cpv_codes').values({ tender_id: id, code: '77310000-6', position: 0 }).execute();
  for (const code of options.sectors ?? [])
    await db.insertInto('tender_sectors').values({ tender_id: id, sector_code: code }).execute();
  let number = 0;
  for (const lot of options.lots ?? []) {
    number += 1;
    const row = await db
      .insertInto('tender_lots')
      .values({ tender_id: id, number, title: lot.title, estimated_value_euros: lot.value ?? null })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const code of lot.sectors ?? [])
      await db.insertInto('tender_lot_sectors').values({ lot_id: row.id, sector_code: code }).execute();
  }
  return id;
}

/** A buyer organisation with a valid SIRET and its owner. */
export async function buyerWithOwner(db: DB, seed: number, name = 'Ville de Lyon') {
  const owner = await createUser(db);
  const orgId = await buyerOrganisation(db, name);
  await db
    .updateTable('organisations')
    .set({ siret: siretFor(seed) })
    .where('id', '=', orgId)
    .execute();
  await addMember(db, orgId, owner.id, 'owner');
  return { owner, orgId };
}

/** A supplier organisation with one member (owner unless said), signed in. */
export async function supplierWithMember(
  db: DB,
  role: 'owner' | 'editor' = 'owner',
  options: { verified?: boolean } = {},
) {
  const user: TestUser = await createUser(db, { verified: options.verified ?? true });
  const org = await insertSupplierOrganisation(db, {
    members: [{ userId: user.id, role }],
    publicationStatus: 'published',
  });
  return { user, ...org };
}

export async function setInterest(
  db: DB,
  tenderId: number,
  supplierId: number,
  interest: 'interested' | 'not-interested',
) {
  await db
    .insertInto('tender_interests')
    .values({ tender_id: tenderId, supplier_id: supplierId, interest, updated_at: new Date().toISOString() })
    .execute();
}

export interface BidOptions {
  kind: 'seul' | 'groupement';
  form?: 'conjoint' | 'solidaire' | 'conjoint-mandataire-solidaire' | null;
  status?: 'forming' | 'submitted' | 'withdrawn' | 'dissolved';
  members: { supplierId: number; role: 'mandataire' | 'membre'; acceptance?: 'pending' | 'accepted' | 'declined' }[];
  lots?: { lot: number; priceCents: number | null; decision?: 'none' | 'shortlisted' | 'awarded' | 'rejected' }[];
}

export async function insertBid(db: DB, tenderId: number, options: BidOptions): Promise<number> {
  const now = new Date().toISOString();
  const { id } = await db
    .insertInto('bids')
    .values({
      tender_id: tenderId,
      kind: options.kind,
      name: options.kind === 'seul' ? 'Offre' : 'Groupement',
      form: options.form ?? null,
      status: options.status ?? 'forming',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const m of options.members)
    await db
      .insertInto('bid_members')
      .values({
        bid_id: id,
        supplier_id: m.supplierId,
        role: m.role,
        acceptance: m.acceptance ?? 'accepted',
        invited_at: now,
      })
      .execute();
  for (const l of options.lots ?? [])
    await db
      .insertInto('bid_lots')
      .values({ bid_id: id, lot_number: l.lot, price_cents: l.priceCents, decision: l.decision ?? 'none' })
      .execute();
  return id;
}

export async function insertOutcome(
  db: DB,
  tenderId: number,
  lot: number,
  outcome: 'awarded' | 'unsuccessful',
  decidedAt: string,
) {
  await db
    .insertInto('tender_lot_outcomes')
    .values({ tender_id: tenderId, lot_number: lot, outcome, decided_at: decidedAt })
    .execute();
}

export async function sectorCodes(db: DB, n: number): Promise<string[]> {
  const rows = await db.selectFrom('sectors').select('code').orderBy('code').limit(n).execute();
  return rows.map((r) => r.code);
}

/** Loader arguments (GET) with route parameters and a cookie. */
export function get(path: string, params: Record<string, string>, cookie?: string): LoaderFunctionArgs {
  const request = new Request(`http://localhost${path}`, { headers: cookie ? { Cookie: cookie } : {} });
  return { request, params, context: {} } as unknown as LoaderFunctionArgs;
}

let ip = 0;
/** Action arguments: a urlencoded form (repeated names allowed). */
export function post(
  path: string,
  params: Record<string, string>,
  body: [string, string][],
  cookie?: string,
): ActionFunctionArgs {
  ip += 1;
  const request = new Request(`http://localhost${path}`, {
    method: 'POST',
    body: new URLSearchParams(body),
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(cookie ? { Cookie: cookie } : {}) },
  });
  return { request, params, context: { clientIp: `198.51.120.${ip % 250}` } } as unknown as ActionFunctionArgs;
}

export function countRows(
  db: DB,
  table: 'tender_questions' | 'partner_posts' | 'partner_offers' | 'notifications' | 'mail_outbox',
) {
  return db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n));
}
