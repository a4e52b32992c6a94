import type { Executor } from '../connection';

// How far a queue of the database is behind (the search outbox, the mail outbox: both have created_at,
// attempts and last_error), for /healthz. Two small queries, the second only when a row failed.

export type QueueTable = 'search_outbox' | 'mail_outbox';

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
  // The two tables share these columns; Kysely types a query over one table at a time.
  const table = queue as 'search_outbox';
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
