import type { Executor } from '../connection';
import { isPublished } from './suppliers';

// The rows of the search documents of published suppliers (search/documents.ts builds the documents): one
// query for the suppliers, joined with their commune and structure kind, and one per child table, whatever
// the number of suppliers, so a full reindex of 100,000 suppliers costs a few hundred queries, not a million.

/**
 * The rows of those of these suppliers that are published, each list in supplier id order. Give at most
 * IN_LIST_CHUNK ids (db/batch.ts).
 */
export async function loadSupplierDocumentRows(db: Executor, ids: readonly number[]) {
  const suppliers = await db
    .selectFrom('suppliers as s')
    .innerJoin('communes as c', 'c.code', 's.commune_code')
    .innerJoin('structure_kinds as k', 'k.code', 's.structure_kind')
    .select([
      's.id',
      's.slug',
      's.siret',
      's.name',
      's.trade_name',
      's.structure_kind',
      'k.name as structure_kind_name',
      's.description',
      's.postcode',
      's.commune_code',
      'c.name as commune_name',
      'c.postcodes as commune_postcodes',
      'c.departement_code',
      'c.region_code',
      'c.latitude',
      'c.longitude',
      's.charter_status',
    ])
    .where('s.id', 'in', ids)
    .where(isPublished('s'))
    .orderBy('s.id')
    .execute();
  if (suppliers.length === 0) return { suppliers, offers: [], sectors: [], labels: [], areas: [] };
  const published = suppliers.map((s) => s.id);

  const [offers, sectors, labels, areas] = await Promise.all([
    db
      .selectFrom('supplier_offers')
      .select(['supplier_id', 'name', 'description'])
      .where('supplier_id', 'in', published)
      .orderBy('supplier_id')
      .orderBy('position')
      .execute(),
    db
      .selectFrom('supplier_sectors as ss')
      .innerJoin('sectors as sec', 'sec.code', 'ss.sector_code')
      .select(['ss.supplier_id', 'ss.sector_code as code', 'sec.name'])
      .where('ss.supplier_id', 'in', published)
      .orderBy('ss.supplier_id')
      .orderBy('sec.position')
      .orderBy('sec.code')
      .execute(),
    db
      .selectFrom('supplier_labels as sl')
      .innerJoin('labels as l', 'l.code', 'sl.label_code')
      .select(['sl.supplier_id', 'sl.label_code as code', 'l.name'])
      .where('sl.supplier_id', 'in', published)
      .orderBy('sl.supplier_id')
      .orderBy('l.position')
      .orderBy('l.code')
      .execute(),
    db
      .selectFrom('supplier_service_areas')
      .select(['supplier_id', 'kind', 'code', 'radius_km'])
      .where('supplier_id', 'in', published)
      .orderBy('supplier_id')
      .orderBy('id')
      .execute(),
  ]);
  return { suppliers, offers, sectors, labels, areas };
}
