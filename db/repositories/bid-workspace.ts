import type { Selectable } from 'kysely';
import type { PlaceKind } from '../../app/domain/tenders/tender';
import type { Executor } from '../connection';
import type { BidSubcontractorsTable } from '../schema';

// The pages of a bid's workspace (decisions 245–247): lots answered, the allocation matrix, subcontractors,
// the members' thread and the activity log, and what the partner suggestions read (the lots, prices and allocation
// rows are in db/repositories/bids.ts). Functions take the
// database or a transaction; the services own the transactions and the rules (app/domain/bids/workspace.ts).

export type SubcontractorRow = Selectable<BidSubcontractorsTable>;

export function listSubcontractors(db: Executor, bidId: number): Promise<SubcontractorRow[]> {
  return db.selectFrom('bid_subcontractors').selectAll().where('bid_id', '=', bidId).orderBy('id').execute();
}

export async function insertSubcontractor(trx: Executor, row: Omit<SubcontractorRow, 'id'>): Promise<number> {
  const { id } = await trx.insertInto('bid_subcontractors').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Deletes a subcontractor of this bid; the row deleted, or undefined when there was none. */
export async function deleteSubcontractor(
  trx: Executor,
  bidId: number,
  id: number,
): Promise<SubcontractorRow | undefined> {
  const row = await trx
    .selectFrom('bid_subcontractors')
    .selectAll()
    .where('bid_id', '=', bidId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (row) await trx.deleteFrom('bid_subcontractors').where('id', '=', id).execute();
  return row;
}

/** The sectors of these suppliers, by supplier. */
export async function supplierSectors(db: Executor, supplierIds: readonly number[]): Promise<Map<number, string[]>> {
  const map = new Map<number, string[]>(supplierIds.map((id) => [id, []]));
  if (supplierIds.length === 0) return map;
  const rows = await db
    .selectFrom('supplier_sectors')
    .select(['supplier_id', 'sector_code'])
    .where('supplier_id', 'in', [...supplierIds])
    .orderBy('sector_code')
    .execute();
  for (const r of rows) map.get(r.supplier_id)?.push(r.sector_code);
  return map;
}

/** French names of these sectors. */
export async function sectorNames(db: Executor, codes: readonly string[]): Promise<Record<string, string>> {
  if (codes.length === 0) return {};
  const rows = await db
    .selectFrom('sectors')
    .select(['code', 'name'])
    .where('code', 'in', [...codes])
    .execute();
  return Object.fromEntries(rows.map((r) => [r.code, r.name]));
}

export interface PlaceFacts {
  communeCode?: string;
  departementCode?: string;
  regionCode?: string;
  lat?: number;
  lon?: number;
}

/** The codes and coordinates of a tender's place (a commune's, a département's centre; none for a région). */
export async function placeFacts(db: Executor, kind: PlaceKind | null, code: string | null): Promise<PlaceFacts> {
  if (code === null) return {};
  if (kind === 'commune') {
    const c = await db
      .selectFrom('communes')
      .select(['code', 'departement_code', 'region_code', 'latitude', 'longitude'])
      .where('code', '=', code)
      .executeTakeFirst();
    return c
      ? {
          communeCode: c.code,
          departementCode: c.departement_code,
          regionCode: c.region_code,
          lat: c.latitude,
          lon: c.longitude,
        }
      : {};
  }
  if (kind === 'departement') {
    const d = await db
      .selectFrom('departements')
      .select(['code', 'region_code', 'latitude', 'longitude'])
      .where('code', '=', code)
      .executeTakeFirst();
    return d ? { departementCode: d.code, regionCode: d.region_code, lat: d.latitude, lon: d.longitude } : {};
  }
  if (kind === 'region') return { regionCode: code };
  return {};
}

export interface BidMessageRecord {
  id: number;
  supplierId: number;
  supplierName: string;
  body: string;
  createdAt: string;
}

/** The thread, oldest first. */
export async function listBidMessages(db: Executor, bidId: number): Promise<BidMessageRecord[]> {
  const rows = await db
    .selectFrom('bid_messages as m')
    .innerJoin('suppliers as s', 's.id', 'm.supplier_id')
    .select(['m.id', 'm.supplier_id', 's.name', 'm.body', 'm.created_at'])
    .where('m.bid_id', '=', bidId)
    .orderBy('m.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    supplierId: r.supplier_id,
    supplierName: r.name,
    body: r.body,
    createdAt: r.created_at,
  }));
}

export async function insertBidMessage(
  trx: Executor,
  row: { bidId: number; supplierId: number; userId: number; body: string; now: Date },
): Promise<number> {
  const { id } = await trx
    .insertInto('bid_messages')
    .values({
      bid_id: row.bidId,
      supplier_id: row.supplierId,
      author_user_id: row.userId,
      body: row.body,
      created_at: row.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export interface BidActivityRecord {
  id: number;
  action: string;
  detail: string;
  supplierName: string | null;
  createdAt: string;
}

/** The activity log, newest first. */
export async function listBidActivity(db: Executor, bidId: number, limit = 200): Promise<BidActivityRecord[]> {
  const rows = await db
    .selectFrom('bid_activity as a')
    .leftJoin('suppliers as s', 's.id', 'a.supplier_id')
    .select(['a.id', 'a.action', 'a.detail', 's.name', 'a.created_at'])
    .where('a.bid_id', '=', bidId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    detail: r.detail,
    supplierName: r.name,
    createdAt: r.created_at,
  }));
}
