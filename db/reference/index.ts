import { sql, type Kysely } from 'kysely';
import { REFERENCE_UPSERT_ROWS } from '../batch';
import type { DB, Tx } from '../connection';
import { dialectOf } from '../dialect';
import { CHARTER_CRITERIA } from './charter';
import { buildGeography, type Geography } from './geography';
import { STRUCTURE_KINDS } from './kinds';
import { LABELS } from './labels';
import { SECTOR_GROUPS, SECTORS } from './sectors';

// Loads the reference tables (geography, structure kinds, sectors and their CPV divisions, labels, charter
// criteria). Idempotent: rows are upserted by code and only rewritten when a value differs, so a second run
// changes nothing. Rows that disappeared from the sources are kept (suppliers may still point to them),
// except sector -> CPV division mappings, which are ours alone and follow db/reference/sectors.ts exactly.

type Row = Record<string, string | number>;

/**
 * Inserts the rows, or updates the stored row with the same key when (and only when) a column differs.
 * Dynamic table and column names come from this module, never from user input.
 */
async function upsertRows(trx: Tx, table: string, key: string[], rows: Row[]): Promise<void> {
  if (rows.length === 0) return;
  const untyped = trx as unknown as Kysely<Record<string, Row>>;
  const updated = Object.keys(rows[0]).filter((c) => !key.includes(c));
  // "Differs, nulls included": SQLite says `is not`, PostgreSQL `is distinct from` (docs/decisions/312).
  const differs = dialectOf(trx) === 'postgres' ? sql`is distinct from` : sql`is not`;
  for (let i = 0; i < rows.length; i += REFERENCE_UPSERT_ROWS) {
    const chunk = rows.slice(i, i + REFERENCE_UPSERT_ROWS);
    await untyped
      .insertInto(table)
      .values(chunk)
      .onConflict((oc) => {
        const target = oc.columns(key as never[]);
        if (updated.length === 0) return target.doNothing();
        return target.doUpdateSet(Object.fromEntries(updated.map((c) => [c, sql.ref(`excluded.${c}`)]))).where(
          sql<boolean>`(${sql.join(
            updated.map((c) => sql`${sql.ref(`${table}.${c}`)} ${differs} ${sql.ref(`excluded.${c}`)}`),
            sql` or `,
          )})`,
        );
      })
      .execute();
  }
}

async function loadGeography(trx: Tx, geography: Geography): Promise<void> {
  await upsertRows(trx, 'regions', ['code'], geography.regions);
  await upsertRows(trx, 'departements', ['code'], geography.departements);
  await upsertRows(trx, 'communes', ['code'], geography.communes);
}

async function loadCatalogueReference(trx: Tx): Promise<void> {
  await upsertRows(
    trx,
    'structure_kinds',
    ['code'],
    STRUCTURE_KINDS.map((k, i) => ({
      code: k.code,
      name: k.name,
      short_name: k.shortName,
      family: k.family,
      description: k.description,
      position: i + 1,
    })),
  );
  await upsertRows(
    trx,
    'sector_groups',
    ['code'],
    SECTOR_GROUPS.map((g, i) => ({ code: g.code, name: g.name, position: i + 1 })),
  );
  await upsertRows(
    trx,
    'sectors',
    ['code'],
    SECTOR_GROUPS.flatMap((g) =>
      g.sectors.map((sector, i) => ({ code: sector.code, group_code: g.code, name: sector.name, position: i + 1 })),
    ),
  );
  const mappings = SECTORS.flatMap((sector) =>
    sector.cpvDivisions.map((division) => ({ sector_code: sector.code, cpv_division: division })),
  );
  const wanted = new Set(mappings.map((m) => `${m.sector_code}|${m.cpv_division}`));
  const stored = await trx.selectFrom('sector_cpv_divisions').select(['sector_code', 'cpv_division']).execute();
  for (const row of stored) {
    if (!wanted.has(`${row.sector_code}|${row.cpv_division}`)) {
      await trx
        .deleteFrom('sector_cpv_divisions')
        .where('sector_code', '=', row.sector_code)
        .where('cpv_division', '=', row.cpv_division)
        .execute();
    }
  }
  await upsertRows(trx, 'sector_cpv_divisions', ['sector_code', 'cpv_division'], mappings);
  await upsertRows(
    trx,
    'labels',
    ['code'],
    LABELS.map((l, i) => ({ code: l.code, name: l.name, description: l.description, position: i + 1 })),
  );
  await upsertRows(
    trx,
    'charter_criteria',
    ['code'],
    CHARTER_CRITERIA.map((c) => ({ code: c.code, position: c.position, title: c.title, description: c.description })),
  );
}

/** The tables loadReferenceData fills, for code that must tell reference rows from a site's own (db/copy.ts). */
export const REFERENCE_TABLES: ReadonlySet<string> = new Set([
  'regions',
  'departements',
  'communes',
  'structure_kinds',
  'sector_groups',
  'sectors',
  'sector_cpv_divisions',
  'labels',
  'charter_criteria',
]);

/**
 * Fills every reference table in one transaction. Safe to run at every start: the geography is computed
 * once per process, then compared row by row by SQLite; unchanged rows are not rewritten.
 */
export async function loadReferenceData(db: DB): Promise<void> {
  const geography = buildGeography();
  await db.transaction().execute(async (trx) => {
    await loadGeography(trx, geography);
    await loadCatalogueReference(trx);
  });
}

export interface GeographyReport {
  communes: number;
  located: number;
  /** Share of communes with their own coordinates (not a centroid), between 0 and 1. */
  matchRate: number;
  /** Share of the population living in communes with their own coordinates, between 0 and 1. */
  populationMatchRate: number;
  byCode: number;
  byName: number;
  epciCentroid: number;
  departementCentroid: number;
}

/** How the commune coordinates were obtained (GeoNames match rate), for the seed and start scripts to print. */
export function geographyReport(): GeographyReport {
  const { communes, stats } = buildGeography();
  const located = stats.byCode + stats.byName;
  let population = 0;
  let locatedPopulation = 0;
  for (const c of communes) {
    population += c.population;
    if (c.approximate_location === 0) locatedPopulation += c.population;
  }
  return {
    communes: communes.length,
    located,
    matchRate: located / communes.length,
    populationMatchRate: locatedPopulation / population,
    ...stats,
  };
}
