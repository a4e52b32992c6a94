import type { Executor } from '../connection';
import { isPublished } from './suppliers';

// What the demo tenders (docs/decisions/265-demo-tenders.md) need to read: the demo buyer's organisation, and
// published suppliers of given sectors to form the demo groupements with.

export async function findOrganisationOfUserEmail(db: Executor, email: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select('m.organisation_id')
    .where('u.email', '=', email)
    .orderBy('m.organisation_id')
    .executeTakeFirst();
  return row?.organisation_id;
}

export async function hasAnyTender(db: Executor): Promise<boolean> {
  return (await db.selectFrom('tenders').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** Published suppliers with one of `sectors`, not in `except`, by id; at most `limit`. */
export async function publishedSuppliersOfSectors(
  db: Executor,
  sectors: readonly string[],
  except: readonly number[],
  limit: number,
): Promise<{ id: number; name: string; communeCode: string; departementCode: string }[]> {
  let query = db
    .selectFrom('suppliers as s')
    .innerJoin('communes as c', 'c.code', 's.commune_code')
    .select(['s.id', 's.name', 's.commune_code as communeCode', 'c.departement_code as departementCode'])
    .where(isPublished('s'))
    .where('s.id', 'in', (eb) =>
      eb
        .selectFrom('supplier_sectors')
        .select('supplier_id')
        .where('sector_code', 'in', [...sectors]),
    );
  if (except.length > 0) query = query.where('s.id', 'not in', [...except]);
  return query.orderBy('s.id').limit(limit).execute();
}
