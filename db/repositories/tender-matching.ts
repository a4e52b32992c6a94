import { sql } from 'kysely';
import type { MatchCandidate, MatchPlace, MatchTender } from '../../app/domain/tenders/matching';
import type { PlaceKind, Reservation } from '../../app/domain/tenders/tender';
import type { MatchChannel } from '../../app/domain/tenders/alerts';
import { IN_LIST_CHUNK, MATCH_INSERT_ROWS } from '../batch';
import type { Executor } from '../connection';
import { ascNullsFirst } from '../dialect';
import { isPublished } from './suppliers';

// The matching of published tenders and suppliers (docs/decisions/250-tender-matching.md): the place resolved
// from the reference data, the SQL pre-filter of the candidates (published, one of the tender's sectors, an
// eligible structure kind, a service area that may cover the place), the tenders as the rules see them, and the
// stored matches. The exact rules and the score are app/domain/tenders/matching.ts.

/** Kilometres per degree of latitude; a degree of longitude is at least half that up to 60° of latitude. */
const KM_PER_DEGREE_LAT = 111.19;
const KM_PER_DEGREE_LON_MIN = 55.59;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The place with its codes, name and reference point, or null when its code is unknown. */
export async function resolveMatchPlace(
  db: Executor,
  kind: PlaceKind | null,
  code: string | null,
): Promise<MatchPlace | null> {
  switch (kind) {
    case null:
      return null;
    case 'national':
      return { kind, name: 'France entière' };
    case 'commune': {
      if (code === null) return null;
      const c = await db
        .selectFrom('communes')
        .select(['code', 'name', 'departement_code', 'region_code', 'latitude', 'longitude'])
        .where('code', '=', code)
        .executeTakeFirst();
      return c
        ? {
            kind,
            communeCode: c.code,
            departementCode: c.departement_code,
            regionCode: c.region_code,
            lat: c.latitude,
            lon: c.longitude,
            name: c.name,
          }
        : null;
    }
    case 'departement': {
      if (code === null) return null;
      const d = await db
        .selectFrom('departements')
        .select(['code', 'name', 'region_code', 'latitude', 'longitude'])
        .where('code', '=', code)
        .executeTakeFirst();
      return d
        ? { kind, departementCode: d.code, regionCode: d.region_code, lat: d.latitude, lon: d.longitude, name: d.name }
        : null;
    }
    case 'region': {
      if (code === null) return null;
      const r = await db
        .selectFrom('regions')
        .leftJoin('departements as d', 'd.region_code', 'regions.code')
        .select((eb) => [
          'regions.code',
          'regions.name',
          eb.fn.avg<number | null>('d.latitude').as('lat'),
          eb.fn.avg<number | null>('d.longitude').as('lon'),
        ])
        .where('regions.code', '=', code)
        .groupBy(['regions.code', 'regions.name'])
        .executeTakeFirst();
      if (!r) return null;
      return {
        kind,
        regionCode: r.code,
        name: r.name,
        ...(r.lat !== null && r.lon !== null ? { lat: Number(r.lat), lon: Number(r.lon) } : {}),
      };
    }
  }
}

export interface CandidateRow extends MatchCandidate {
  name: string;
}

/**
 * Published suppliers with one of `sectors`, a structure kind among `kinds` (null: any) and a service area that
 * may cover the place: national, the place's région, département or commune, or a radius whose bounding box
 * holds the place's reference point. Driven by the sector index (decision 213). Each row carries the supplier's
 * sectors among `sectors` and all its areas; the exact rules are the domain's.
 */
