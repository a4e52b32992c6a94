import { sql } from 'kysely';
import type { Executor } from '../connection';
import { dialectOf } from '../dialect';
import { isPublished } from './suppliers';

// Read-only samples of a catalogue database for the search benchmark (scripts/lib/bench-*.ts): how many
// suppliers, reference codes, large communes, identifiers, and where the file's bytes go. The orders are fixed,
// so the same seed draws the same queries from the same database.

export async function countSuppliers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('suppliers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export type CodeTable = 'structure_kinds' | 'sectors' | 'departements' | 'regions' | 'labels';

/** The codes of a reference table: structure kinds in display order, the others by code. */
export async function listCodes(db: Executor, table: CodeTable): Promise<string[]> {
  const query = db.selectFrom(table).select('code');
  const rows = await (table === 'structure_kinds' ? query.orderBy('position') : query.orderBy('code')).execute();
  return rows.map((r) => r.code);
}

/** The most populated communes whose coordinates are exact (not a centroid): places to search around. */
export function listLargestLocatedCommunes(db: Executor, limit: number) {
  return db
    .selectFrom('communes')
    .select(['code', 'name', 'departement_code as departement', 'region_code as region', 'latitude as lat'])
    .select('longitude as lon')
    .where('approximate_location', '=', 0)
    .orderBy('population', 'desc')
    .limit(limit)
    .execute();
}

/** SIRETs of the first published suppliers by id. */
export async function listPublishedSirets(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('suppliers')
    .select('siret')
    .where(isPublished())
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.siret);
}

/** Distinct postcodes of suppliers, in order. */
export async function listSupplierPostcodes(db: Executor, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('suppliers')
    .select('postcode')
    .distinct()
    .where('postcode', 'is not', null)
    .orderBy('postcode')
    .limit(limit)
    .execute();
  return rows.map((r) => r.postcode as string);
}

/**
 * Bytes of the search index tables (`search_*`) and of everything else. SQLite only: it reads the `dbstat`
 * virtual table, which no query builder describes. PostgreSQL: the database's size.
 */
export async function storageBytes(db: Executor): Promise<{ index: number; data: number }> {
  // PostgreSQL holds no search index (the embedded one has its own SQLite file, docs/decisions/310): its size.
  if (dialectOf(db) === 'postgres') {
    const { rows } = await sql<{ bytes: number }>`select pg_database_size(current_database()) as bytes`.execute(db);
    return { index: 0, data: rows[0]?.bytes ?? 0 };
  }
  const { rows } = await sql<{ part: string; bytes: number }>`
    SELECT CASE WHEN name LIKE 'search%' THEN 'index' ELSE 'data' END AS part, sum(pgsize) AS bytes
      FROM dbstat GROUP BY part`.execute(db);
  const sizeOf = (part: string) => rows.find((r) => r.part === part)?.bytes ?? 0;
  return { index: sizeOf('index'), data: sizeOf('data') };
}
