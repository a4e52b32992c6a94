import type { Executor } from '../connection';

// The search change sequence and its consumers' cursors (docs/decisions/320-323). search_changes is appended to
// by enqueueSearchSync (outbox.ts) in each supplier write's transaction; search/feed.ts applies it to an engine.

export interface SearchChange {
  seq: number;
  supplier_id: number;
}

/** The consumer name of the row that remembers up to which seq changes were pruned. */
export const PRUNED_MARK = '_pruned';

/**
 * The next changes after `afterSeq`, in seq order. A reader must never pass a seq that commits later than a higher
 * one. On SQLite writes are serialised, so a lower seq cannot commit after a higher one. On PostgreSQL sequence
 * values are taken at insert and transactions commit in any order, so `enqueueSearchSync` serialises the appends
 * with an advisory lock held until commit (docs/decisions/352): the same guarantee, and this read stays the same.
 */
export function readChangesAfter(db: Executor, afterSeq: number, limit: number): Promise<SearchChange[]> {
  return db
    .selectFrom('search_changes')
    .select(['seq', 'supplier_id'])
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

/** The highest seq so far (0 when nothing was ever appended, or everything was pruned: then the pruned mark). */
export async function headSeq(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('search_changes')
    .select((eb) => eb.fn.max('seq').as('maxSeq'))
    .executeTakeFirst();
  const max = Number(row?.maxSeq ?? 0);
  return Math.max(max, await prunedThrough(db));
}

export interface ChangeLag {
  /** Changes after the cursor. */
  pending: number;
  /** When the oldest of them was appended (ISO), or null. */
  oldestChangedAt: string | null;
}

/** How far a cursor is behind: one range read on the primary key. */
export async function readChangeLag(db: Executor, afterSeq: number): Promise<ChangeLag> {
  const row = await db
    .selectFrom('search_changes')
    .select((eb) => [eb.fn.countAll<number>().as('pending'), eb.fn.min('changed_at').as('oldest')])
    .where('seq', '>', afterSeq)
    .executeTakeFirstOrThrow();
  return { pending: Number(row.pending), oldestChangedAt: row.oldest ?? null };
}

// --- cursors -------------------------------------------------------------------------------------------------

export interface FeedCursorRow {
  consumer: string;
  seq: number;
  attempts: number;
  last_error: string | null;
}

export function findFeedCursor(db: Executor, consumer: string): Promise<FeedCursorRow | undefined> {
  return db
    .selectFrom('search_feed_cursors')
    .select(['consumer', 'seq', 'attempts', 'last_error'])
    .where('consumer', '=', consumer)
    .executeTakeFirst();
}

async function ensureCursorRow(db: Executor, consumer: string, now: string): Promise<void> {
  await db
    .insertInto('search_feed_cursors')
    .values({ consumer, seq: 0, updated_at: now })
    .onConflict((oc) => oc.column('consumer').doNothing())
    .execute();
}

/**
 * Claims the consumer's next batch for `owner` until `until` (a lease: a process that dies loses it). Returns the
 * cursor, or null when another process holds an unexpired claim. One conditional UPDATE: SQLite's write lock and
 * PostgreSQL's row lock both make it atomic (PostgreSQL could equally use `SELECT … FOR UPDATE SKIP LOCKED` in a
 * short transaction; the lease is needed anyway because the batch is applied outside any transaction).
 */
export async function claimFeedCursor(
  db: Executor,
  consumer: string,
  owner: string,
  now: string,
  until: string,
): Promise<number | null> {
  await ensureCursorRow(db, consumer, now);
  const row = await db
    .updateTable('search_feed_cursors')
    .set({ claimed_by: owner, claimed_until: until })
    .where('consumer', '=', consumer)
    .where((eb) => eb.or([eb('claimed_by', 'is', null), eb('claimed_until', '<', now), eb('claimed_by', '=', owner)]))
    .returning('seq')
    .executeTakeFirst();
  return row ? Number(row.seq) : null;
}

/**
 * Moves the cursor from `fromSeq` to `toSeq` and releases the claim, if `owner` still holds it and nobody moved
 * the cursor meanwhile; returns whether it did. Resets the failed attempts of the batch.
 */
export async function advanceFeedCursor(
  db: Executor,
  consumer: string,
  owner: string,
  fromSeq: number,
  toSeq: number,
  now: string,
): Promise<boolean> {
  const result = await db
    .updateTable('search_feed_cursors')
    .set({ seq: toSeq, updated_at: now, attempts: 0, last_error: null, claimed_by: null, claimed_until: null })
    .where('consumer', '=', consumer)
    .where('claimed_by', '=', owner)
    .where('seq', '=', fromSeq)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Copies the position of a consumer that keeps its cursor elsewhere (an embedded index) and releases `owner`'s
 * claim: pruning and /healthz read it.
 */
export async function copyFeedCursor(
  db: Executor,
  consumer: string,
  owner: string,
  seq: number,
  now: string,
): Promise<void> {
  await ensureCursorRow(db, consumer, now);
  await db
    .updateTable('search_feed_cursors')
    .set({ seq, updated_at: now, attempts: 0, last_error: null })
    .where('consumer', '=', consumer)
    .execute();
  await releaseFeedClaim(db, consumer, owner);
}

/** Sets the cursor (after a full rebuild) and clears any claim: a batch applied before must not move it. */
export async function resetFeedCursor(db: Executor, consumer: string, seq: number, now: string): Promise<void> {
  await ensureCursorRow(db, consumer, now);
  await db
    .updateTable('search_feed_cursors')
    .set({ seq, updated_at: now, attempts: 0, last_error: null, claimed_by: null, claimed_until: null })
    .where('consumer', '=', consumer)
    .execute();
}

export async function releaseFeedClaim(db: Executor, consumer: string, owner: string): Promise<void> {
  await db
    .updateTable('search_feed_cursors')
    .set({ claimed_by: null, claimed_until: null })
    .where('consumer', '=', consumer)
    .where('claimed_by', '=', owner)
    .execute();
}

/** Counts a failed attempt of the batch at the cursor and keeps its error; returns the attempts so far. */
export async function recordFeedBatchFailure(
  db: Executor,
  consumer: string,
  error: string,
  now: string,
): Promise<number> {
  await ensureCursorRow(db, consumer, now);
  const row = await db
    .updateTable('search_feed_cursors')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_error: error }))
    .where('consumer', '=', consumer)
    .returning('attempts')
    .executeTakeFirst();
  return Number(row?.attempts ?? 1);
}

