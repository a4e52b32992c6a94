import type { BuyerSize, BuyerType, MembershipRole, OrganisationKind } from '../../app/domain/organisation';
import type { PublicationStatus } from '../../app/domain/supplier';
import type { CharterStatus } from '../../app/domain/charter';
import type { Executor } from '../connection';
import type { Organisation } from '../schema';

// Organisations (decision 120): supplier organisations (one catalogue supplier each) and buyer organisations,
// and the supplier reads that joining by SIRET needs. Functions take the database or a transaction first.

export interface NewOrganisation {
  kind: OrganisationKind;
  name: string;
  supplierId: number | null;
  siret: string | null;
  buyerType: BuyerType | null;
  buyerSize: BuyerSize | null;
  now: string;
}

export async function insertOrganisation(db: Executor, org: NewOrganisation): Promise<number> {
  const row = await db
    .insertInto('organisations')
    .values({
      kind: org.kind,
      name: org.name,
      supplier_id: org.supplierId,
      siret: org.siret,
      buyer_type: org.buyerType,
      buyer_size: org.buyerSize,
      created_at: org.now,
      updated_at: org.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A buyer organisation's own details (a supplier's come from its sheet). */
export async function updateBuyerOrganisation(
  db: Executor,
  id: number,
  fields: { name: string; siret: string | null; buyerType: BuyerType; buyerSize: BuyerSize; now: string },
): Promise<void> {
  await db
    .updateTable('organisations')
    .set({
      name: fields.name,
      siret: fields.siret,
      buyer_type: fields.buyerType,
      buyer_size: fields.buyerSize,
      updated_at: fields.now,
    })
    .where('id', '=', id)
    .where('kind', '=', 'buyer')
    .execute();
}

export function findOrganisationById(db: Executor, id: number): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findOrganisationBySupplierId(db: Executor, supplierId: number): Promise<Organisation | undefined> {
  return db.selectFrom('organisations').selectAll().where('supplier_id', '=', supplierId).executeTakeFirst();
}

/**
 * The buyer organisation with members declared with this SIRET (a supplier's SIRET is its supplier's, see
 * findSupplierBySiret); one left without members does not count.
 */
export function findBuyerOrganisationBySiret(db: Executor, siret: string): Promise<Organisation | undefined> {
  return db
    .selectFrom('organisations')
    .selectAll()
    .where('kind', '=', 'buyer')
    .where('siret', '=', siret)
    .where((eb) =>
      eb.exists(eb.selectFrom('memberships').select('user_id').whereRef('organisation_id', '=', 'organisations.id')),
    )
    .executeTakeFirst();
}

/** What joining by SIRET and the organisation pages need to know of a catalogue supplier. */
export interface SupplierSummary {
  id: number;
  slug: string;
  siret: string;
  name: string;
  publicationStatus: PublicationStatus;
  charterStatus: CharterStatus;
}

const SUPPLIER_SUMMARY = ['id', 'slug', 'siret', 'name', 'publication_status', 'charter_status'] as const;

function toSupplierSummary(row: {
  id: number;
  slug: string;
  siret: string;
  name: string;
  publication_status: PublicationStatus;
  charter_status: CharterStatus;
}): SupplierSummary {
  return {
    id: row.id,
    slug: row.slug,
    siret: row.siret,
    name: row.name,
    publicationStatus: row.publication_status,
    charterStatus: row.charter_status,
  };
}

/** The catalogue supplier with this (normalised) SIRET, published or not. */
export async function findSupplierBySiret(db: Executor, siret: string): Promise<SupplierSummary | undefined> {
  const row = await db.selectFrom('suppliers').select(SUPPLIER_SUMMARY).where('siret', '=', siret).executeTakeFirst();
  return row ? toSupplierSummary(row) : undefined;
}

export async function findSupplierSummary(db: Executor, supplierId: number): Promise<SupplierSummary | undefined> {
  const row = await db.selectFrom('suppliers').select(SUPPLIER_SUMMARY).where('id', '=', supplierId).executeTakeFirst();
  return row ? toSupplierSummary(row) : undefined;
}

/** One organisation of a user, as the « Mes organisations » page lists it. */
export interface OrganisationOfUser {
  id: number;
  name: string;
  kind: OrganisationKind;
  role: MembershipRole;
  supplier: { slug: string; publicationStatus: PublicationStatus; charterStatus: CharterStatus } | null;
}

export async function listOrganisationsOfUser(db: Executor, userId: number): Promise<OrganisationOfUser[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .leftJoin('suppliers as s', 's.id', 'o.supplier_id')
    // A supplier organisation shows its supplier's current name (the sheet editor may change it).
    .select((eb) => [
      'o.id',
      eb.fn.coalesce('s.name', 'o.name').as('name'),
      'o.kind',
      'm.role',
      's.slug',
      's.publication_status',
      's.charter_status',
    ])
    .where('m.user_id', '=', userId)
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    role: r.role,
    supplier:
      r.slug !== null && r.publication_status !== null && r.charter_status !== null
        ? { slug: r.slug, publicationStatus: r.publication_status, charterStatus: r.charter_status }
        : null,
  }));
}
