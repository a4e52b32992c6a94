import type { Executor } from '../db/connection';
import type { SupplierDocument } from './types';

// Builds the search documents of published suppliers from the database, a batch at a time: one query
// for the suppliers (joined with their commune and structure kind) and one per child table, whatever
// the batch size, so a full reindex of 100,000 suppliers costs a few hundred queries, not a million.

/** SQLite binds at most 32,766 parameters; stay far below and keep each IN list cheap. */
const IN_CHUNK = 900;

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function groupBy<R extends { supplier_id: number }>(rows: R[]): Map<number, R[]> {
  const map = new Map<number, R[]>();
  for (const row of rows) {
    const list = map.get(row.supplier_id);
    if (list) list.push(row);
    else map.set(row.supplier_id, [row]);
  }
  return map;
}

async function loadChunk(db: Executor, ids: number[]): Promise<SupplierDocument[]> {
  if (ids.length === 0) return [];
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
    .where('s.publication_status', '=', 'published')
    .orderBy('s.id')
    .execute();
  if (suppliers.length === 0) return [];
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
  const offersBy = groupBy(offers);
  const sectorsBy = groupBy(sectors);
  const labelsBy = groupBy(labels);
  const areasBy = groupBy(areas);

  return suppliers.map((s): SupplierDocument => {
    const supplierSectors = sectorsBy.get(s.id) ?? [];
    const supplierLabels = labelsBy.get(s.id) ?? [];
    const serviceArea: SupplierDocument['serviceArea'] = {
      national: false,
      regions: [],
      departements: [],
      communes: [],
      radiusKm: null,
    };
    for (const area of areasBy.get(s.id) ?? []) {
      if (area.kind === 'national') serviceArea.national = true;
      else if (area.kind === 'radius') {
        if (area.radius_km !== null && (serviceArea.radiusKm === null || area.radius_km > serviceArea.radiusKm))
          serviceArea.radiusKm = area.radius_km;
      } else if (area.code !== null) {
        const list =
          area.kind === 'region'
            ? serviceArea.regions
            : area.kind === 'departement'
              ? serviceArea.departements
              : serviceArea.communes;
        if (!list.includes(area.code)) list.push(area.code);
      }
    }
    return {
      id: s.id,
      slug: s.slug,
      siret: s.siret,
      name: s.name,
      tradeName: s.trade_name,
      structureKind: s.structure_kind,
      structureKindName: s.structure_kind_name,
      sectors: supplierSectors.map((x) => x.code),
      sectorNames: supplierSectors.map((x) => x.name),
      offers: (offersBy.get(s.id) ?? [])
        .map((o) => (o.description ? `${o.name} : ${o.description}` : o.name))
        .join(' · '),
      description: s.description,
      labels: supplierLabels.map((x) => x.code),
      labelNames: supplierLabels.map((x) => x.name),
      communeCode: s.commune_code,
      communeName: s.commune_name,
      // The supplier's own postcode, else the commune's first one (communes may have several).
      postcode: s.postcode ?? (s.commune_postcodes.split(' ').find((p) => p !== '') || null),
      departement: s.departement_code,
      region: s.region_code,
      lat: s.latitude,
      lon: s.longitude,
      charterStatus: s.charter_status,
      serviceArea,
    };
  });
}

/**
 * The documents of the given suppliers that are published, in id order; every other id (unknown,
 * deleted, draft or suspended supplier) is listed in missingOrUnpublished so the caller removes it
 * from the index.
 */
export async function loadSupplierDocuments(
  db: Executor,
  ids: number[],
): Promise<{ documents: SupplierDocument[]; missingOrUnpublished: number[] }> {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  const documents: SupplierDocument[] = [];
  for (const chunk of chunks(unique, IN_CHUNK)) documents.push(...(await loadChunk(db, chunk)));
  const found = new Set(documents.map((d) => d.id));
  return { documents, missingOrUnpublished: unique.filter((id) => !found.has(id)) };
}

/**
 * Every published supplier's document, in id order, batchSize at a time (keyset pagination on the id,
 * so each batch costs the same whatever its position).
 */
export async function* iteratePublishedDocuments(db: Executor, batchSize = 1000): AsyncGenerator<SupplierDocument[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let afterId = 0;
  for (;;) {
    const rows = await db
      .selectFrom('suppliers')
      .select('id')
      .where('publication_status', '=', 'published')
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return;
    const ids = rows.map((r) => r.id);
    afterId = ids[ids.length - 1];
    const documents: SupplierDocument[] = [];
    for (const chunk of chunks(ids, IN_CHUNK)) documents.push(...(await loadChunk(db, chunk)));
    // A supplier unpublished between the two queries is simply skipped (its outbox row removes it).
    if (documents.length > 0) yield documents;
    if (rows.length < batchSize) return;
  }
}

/** Number of published suppliers, for progress bars. */
export async function countPublishedSuppliers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('suppliers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('publication_status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
