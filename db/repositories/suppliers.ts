import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { StoredStatuses } from '../../app/domain/import/policy';
import {
  normaliseServiceAreas,
  slugify,
  type PublicationStatus,
  type ServiceArea,
  type SupplierInput,
} from '../../app/domain/supplier';
import { CHILD_INSERT_ROWS, IN_LIST_CHUNK } from '../batch';
import type { Executor } from '../connection';
import type { Database, SuppliersTable } from '../schema';
import { enqueueSearchSync } from './outbox';

// The supplier aggregate's repository: its one write path (upsertSupplierBySiret) and the supplier reads
// that are not a page's own (the public sheet: ./supplier-sheet.ts; search documents: ./supplier-documents.ts).
// Functions take the database or a transaction first and never open a transaction themselves.

/** The publication status of a supplier the public sees (search, sheet, API): drafts and suspended ones are hidden. */
const PUBLISHED: PublicationStatus = 'published';

/**
 * The one "published" condition, for `.where(isPublished())`, or `.where(isPublished('s'))` when the query
 * reads `suppliers` under an alias.
 */
export function isPublished(table: 'suppliers' | 's' = 'suppliers') {
  return <DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>): Expression<SqlBool> =>
    eb(sql.ref(`${table}.publication_status`), '=', PUBLISHED);
}

