import { sql } from 'kysely';
import type { Executor } from '../connection';
import { normaliseForSearch } from '../../app/domain/text';
import type { CommunesTable, StructureKindsTable } from '../schema';
import type { Selectable } from 'kysely';

// Typed read helpers over the reference tables, for the web and import code. Light: no data files here.

export type StructureKind = Selectable<StructureKindsTable>;

export interface SectorGroupWithSectors {
  code: string;
  name: string;
  sectors: { code: string; name: string; cpvDivisions: string[] }[];
}

export interface CommuneSummary {
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  postcodes: string[];
  population: number;
  latitude: number;
  longitude: number;
  approximateLocation: boolean;
}

export function listKinds(db: Executor): Promise<StructureKind[]> {
  return db.selectFrom('structure_kinds').selectAll().orderBy('position').execute();
}

export async function listSectorGroupsWithSectors(db: Executor): Promise<SectorGroupWithSectors[]> {
  const [groups, sectors, divisions] = await Promise.all([
    db.selectFrom('sector_groups').select(['code', 'name']).orderBy('position').execute(),
    db.selectFrom('sectors').select(['code', 'name', 'group_code']).orderBy('group_code').orderBy('position').execute(),
    db
      .selectFrom('sector_cpv_divisions')
      .select(['sector_code', 'cpv_division'])
      .orderBy('sector_code')
      .orderBy('cpv_division')
      .execute(),
  ]);
  const divisionsBySector = new Map<string, string[]>();
  for (const d of divisions)
    divisionsBySector.set(d.sector_code, [...(divisionsBySector.get(d.sector_code) ?? []), d.cpv_division]);
  const sectorsByGroup = new Map<string, SectorGroupWithSectors['sectors']>();
  for (const s of sectors) {
    const list = sectorsByGroup.get(s.group_code) ?? [];
    list.push({ code: s.code, name: s.name, cpvDivisions: divisionsBySector.get(s.code) ?? [] });
    sectorsByGroup.set(s.group_code, list);
  }
  return groups.map((g) => ({ code: g.code, name: g.name, sectors: sectorsByGroup.get(g.code) ?? [] }));
}

export function listLabels(db: Executor) {
  return db.selectFrom('labels').select(['code', 'name', 'description']).orderBy('position').execute();
}

export function listRegions(db: Executor) {
  return db.selectFrom('regions').select(['code', 'name']).orderBy('name').execute();
}

export function listDepartements(db: Executor) {
  return db
    .selectFrom('departements')
    .select(['code', 'name', 'region_code', 'latitude', 'longitude'])
    .orderBy('code')
    .execute();
}

export function listCharterCriteria(db: Executor) {
  return db
    .selectFrom('charter_criteria')
    .select(['code', 'position', 'title', 'description'])
    .orderBy('position')
    .execute();
}

function toSummary(row: Selectable<CommunesTable>): CommuneSummary {
  return {
    code: row.code,
    name: row.name,
    departementCode: row.departement_code,
    regionCode: row.region_code,
    postcodes: row.postcodes === '' ? [] : row.postcodes.split(' '),
    population: row.population,
    latitude: row.latitude,
    longitude: row.longitude,
    approximateLocation: row.approximate_location === 1,
  };
}

/** The commune with this INSEE code, or undefined. */
export async function findCommune(db: Executor, code: string): Promise<CommuneSummary | undefined> {
  const row = await db.selectFrom('communes').selectAll().where('code', '=', code).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

export const MAX_COMMUNE_SUGGESTIONS = 50;

/**
 * Autocomplete: communes whose normalised name starts with the text (accents, case, hyphens and
 * apostrophes ignored), or, when the text is digits, whose INSEE code or one of whose postcodes starts
 * with them. Largest population first. Empty text gives no suggestion.
 */
export async function searchCommunes(db: Executor, text: string, limit = 10): Promise<CommuneSummary[]> {
  const size = Math.max(1, Math.min(MAX_COMMUNE_SUGGESTIONS, Math.trunc(limit) || 1));
  const digits = text.trim().replace(/\s+/g, '');
  if (/^\d[\dAaBb]{0,4}$/.test(digits)) {
    const prefix = digits.toUpperCase();
    const rows = await db
      .selectFrom('communes')
      .selectAll()
      .where((eb) =>
        eb.or([
          // The prefix is only digits, A or B (checked above): no GLOB metacharacter can reach the pattern.
          sql<boolean>`${sql.ref('postcodes')} glob ${`${prefix}*`}`,
          sql<boolean>`${sql.ref('postcodes')} glob ${`* ${prefix}*`}`,
          sql<boolean>`${sql.ref('code')} glob ${`${prefix}*`}`,
        ]),
      )
      .orderBy('population', 'desc')
      .orderBy('code')
      .limit(size)
      .execute();
    return rows.map(toSummary);
  }
  const name = normaliseForSearch(text);
  if (name === '') return [];
  const rows = await db
    .selectFrom('communes')
    .selectAll()
    // A range on the (search_name, population) index rather than LIKE, which could not use it.
    .where('search_name', '>=', name)
    .where('search_name', '<', `${name}\uffff`)
    .orderBy('population', 'desc')
    .orderBy('code')
    .limit(size)
    .execute();
  return rows.map(toSummary);
}
