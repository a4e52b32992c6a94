import type { Executor } from '../connection';

// How far a queue of the database is behind (the mail outbox: created_at, attempts and last_error), for
// /healthz. Two small queries, the second only when a row failed. The search index's lag is its cursor's in the
// change sequence (db/repositories/search-feed.ts, docs/decisions/320).

export type QueueTable = 'mail_outbox';

export interface QueueLag {
  /** Rows waiting. */
  pending: number;
  /** Of those, rows that failed at least once. */
  failing: number;
  /** When the oldest waiting row was written (ISO), or null when none waits. */
  oldestCreatedAt: string | null;
  /** The most recent error kept on a row, if any. */
  lastError: string | null;
}

export async function readQueueLag(db: Executor, queue: QueueTable): Promise<QueueLag> {
  const table = queue;
  const counts = await db
    .selectFrom(table)
    .select((eb) => [
      eb.fn.countAll<number>().as('pending'),
      eb.fn.count<number>('id').filterWhere('attempts', '>', 0).as('failing'),
      eb.fn.min('created_at').as('oldestCreatedAt'),
    ])
    .executeTakeFirstOrThrow();
  const lastFailed =
    Number(counts.failing) > 0
      ? await db
          .selectFrom(table)
          .select('last_error')
          .where('attempts', '>', 0)
          .orderBy('id', 'desc')
          .limit(1)
          .executeTakeFirst()
      : undefined;
  return {
    pending: Number(counts.pending),
    failing: Number(counts.failing),
    oldestCreatedAt: counts.oldestCreatedAt ?? null,
    lastError: lastFailed?.last_error ?? null,
  };
}