export async function listMatchCandidates(
  db: Executor,
  place: MatchPlace,
  sectors: readonly string[],
  kinds: readonly string[] | null,
): Promise<CandidateRow[]> {
  if (sectors.length === 0 || (kinds !== null && kinds.length === 0)) return [];
  let query = db
    .selectFrom('suppliers as s')
    .leftJoin('communes as c', 'c.code', 's.commune_code')
    .select(['s.id', 's.name', 's.structure_kind', 's.charter_status', 'c.latitude', 'c.longitude'])
    .where(isPublished('s'))
    .where('s.id', 'in', (eb) =>
      eb
        .selectFrom('supplier_sectors as ss')
        .select('ss.supplier_id')
        .where('ss.sector_code', 'in', [...sectors]),
    );
  if (kinds !== null) query = query.where('s.structure_kind', 'in', [...kinds]);
  const rows = await query
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('supplier_service_areas as a')
          .select('a.supplier_id')
          .whereRef('a.supplier_id', '=', 's.id')
          .where(({ eb, or, and }) => {
            const covering = [eb('a.kind', '=', 'national')];
            if (place.regionCode)
              covering.push(and([eb('a.kind', '=', 'region'), eb('a.code', '=', place.regionCode)]));
            if (place.departementCode)
              covering.push(and([eb('a.kind', '=', 'departement'), eb('a.code', '=', place.departementCode)]));
            if (place.communeCode)
              covering.push(and([eb('a.kind', '=', 'commune'), eb('a.code', '=', place.communeCode)]));
            if (place.lat !== undefined && place.lon !== undefined)
              covering.push(
                and([
                  eb('a.kind', '=', 'radius'),
                  eb(
                    sql<number>`abs(${sql.ref('c.latitude')} - ${place.lat}) * ${KM_PER_DEGREE_LAT}`,
                    '<=',
                    eb.ref('a.radius_km'),
                  ),
                  eb(
                    sql<number>`abs(${sql.ref('c.longitude')} - ${place.lon}) * ${KM_PER_DEGREE_LON_MIN}`,
                    '<=',
                    eb.ref('a.radius_km'),
                  ),
                ]),
              );
            return or(covering);
          }),
      ),
    )
    .orderBy('s.id')
    .execute();

  const byId = new Map<number, CandidateRow>(
    rows.map((s) => [
      s.id,
      {
        supplierId: s.id,
        name: s.name,
        structureKind: s.structure_kind,
        charterVerified: s.charter_status === 'verified',
        lat: s.latitude,
        lon: s.longitude,
        sectors: [],
        areas: [],
      },
    ]),
  );
  for (const chunk of chunks([...byId.keys()], IN_LIST_CHUNK)) {
    const sectorRows = await db
      .selectFrom('supplier_sectors')
      .select(['supplier_id', 'sector_code'])
      .where('supplier_id', 'in', chunk)
      .where('sector_code', 'in', [...sectors])
      .execute();
    for (const r of sectorRows) byId.get(r.supplier_id)?.sectors.push(r.sector_code);
    const areaRows = await db
      .selectFrom('supplier_service_areas')
      .select(['supplier_id', 'kind', 'code', 'radius_km'])
      .where('supplier_id', 'in', chunk)
      .execute();
    for (const r of areaRows)
      byId.get(r.supplier_id)?.areas.push({ kind: r.kind, code: r.code, radiusKm: r.radius_km });
  }
  return [...byId.values()];
}

/** One supplier as the rules see it (its opportunities page), with its publication status; undefined if unknown. */
export async function findMatchCandidate(
  db: Executor,
  supplierId: number,
): Promise<(CandidateRow & { published: boolean }) | undefined> {
  const s = await db
    .selectFrom('suppliers as s')
    .leftJoin('communes as c', 'c.code', 's.commune_code')
    .select([
      's.id',
      's.name',
      's.structure_kind',
      's.charter_status',
      's.publication_status',
      'c.latitude',
      'c.longitude',
    ])
    .where('s.id', '=', supplierId)
    .executeTakeFirst();
  if (!s) return undefined;
  const [sectors, areas] = await Promise.all([
    db.selectFrom('supplier_sectors').select('sector_code').where('supplier_id', '=', supplierId).execute(),
    db
      .selectFrom('supplier_service_areas')
      .select(['kind', 'code', 'radius_km'])
      .where('supplier_id', '=', supplierId)
      .execute(),
  ]);
  return {
    supplierId: s.id,
    name: s.name,
    structureKind: s.structure_kind,
    charterVerified: s.charter_status === 'verified',
    published: s.publication_status === 'published',
    lat: s.latitude,
    lon: s.longitude,
    sectors: sectors.map((r) => r.sector_code),
    areas: areas.map((a) => ({ kind: a.kind, code: a.code, radiusKm: a.radius_km })),
  };
}

