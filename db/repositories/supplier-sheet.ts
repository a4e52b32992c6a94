import type { Executor } from '../connection';
import { listCommuneNames } from './communes';
import { isPublished } from './suppliers';

// The stored rows of one published supplier's public sheet (app/services/supplier-sheet.server.ts turns them
// into the sheet): the supplier with its commune, then its child rows, each in the order the sheet shows.

/** The published supplier with this id or slug, joined with its commune, or undefined. */
export function findPublishedSupplier(db: Executor, idOrSlug: number | string) {
  const base = db
    .selectFrom('suppliers as s')
    .innerJoin('communes as c', 'c.code', 's.commune_code')
    .selectAll('s')
    .select(['c.name as commune_name', 'c.departement_code', 'c.region_code', 'c.latitude', 'c.longitude'])
    .where(isPublished('s'));
  return (
    typeof idOrSlug === 'number' ? base.where('s.id', '=', idOrSlug) : base.where('s.slug', '=', idOrSlug)
  ).executeTakeFirst();
}

/**
 * The child rows of a supplier's sheet, each in the order the sheet shows: the public sheet lists the references
 * newest first, the editor as they were entered (its form writes them back in that order).
 */
export async function loadSheetChildRows(
  db: Executor,
  supplierId: number,
  referenceOrder: 'newest-first' | 'as-entered',
) {
  let referencesQuery = db
    .selectFrom('supplier_references')
    .select(['client_name', 'year', 'description'])
    .where('supplier_id', '=', supplierId);
  if (referenceOrder === 'newest-first') referencesQuery = referencesQuery.orderBy('year', 'desc');
  const [offers, sectorRows, areas, references, labelRows] = await Promise.all([
    db
      .selectFrom('supplier_offers')
      .select(['name', 'description'])
      .where('supplier_id', '=', supplierId)
      .orderBy('position')
      .execute(),
    db.selectFrom('supplier_sectors').select('sector_code').where('supplier_id', '=', supplierId).execute(),
    db
      .selectFrom('supplier_service_areas')
      .select(['kind', 'code', 'radius_km'])
      .where('supplier_id', '=', supplierId)
      .orderBy('id')
      .execute(),
    referencesQuery.orderBy('id').execute(),
    db.selectFrom('supplier_labels').select('label_code').where('supplier_id', '=', supplierId).execute(),
  ]);
  return {
    offers,
    sectorCodes: sectorRows.map((r) => r.sector_code),
    areas,
    references,
    labelCodes: labelRows.map((r) => r.label_code),
  };
}

/** The child rows of a published supplier's sheet, and the names of the communes its service areas list. */
export async function loadSupplierSheetRows(db: Executor, supplierId: number) {
  const rows = await loadSheetChildRows(db, supplierId, 'newest-first');
  // Commune names of commune areas (not cached: one query for the few this supplier lists).
  const communeCodes = rows.areas.filter((a) => a.kind === 'commune' && a.code !== null).map((a) => a.code as string);
  return { ...rows, communeNames: await listCommuneNames(db, communeCodes) };
}
