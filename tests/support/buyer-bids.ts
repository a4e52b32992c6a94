import type { DB } from '../../db/connection';
import { supplierWithOwner } from './bid-scenarios';
import { addMember, buyerOrganisation, createUser, type TestUser } from './organisations';

// Tenders and bids written straight into the tables for the buyer's side (decisions 255–258): the bidders'
// workspace (helpers A and B) is tested on its own; here a published tender with its lots, and submitted bids
// (alone or in a groupement) with members, lots, prices, allocation and a document.

export const PAST = '2026-11-20T12:00:00.000Z';
export const FUTURE = '2099-01-20T12:00:00.000Z';

export interface Buyer {
  owner: TestUser;
  editor: TestUser;
  orgId: number;
}

export async function buyerWithMembers(db: DB, name = 'Ville de Lyon'): Promise<Buyer> {
  const owner = await createUser(db);
  const editor = await createUser(db);
  const orgId = await buyerOrganisation(db, name);
  await addMember(db, orgId, owner.id, 'owner');
  await addMember(db, orgId, editor.id, 'editor');
  return { owner, editor, orgId };
}

/** A tender in `status` with `lots` explicit lots (0: the implicit lot) and the given deadline. */
export async function insertTender(
  db: DB,
  input: {
    orgId: number;
    status?: 'draft' | 'submitted' | 'published' | 'closed' | 'awarded' | 'cancelled';
    lots?: number;
    deadline?: string;
    title?: string;
  },
): Promise<number> {
  const status = input.status ?? 'published';
  const published = status !== 'draft' && status !== 'submitted';
  const { id } = await db
    .insertInto('tenders')
    .values({
      buyer_organisation_id: input.orgId,
      kind: 'appel-d-offres',
      status,
      title: input.title ?? 'Entretien des espaces verts',
      description: 'Tonte et taille des haies.',
      submission_deadline: input.deadline ?? PAST,
      contact_name: 'Service achats',
      contact_email: 'achats@ville.fr',
      created_at: '2026-11-01T09:00:00.000Z',
      updated_at: '2026-11-01T09:00:00.000Z',
      published_at: published ? '2026-11-02T09:00:00.000Z' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let n = 1; n <= (input.lots ?? 0); n += 1)
    await db
      .insertInto('tender_lots')
      .values({ tender_id: id, number: n, title: `Lot numéro ${n}`, estimated_value_euros: 10000 * n })
      .execute();
  return id;
}

export interface Bidder {
  owner: TestUser;
  supplierId: number;
  organisationId: number;
  name: string;
}

/** A published supplier with its owner signed in, written by bid-scenarios.ts's `supplierWithOwner`. */
export async function bidder(db: DB, name?: string): Promise<Bidder> {
  const { user, supplierId, organisationId, name: written } = await supplierWithOwner(db, undefined, name);
  return { owner: user, supplierId, organisationId, name: written };
}

/**
 * A bid on the tender: the first member is the mandataire (or the supplier alone); `lots` with their price in
 * cents; shares split evenly between the members; one checklist item with a file for the documents list.
 */
export async function insertBid(
  db: DB,
  input: {
    tenderId: number;
    members: Bidder[];
    lots: { lot: number; priceCents: number }[];
    status?: 'forming' | 'submitted' | 'withdrawn';
    name?: string;
  },
): Promise<number> {
  const now = '2026-11-10T09:00:00.000Z';
  const groupement = input.members.length > 1;
  const status = input.status ?? 'submitted';
  const { id } = await db
    .insertInto('bids')
    .values({
      tender_id: input.tenderId,
      kind: groupement ? 'groupement' : 'seul',
      name: input.name ?? (groupement ? `Groupement ${input.members[0].name}` : input.members[0].name),
      form: groupement ? 'conjoint' : null,
      status,
      submitted_at: status === 'submitted' ? now : null,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, member] of input.members.entries())
    await db
      .insertInto('bid_members')
      .values({
        bid_id: id,
        supplier_id: member.supplierId,
        role: index === 0 ? 'mandataire' : 'membre',
        acceptance: 'accepted',
        invited_at: now,
        responded_at: now,
      })
      .execute();
  for (const lot of input.lots) {
    await db.insertInto('bid_lots').values({ bid_id: id, lot_number: lot.lot, price_cents: lot.priceCents }).execute();
    const share = Math.floor(10_000 / input.members.length);
    for (const [index, member] of input.members.entries())
      await db
        .insertInto('bid_allocations')
        .values({
          bid_id: id,
          lot_number: lot.lot,
          supplier_id: member.supplierId,
          share_bp: index === 0 ? 10_000 - share * (input.members.length - 1) : share,
          tasks: 'Entretien',
        })
        .execute();
  }
  const fileId = `${String(id).padStart(8, '0')}${'b'.repeat(24)}`;
  await db
    .insertInto('stored_files')
    .values({
      id: fileId,
      purpose: 'bid-document',
      content_type: 'application/pdf',
      byte_size: 10,
      sha256: 'x',
      original_name: 'memoire.pdf',
      organisation_id: input.members[0].organisationId,
      uploaded_by_user_id: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('bid_checklist_items')
    .values({
      bid_id: id,
      key: 'memoire',
      kind: 'memoire-technique',
      label: 'Mémoire technique',
      status: 'done',
      file_id: fileId,
      updated_at: now,
    })
    .execute();
  return id;
}

export function notificationsOf(db: DB, organisationId: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
}

export function bidLot(db: DB, bidId: number, lot: number) {
  return db
    .selectFrom('bid_lots')
    .selectAll()
    .where('bid_id', '=', bidId)
    .where('lot_number', '=', lot)
    .executeTakeFirstOrThrow();
}

export async function tenderRow(db: DB, id: number) {
  return db.selectFrom('tenders').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** Rows in the tables a decision writes, to check that a refusal wrote nothing. */
export async function writeCounts(db: DB) {
  const n = async (table: 'audit_log' | 'notifications' | 'mail_outbox' | 'tender_lot_outcomes') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const decided = await db
    .selectFrom('bid_lots')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('decision', '!=', 'none')
    .executeTakeFirstOrThrow();
  return {
    audit: await n('audit_log'),
    notifications: await n('notifications'),
    mails: await n('mail_outbox'),
    outcomes: await n('tender_lot_outcomes'),
    decided: Number(decided.n),
  };
}
