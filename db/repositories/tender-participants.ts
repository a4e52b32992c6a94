import type { Executor } from '../connection';

// The supplier organisations that act on a tender (decisions 260, 261): the ones a person may act for, one by
// its id, and the ones interested in a tender (tender_interests, written by the « Opportunités » page).

export interface SupplierOrganisationRef {
  organisationId: number;
  supplierId: number;
  /** The supplier's current name. */
  name: string;
}

/** The supplier organisations the user belongs to (owner or editor), by name. */
export async function listSupplierOrganisationsOfUser(
  db: Executor,
  userId: number,
): Promise<SupplierOrganisationRef[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select(['o.id', 's.id as supplierId', 's.name'])
    .where('m.user_id', '=', userId)
    .where('o.kind', '=', 'supplier')
    .orderBy('s.name')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({ organisationId: r.id, supplierId: r.supplierId, name: r.name }));
}

/** A supplier organisation by its id, or undefined (unknown, or a buyer organisation). */
export async function findSupplierOrganisation(
  db: Executor,
  organisationId: number,
): Promise<SupplierOrganisationRef | undefined> {
  const row = await db
    .selectFrom('organisations as o')
    .innerJoin('suppliers as s', 's.id', 'o.supplier_id')
    .select(['o.id', 's.id as supplierId', 's.name'])
    .where('o.id', '=', organisationId)
    .where('o.kind', '=', 'supplier')
    .executeTakeFirst();
  return row ? { organisationId: row.id, supplierId: row.supplierId, name: row.name } : undefined;
}

/** The organisation of a supplier, or null when nobody has claimed it. */
export async function organisationOfSupplier(db: Executor, supplierId: number): Promise<number | null> {
  const row = await db
    .selectFrom('organisations')
    .select('id')
    .where('supplier_id', '=', supplierId)
    .where('kind', '=', 'supplier')
    .executeTakeFirst();
  return row?.id ?? null;
}

/** The organisations of the suppliers that marked the tender « interested ». */
export async function listInterestedOrganisationIds(db: Executor, tenderId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('tender_interests as i')
    .innerJoin('organisations as o', 'o.supplier_id', 'i.supplier_id')
    .select('o.id')
    .where('i.tender_id', '=', tenderId)
    .where('i.interest', '=', 'interested')
    .where('o.kind', '=', 'supplier')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => r.id);
}
