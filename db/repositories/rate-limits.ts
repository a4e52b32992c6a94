import type { RateLimitBucket, RateLimitWindow } from '../../app/domain/auth/rate-limits';
import type { Executor } from '../connection';

// The rate-limit counters (decision 102): one fixed window per bucket and key. The rule lives in the domain
// (decideRateLimit); the service reads, decides and writes inside one transaction.

export async function findRateLimitWindow(
  db: Executor,
  bucket: RateLimitBucket,
  key: string,
): Promise<RateLimitWindow | undefined> {
  const row = await db
    .selectFrom('rate_limits')
    .select(['window_start', 'hits'])
    .where('bucket', '=', bucket)
    .where('key', '=', key)
    .executeTakeFirst();
  return row ? { windowStart: new Date(row.window_start), hits: row.hits } : undefined;
}

export async function saveRateLimitWindow(
  db: Executor,
  bucket: RateLimitBucket,
  key: string,
  window: RateLimitWindow,
): Promise<void> {
  const values = { window_start: window.windowStart.toISOString(), hits: window.hits };
  await db
    .insertInto('rate_limits')
    .values({ bucket, key, ...values })
    .onConflict((oc) => oc.columns(['bucket', 'key']).doUpdateSet(values))
    .execute();
}

/** Deletes the counters whose window opened before `before` (housekeeping); returns how many. */
export async function deleteRateLimitWindowsBefore(db: Executor, before: string): Promise<number> {
  const result = await db.deleteFrom('rate_limits').where('window_start', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