/** Whether at least one supplier is published (start-up: is there anything to index?). */
/** Whether the catalogue holds any supplier at all, published or not (an empty database gets demo data). */
export async function hasAnySupplier(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('suppliers').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function hasPublishedSupplier(db: Executor): Promise<boolean> {
  const row = await db.selectFrom('suppliers').select('id').where(isPublished()).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Number of published suppliers, for progress bars. */
export async function countPublishedSuppliers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('suppliers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(isPublished())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Ids of the published suppliers after `afterId`, in id order, at most `limit` (keyset pagination). */
export async function listPublishedSupplierIds(db: Executor, afterId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('suppliers')
    .select('id')
    .where(isPublished())
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Ids of the suppliers written at or after this ISO timestamp. */
export async function listSupplierIdsUpdatedSince(db: Executor, since: string): Promise<number[]> {
  const rows = await db.selectFrom('suppliers').select('id').where('updated_at', '>=', since).execute();
  return rows.map((r) => r.id);
}

/** The charter and publication statuses of the suppliers with these SIRETs (unknown SIRETs are left out). */
export async function listStatusesBySiret(
  db: Executor,
  sirets: readonly string[],
): Promise<Map<string, StoredStatuses>> {
  const stored = new Map<string, StoredStatuses>();
  for (let i = 0; i < sirets.length; i += IN_LIST_CHUNK) {
    const rows = await db
      .selectFrom('suppliers')
      .select(['siret', 'charter_status', 'publication_status'])
      .where('siret', 'in', sirets.slice(i, i + IN_LIST_CHUNK))
      .execute();
    for (const r of rows)
      stored.set(r.siret, { charterStatus: r.charter_status, publicationStatus: r.publication_status });
  }
  return stored;
}

export type UpsertOutcome = 'created' | 'updated' | 'unchanged';

export interface UpsertResult {
  id: number;
  slug: string;
  outcome: UpsertOutcome;
}

type ScalarColumns = Omit<
  Updateable<SuppliersTable>,
  'id' | 'slug' | 'siret' | 'created_at' | 'updated_at' | 'charter_verified_at'
>;

/** Maps the input's scalar fields onto columns; undefined fields are left out (kept on update). */
function scalarColumns(input: SupplierInput): ScalarColumns {
  const columns: ScalarColumns = {
    name: input.name,
    structure_kind: input.structureKind,
    commune_code: input.communeCode,
    trade_name: input.tradeName,
    legal_form: input.legalForm,
    year_founded: input.yearFounded,
    address: input.address,
    postcode: input.postcode,
    description: input.description,
    headcount: input.headcount,
    insertion_headcount: input.insertionHeadcount,
    turnover_band: input.turnoverBand,
    email: input.email,
    phone: input.phone,
    website: input.website,
    charter_status: input.charterStatus,
    publication_status: input.publicationStatus,
  };
  for (const key of Object.keys(columns) as (keyof ScalarColumns)[])
    if (columns[key] === undefined) delete columns[key];
  return columns;
}

async function uniqueSlug(trx: Executor, name: string, communeName: string | undefined): Promise<string> {
  const base = slugify(name);
  const candidates = [base, communeName ? `${base}-${slugify(communeName)}` : undefined].filter(Boolean) as string[];
  for (const candidate of candidates) {
    const taken = await trx.selectFrom('suppliers').select('id').where('slug', '=', candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
  const last = candidates[candidates.length - 1];
  for (let n = 2; ; n++) {
    const candidate = `${last}-${n}`;
    const taken = await trx.selectFrom('suppliers').select('id').where('slug', '=', candidate).executeTakeFirst();
    if (!taken) return candidate;
  }
}

function serviceAreaRows(supplierId: number, areas: ServiceArea[]) {
  return normaliseServiceAreas(areas).map((a) => ({
    supplier_id: supplierId,
    kind: a.kind,
    code: a.kind === 'national' || a.kind === 'radius' ? null : a.code,
    radius_km: a.kind === 'radius' ? a.radiusKm : null,
  }));
}

async function insertInChunks<T extends keyof ChildTables>(trx: Executor, table: T, rows: ChildTables[T][]) {
  for (let i = 0; i < rows.length; i += CHILD_INSERT_ROWS) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHILD_INSERT_ROWS) as Insertable<Database[T]>[])
      .execute();
  }
}

interface ChildTables {
  supplier_offers: { supplier_id: number; position: number; name: string; description: string };
  supplier_sectors: { supplier_id: number; sector_code: string };
  supplier_service_areas: ReturnType<typeof serviceAreaRows>[number];
  supplier_references: { supplier_id: number; client_name: string; year: number; description: string };
  supplier_labels: { supplier_id: number; label_code: string };
}

/** Child rows for each collection the input provides, in a canonical order for comparison. */
function childRows(id: number, input: SupplierInput): Partial<{ [T in keyof ChildTables]: ChildTables[T][] }> {
  const rows: Partial<{ [T in keyof ChildTables]: ChildTables[T][] }> = {};
  if (input.offers)
    rows.supplier_offers = input.offers.map((o, position) => ({
      supplier_id: id,
      position,
      name: o.name,
      description: o.description,
    }));
  if (input.sectors)
    rows.supplier_sectors = [...new Set(input.sectors)].sort().map((sector_code) => ({ supplier_id: id, sector_code }));
  if (input.serviceAreas) rows.supplier_service_areas = serviceAreaRows(id, input.serviceAreas);
  if (input.references)
    rows.supplier_references = input.references.map((r) => ({
      supplier_id: id,
      client_name: r.clientName,
      year: r.year,
      description: r.description,
    }));
  if (input.labels)
    rows.supplier_labels = [...new Set(input.labels)].sort().map((label_code) => ({ supplier_id: id, label_code }));
  return rows;
}

async function storedChildRows(trx: Executor, id: number, table: keyof ChildTables): Promise<unknown[]> {
  switch (table) {
    case 'supplier_offers':
      return trx
        .selectFrom(table)
        .select(['supplier_id', 'position', 'name', 'description'])
        .where('supplier_id', '=', id)
        .orderBy('position')
        .execute();
    case 'supplier_sectors':
      return trx
        .selectFrom(table)
        .select(['supplier_id', 'sector_code'])
        .where('supplier_id', '=', id)
        .orderBy('sector_code')
        .execute();
    case 'supplier_service_areas': {
      const rows = await trx
        .selectFrom(table)
        .select(['kind', 'code', 'radius_km'])
        .where('supplier_id', '=', id)
        .execute();
      return serviceAreaRows(
        id,
        rows.map((r): ServiceArea =>
          r.kind === 'national'
            ? { kind: 'national' }
            : r.kind === 'radius'
              ? { kind: 'radius', radiusKm: r.radius_km ?? 0 }
              : { kind: r.kind, code: r.code ?? '' },
        ),
      );
    }
    case 'supplier_references':
      return trx
        .selectFrom(table)
        .select(['supplier_id', 'client_name', 'year', 'description'])
        .where('supplier_id', '=', id)
        .orderBy('id')
        .execute();
    case 'supplier_labels':
      return trx
        .selectFrom(table)
        .select(['supplier_id', 'label_code'])
        .where('supplier_id', '=', id)
        .orderBy('label_code')
        .execute();
  }
}

/**
 * Creates the supplier, or updates the one with the same SIRET. Only what the input provides is written;
 * when nothing differs from what is stored, nothing is written at all (so a re-import changes nothing).
 * Any change records a search outbox row in the same transaction: call it inside a transaction.
 */
export async function upsertSupplierBySiret(
  trx: Executor,
  input: SupplierInput,
  now = new Date().toISOString(),
): Promise<UpsertResult> {
  const columns = scalarColumns(input);
  const existing = await trx.selectFrom('suppliers').selectAll().where('siret', '=', input.siret).executeTakeFirst();

  if (!existing) {
    const commune = await trx
      .selectFrom('communes')
      .select('name')
      .where('code', '=', input.communeCode)
      .executeTakeFirst();
    const slug = await uniqueSlug(trx, input.tradeName || input.name, commune?.name);
    const verified = columns.charter_status === 'verified';
    const { id } = await trx
      .insertInto('suppliers')
      .values({
        ...columns,
        name: input.name,
        structure_kind: input.structureKind,
        commune_code: input.communeCode,
        siret: input.siret,
        slug,
        charter_verified_at: verified ? now : null,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const children = childRows(id, input);
    for (const table of Object.keys(children) as (keyof ChildTables)[])
      await insertInChunks(trx, table, children[table] ?? []);
    await enqueueSearchSync(trx, [id]);
    return { id, slug, outcome: 'created' };
  }

  const id = existing.id;
  const changedColumns: Updateable<SuppliersTable> = {};
  for (const [key, value] of Object.entries(columns)) {
    if ((existing as Record<string, unknown>)[key] !== value) (changedColumns as Record<string, unknown>)[key] = value;
  }
  const children = childRows(id, input);
  const changedTables: (keyof ChildTables)[] = [];
  for (const table of Object.keys(children) as (keyof ChildTables)[]) {
    const stored = await storedChildRows(trx, id, table);
    if (JSON.stringify(stored) !== JSON.stringify(children[table])) changedTables.push(table);
  }
  if (Object.keys(changedColumns).length === 0 && changedTables.length === 0) {
    return { id, slug: existing.slug, outcome: 'unchanged' };
  }

  if (changedColumns.charter_status === 'verified') changedColumns.charter_verified_at = now;
  await trx
    .updateTable('suppliers')
    .set({ ...changedColumns, updated_at: now })
    .where('id', '=', id)
    .execute();
  for (const table of changedTables) {
    await trx.deleteFrom(table).where('supplier_id', '=', id).execute();
    await insertInChunks(trx, table, children[table] ?? []);
  }
  await enqueueSearchSync(trx, [id]);
  return { id, slug: existing.slug, outcome: 'updated' };
}