/** The French names of sectors, by code. */
export async function sectorNames(db: Executor, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await db
    .selectFrom('sectors')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export interface OpenTender {
  id: number;
  title: string;
  kind: string;
  buyerName: string;
  reservation: Reservation;
  placeKind: PlaceKind | null;
  placeCode: string | null;
  estimatedValueEuros: number | null;
  submissionDeadline: string;
  publishedAt: string | null;
  sectors: string[];
  lots: MatchTender['lots'];
}

/**
 * The open tenders (published, deadline after `now`) with one of `sectors` on the tender or on a lot, with their
 * sectors and lots, the nearest deadline first.
 */
export async function listOpenTendersWithSectors(
  db: Executor,
  sectors: readonly string[],
  now: Date,
): Promise<OpenTender[]> {
  if (sectors.length === 0) return [];
  const rows = await db
    .selectFrom('tenders as t')
    .innerJoin('organisations as o', 'o.id', 't.buyer_organisation_id')
    .select([
      't.id',
      't.title',
      't.kind',
      'o.name as buyer_name',
      't.reservation',
      't.place_kind',
      't.place_code',
      't.estimated_value_euros',
      't.submission_deadline',
      't.published_at',
    ])
    .where('t.status', '=', 'published')
    .where('t.submission_deadline', '>', now.toISOString())
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('tender_sectors as ts')
            .select('ts.tender_id')
            .whereRef('ts.tender_id', '=', 't.id')
            .where('ts.sector_code', 'in', [...sectors]),
        ),
        eb.exists(
          eb
            .selectFrom('tender_lot_sectors as ls')
            .innerJoin('tender_lots as l', 'l.id', 'ls.lot_id')
            .select('l.id')
            .whereRef('l.tender_id', '=', 't.id')
            .where('ls.sector_code', 'in', [...sectors]),
        ),
      ]),
    )
    .orderBy('t.submission_deadline', ascNullsFirst(db))
    .orderBy('t.id')
    .execute();
  return loadTenderChildren(
    db,
    rows.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      buyerName: r.buyer_name,
      reservation: r.reservation,
      placeKind: r.place_kind,
      placeCode: r.place_code,
      estimatedValueEuros: r.estimated_value_euros,
      submissionDeadline: r.submission_deadline ?? '',
      publishedAt: r.published_at,
      sectors: [],
      lots: [],
    })),
  );
}

async function loadTenderChildren(db: Executor, tenders: OpenTender[]): Promise<OpenTender[]> {
  const byId = new Map(tenders.map((t) => [t.id, t]));
  for (const ids of chunks([...byId.keys()], IN_LIST_CHUNK)) {
    const [sectors, lots, lotSectors] = await Promise.all([
      db.selectFrom('tender_sectors').select(['tender_id', 'sector_code']).where('tender_id', 'in', ids).execute(),
      db
        .selectFrom('tender_lots')
        .select(['id', 'tender_id', 'number', 'title'])
        .where('tender_id', 'in', ids)
        .orderBy('number')
        .execute(),
      db
        .selectFrom('tender_lot_sectors as ls')
        .innerJoin('tender_lots as l', 'l.id', 'ls.lot_id')
        .select(['ls.lot_id', 'ls.sector_code'])
        .where('l.tender_id', 'in', ids)
        .execute(),
    ]);
    for (const s of sectors) byId.get(s.tender_id)?.sectors.push(s.sector_code);
    for (const l of lots)
      byId.get(l.tender_id)?.lots.push({
        number: l.number,
        title: l.title,
        sectors: lotSectors.filter((s) => s.lot_id === l.id).map((s) => s.sector_code),
      });
  }
  return tenders;
}

export interface NewTenderMatch {
  supplierId: number;
  rank: number;
  score: number;
  reasons: string[];
  channel: MatchChannel;
  mailedAt: string | null;
}

export async function insertTenderMatches(
  db: Executor,
  tenderId: number,
  matches: readonly NewTenderMatch[],
  now: Date,
): Promise<void> {
  const at = now.toISOString();
  for (const chunk of chunks(matches, MATCH_INSERT_ROWS)) {
    if (chunk.length === 0) continue;
    await db
      .insertInto('tender_matches')
      .values(
        chunk.map((m) => ({
          tender_id: tenderId,
          supplier_id: m.supplierId,
          rank: m.rank,
          score: m.score,
          reasons: JSON.stringify(m.reasons),
          channel: m.channel,
          mailed_at: m.mailedAt,
          created_at: at,
        })),
      )
      .execute();
  }
}

/** The stored matches of a tender, best first (tests, and later the buyer's view). */
export async function listTenderMatches(db: Executor, tenderId: number) {
  const rows = await db
    .selectFrom('tender_matches')
    .selectAll()
    .where('tender_id', '=', tenderId)
    .orderBy('rank')
    .execute();
  return rows.map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as string[] }));
}
