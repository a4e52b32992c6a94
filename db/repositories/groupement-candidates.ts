import type { Executor } from '../connection';
import { isPublished } from './suppliers';

// Candidate partners for a groupement's suggestions (issue 7 §3), pre-filtered in SQL: published suppliers
// with at least one of the given sectors and a service area that may reach the place's département (national,
// its région, the département, a commune of it, or a radius around a commune of it). The exact coverage of the
// place and the distance are decided by the caller (docs/decisions/212-partner-suggestions.md).

export interface CandidateRow {
  id: number;
  name: string;
  structureKind: string;
  charterStatus: string;
  communeCode: string;
  lat: number;
  lon: number;
  /** The given sectors the supplier covers. */
  sectors: string[];
  areas: { kind: string; code: string | null; radiusKm: number | null; departementCode: string | null }[];
}

const CHUNK = 500;

export async function listGroupementCandidates(
  db: Executor,
  place: { departementCode: string; regionCode: string },
  sectors: string[],
): Promise<CandidateRow[]> {
  if (sectors.length === 0) return [];
  const suppliers = await db
    .selectFrom('suppliers as s')
    .innerJoin('communes as c', 'c.code', 's.commune_code')
    .select(['s.id', 's.name', 's.structure_kind', 's.charter_status', 's.commune_code', 'c.latitude', 'c.longitude'])
    .where(isPublished('s'))
    // Driven by the sector index: only the suppliers of the lots' sectors are read, not every published one.
    .where('s.id', 'in', (eb) =>
      eb.selectFrom('supplier_sectors as ss').select('ss.supplier_id').where('ss.sector_code', 'in', sectors),
    )
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('supplier_service_areas as a')
          .leftJoin('communes as ac', (join) => join.onRef('ac.code', '=', 'a.code').on('a.kind', '=', 'commune'))
          .select('a.supplier_id')
          .whereRef('a.supplier_id', '=', 's.id')
          .where(({ eb, or, and }) =>
            or([
              eb('a.kind', '=', 'national'),
              and([eb('a.kind', '=', 'region'), eb('a.code', '=', place.regionCode)]),
              and([eb('a.kind', '=', 'departement'), eb('a.code', '=', place.departementCode)]),
              and([eb('a.kind', '=', 'commune'), eb('ac.departement_code', '=', place.departementCode)]),
              and([eb('a.kind', '=', 'radius'), eb('c.departement_code', '=', place.departementCode)]),
            ]),
          ),
      ),
    )
    .orderBy('s.id')
    .execute();

  const rows = new Map<number, CandidateRow>(
    suppliers.map((s) => [
      s.id,
      {
        id: s.id,
        name: s.name,
        structureKind: s.structure_kind,
        charterStatus: s.charter_status,
        communeCode: s.commune_code,
        lat: s.latitude,
        lon: s.longitude,
        sectors: [],
        areas: [],
      },
    ]),
  );
  const ids = [...rows.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    const sectorRows = await db
      .selectFrom('supplier_sectors')
      .select(['supplier_id', 'sector_code'])
      .where('supplier_id', 'in', chunk)
      .where('sector_code', 'in', sectors)
      .execute();
    for (const r of sectorRows) rows.get(r.supplier_id)?.sectors.push(r.sector_code);
    const areaRows = await db
      .selectFrom('supplier_service_areas as a')
      .leftJoin('communes as ac', (join) => join.onRef('ac.code', '=', 'a.code').on('a.kind', '=', 'commune'))
      .select(['a.supplier_id', 'a.kind', 'a.code', 'a.radius_km', 'ac.departement_code'])
      .where('a.supplier_id', 'in', chunk)
      .execute();
    for (const r of areaRows)
      rows.get(r.supplier_id)?.areas.push({
        kind: r.kind,
        code: r.code,
        radiusKm: r.radius_km,
        departementCode: r.departement_code,
      });
  }
  return [...rows.values()];
}
