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
