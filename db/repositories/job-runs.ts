import type { Executor } from '../connection';
import type { JobRun } from '../schema';

// The daily jobs' bookkeeping (docs/decisions/141-charter-expiry-job.md): one row per job.

export async function findJobRun(db: Executor, name: string): Promise<JobRun | undefined> {
  return db.selectFrom('job_runs').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function recordJobStart(db: Executor, name: string, startedAt: string): Promise<void> {
  await db
    .insertInto('job_runs')
    .values({ name, last_started_at: startedAt })
    .onConflict((oc) => oc.column('name').doUpdateSet({ last_started_at: startedAt }))
    .execute();
}

export async function recordJobEnd(
  db: Executor,
  name: string,
  end: { finishedAt: string; error: string | null; nextDueAt: string },
): Promise<void> {
  await db
    .updateTable('job_runs')
    .set({
      last_finished_at: end.finishedAt,
      last_error: end.error,
      next_due_at: end.nextDueAt,
      ...(end.error === null ? { last_ok_at: end.finishedAt } : {}),
    })
    .where('name', '=', name)
    .execute();
}

/**
 * Claims the job's due run for the caller (docs/decisions/351): returns true for exactly one of the instances that
 * ask at the same due time. A job that never ran is claimed by the insert of its row (a second insert does
 * nothing); otherwise by one conditional UPDATE that only finds the row while it is due (`next_due_at` null or
 * passed), atomic under SQLite's write lock and PostgreSQL's row lock (the second updater re-reads the row and no
 * longer finds it due). The claim records the start and moves `next_due_at` to `leaseUntil`, so an instance that
 * dies during the run only delays the next one until then; `recordJobEnd` sets the real next due date.
 */
export async function claimDueJobRun(db: Executor, name: string, now: string, leaseUntil: string): Promise<boolean> {
  const inserted = await db
    .insertInto('job_runs')
    .values({ name, last_started_at: now, next_due_at: leaseUntil })
    .onConflict((oc) => oc.column('name').doNothing())
    .returning('name')
    .executeTakeFirst();
  if (inserted) return true;
  const updated = await db
    .updateTable('job_runs')
    .set({ last_started_at: now, next_due_at: leaseUntil })
    .where('name', '=', name)
    .where((eb) => eb.or([eb('next_due_at', 'is', null), eb('next_due_at', '<=', now)]))
    .returning('name')
    .executeTakeFirst();
  return updated !== undefined;
}
