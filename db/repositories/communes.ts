import type { Selectable } from 'kysely';
import { normaliseForSearch } from '../../app/domain/text';
import type { Executor } from '../connection';
import { matchesGlob } from '../dialect';
import { IN_LIST_CHUNK } from '../batch';
import type { CommunesTable } from '../schema';

// Reads of the communes table (about 35,000 rows, so never cached whole by the web: each lookup is indexed).

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
          // The prefix is only digits, A or B (checked above): no GLOB or LIKE metacharacter can reach the pattern.
          matchesGlob(db, 'postcodes', `${prefix}*`),
          matchesGlob(db, 'postcodes', `* ${prefix}*`),
          matchesGlob(db, 'code', `${prefix}*`),
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

/** The code of the most populous commune whose normalised name is exactly this one, or undefined. */
export async function findCommuneCodeByName(db: Executor, searchName: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('communes')
    .select('code')
    .where('search_name', '=', searchName)
    .orderBy('population', 'desc')
    .orderBy('code')
    .limit(1)
    .executeTakeFirst();
  return row?.code;
}

/** Code -> name of these communes (unknown codes are left out). */
export async function listCommuneNames(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < codes.length; i += IN_LIST_CHUNK) {
    const rows = await db
      .selectFrom('communes')
      .select(['code', 'name'])
      .where('code', 'in', codes.slice(i, i + IN_LIST_CHUNK))
      .execute();
    for (const r of rows) names.set(r.code, r.name);
  }
  return names;
}

/** Every commune with what an import row is checked against (code, département, name, postcodes). */
export async function listCommunesForImport(db: Executor) {
  const rows = await db.selectFrom('communes').select(['code', 'departement_code', 'name', 'postcodes']).execute();
  return rows.map((r) => ({
    code: r.code,
    departement: r.departement_code,
    name: r.name,
    postcodes: r.postcodes.split(' '),
  }));
}
