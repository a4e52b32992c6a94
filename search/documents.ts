import { DOCUMENT_BATCH_SUPPLIERS, IN_LIST_CHUNK } from '../db/batch';
import type { Executor } from '../db/connection';
import { loadSupplierDocumentRows } from '../db/repositories/supplier-documents';
import { countPublishedSuppliers, listPublishedSupplierIds } from '../db/repositories/suppliers';
import type { SupplierDocument } from './types';

// Builds the search documents of published suppliers from their rows (db/repositories/supplier-documents.ts),
// IN_LIST_CHUNK suppliers at a time.

/** Number of published suppliers, for progress bars (scripts/reindex.ts imports it from here). */
export { countPublishedSuppliers };

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
  const { suppliers, offers, sectors, labels, areas } = await loadSupplierDocumentRows(db, ids);
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
  for (const chunk of chunks(unique, IN_LIST_CHUNK)) documents.push(...(await loadChunk(db, chunk)));
  const found = new Set(documents.map((d) => d.id));
  return { documents, missingOrUnpublished: unique.filter((id) => !found.has(id)) };
}

/**
 * Every published supplier's document, in id order, batchSize at a time (keyset pagination on the id,
 * so each batch costs the same whatever its position).
 */
export async function* iteratePublishedDocuments(
  db: Executor,
  batchSize = DOCUMENT_BATCH_SUPPLIERS,
): AsyncGenerator<SupplierDocument[]> {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  let afterId = 0;
  for (;;) {
    const ids = await listPublishedSupplierIds(db, afterId, batchSize);
    if (ids.length === 0) return;
    afterId = ids[ids.length - 1];
    const documents: SupplierDocument[] = [];
    for (const chunk of chunks(ids, IN_LIST_CHUNK)) documents.push(...(await loadChunk(db, chunk)));
    // A supplier unpublished between the two queries is simply skipped (its outbox row removes it).
    if (documents.length > 0) yield documents;
    if (ids.length < batchSize) return;
  }
}