// --- failed changes ------------------------------------------------------------------------------------------

/** Records a change the engine still refused on its own (attempts + 1 when it was already recorded). */
export async function recordFeedFailure(
  db: Executor,
  failure: { consumer: string; supplierId: number; seq: number; error: string; now: string; nextAttemptAt: string },
): Promise<void> {
  await db
    .insertInto('search_feed_failures')
    .values({
      consumer: failure.consumer,
      supplier_id: failure.supplierId,
      seq: failure.seq,
      attempts: 1,
      last_error: failure.error,
      failed_at: failure.now,
      next_attempt_at: failure.nextAttemptAt,
    })
    .onConflict((oc) =>
      oc.columns(['consumer', 'supplier_id']).doUpdateSet((eb) => ({
        seq: eb.ref('excluded.seq'),
        attempts: eb('search_feed_failures.attempts', '+', 1),
        last_error: eb.ref('excluded.last_error'),
        failed_at: eb.ref('excluded.failed_at'),
        next_attempt_at: eb.ref('excluded.next_attempt_at'),
      })),
    )
    .execute();
}

/** The attempts already recorded for this supplier's change (0 when none). */
export async function feedFailureAttempts(db: Executor, consumer: string, supplierId: number): Promise<number> {
  const row = await db
    .selectFrom('search_feed_failures')
    .select('attempts')
    .where('consumer', '=', consumer)
    .where('supplier_id', '=', supplierId)
    .executeTakeFirst();
  return row?.attempts ?? 0;
}

export interface FeedFailure {
  supplier_id: number;
  seq: number;
  attempts: number;
  last_error: string;
}

/** The failed changes due for another try. */
export function dueFeedFailures(db: Executor, consumer: string, now: string, limit: number): Promise<FeedFailure[]> {
  return db
    .selectFrom('search_feed_failures')
    .select(['supplier_id', 'seq', 'attempts', 'last_error'])
    .where('consumer', '=', consumer)
    .where('next_attempt_at', '<=', now)
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/** Forgets the failures of these suppliers (their current document is now in the index). */
export async function deleteFeedFailures(db: Executor, consumer: string, supplierIds: number[]): Promise<void> {
  if (supplierIds.length === 0) return;
  await db
    .deleteFrom('search_feed_failures')
    .where('consumer', '=', consumer)
    .where('supplier_id', 'in', supplierIds)
    .execute();
}

/** Forgets every failure of this consumer (a full rebuild read every document again). */
export async function deleteAllFeedFailures(db: Executor, consumer: string): Promise<void> {
  await db.deleteFrom('search_feed_failures').where('consumer', '=', consumer).execute();
}

/** How many changes this consumer's engine keeps refusing, and the latest error. */
export async function readFeedFailures(
  db: Executor,
  consumer: string,
): Promise<{ failing: number; lastError: string | null }> {
  const count = await db
    .selectFrom('search_feed_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('consumer', '=', consumer)
    .executeTakeFirstOrThrow();
  if (Number(count.n) === 0) return { failing: 0, lastError: null };
  const last = await db
    .selectFrom('search_feed_failures')
    .select('last_error')
    .where('consumer', '=', consumer)
    .orderBy('failed_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return { failing: Number(count.n), lastError: last?.last_error ?? null };
}

// --- pruning -------------------------------------------------------------------------------------------------

/** Up to which seq changes were pruned (0 when never). A cursor below it missed changes: rebuild. */
export async function prunedThrough(db: Executor): Promise<number> {
  const row = await findFeedCursor(db, PRUNED_MARK);
  return row ? Number(row.seq) : 0;
}

/**
 * Deletes the changes that every consumer active since `activeSince` has passed and that are older than
 * `olderThan`, and moves the pruned mark; returns how many were deleted. A consumer whose cursor has not moved
 * since `activeSince` (an instance gone for good) no longer holds changes back; if it comes back, its cursor is
 * below the mark and it rebuilds its index.
 */
export async function pruneSearchChanges(db: Executor, olderThan: string, activeSince: string): Promise<number> {
  const slowest = await db
    .selectFrom('search_feed_cursors')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('consumer', '!=', PRUNED_MARK)
    .where('updated_at', '>=', activeSince)
    .executeTakeFirst();
  const newest = await db
    .selectFrom('search_changes')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('changed_at', '<', olderThan)
    .executeTakeFirst();
  if (newest?.seq == null) return 0;
  const through = Math.min(Number(newest.seq), slowest?.seq == null ? Number(newest.seq) : Number(slowest.seq));
  if (through <= 0) return 0;
  const deleted = await db.deleteFrom('search_changes').where('seq', '<=', through).executeTakeFirst();
  const now = new Date().toISOString();
  await ensureCursorRow(db, PRUNED_MARK, now);
  await db
    .updateTable('search_feed_cursors')
    .set({ seq: Math.max(through, await prunedThrough(db)), updated_at: now })
    .where('consumer', '=', PRUNED_MARK)
    .execute();
  return Number(deleted.numDeletedRows);
}
