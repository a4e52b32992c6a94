import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_CLAIM_LEASE_MS, runDailyJobIfDue } from '../../app/services/jobs/daily-jobs.server';
import type { DB } from '../../db/connection';
import { createTestDatabase, openAgain } from '../support/db';

// Several instances on one database each run the daily jobs' scheduler (docs/decisions/351): a due run happens
// once between them, and a run whose instance died is taken over once its claim's lease is over.

const database = createTestDatabase();
const { db } = database;
const other = openAgain(database);
// The first query creates the PostgreSQL database (tests/support/db.ts): before the second connection's.
beforeAll(() => db.selectFrom('job_runs').select('name').execute());
afterAll(() => other.close());

const ENV = { UPLOADS_DIR: '/nonexistent', SITE_URL: 'http://localhost' };
const t0 = new Date('2026-12-02T03:00:00.000Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

/** A job's work that counts its runs and yields a few times, so two instances' runs would overlap. */
function countingWork(runs: string[], instance: string) {
  return async () => {
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    runs.push(instance);
  };
}

async function bothInstances(now: Date, runs: string[]): Promise<boolean[]> {
  const run = (handle: DB, instance: string) =>
    runDailyJobIfDue(handle, 'auth-housekeeping', now, ENV, countingWork(runs, instance));
  return Promise.all([run(db, 'A'), run(other.db, 'B')]);
}

describe('daily jobs across two instances', () => {
  it('run a job that never ran once, and again once when it is due again', async () => {
    const runs: string[] = [];
    const first = await bothInstances(t0, runs);
    expect(first.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(1);

    expect(await bothInstances(at(60_000), runs)).toEqual([false, false]);

    const nextDay = at(24 * 60 * 60 * 1000);
    const second = await bothInstances(nextDay, runs);
    expect(second.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(2);

    const row = await db.selectFrom('job_runs').selectAll().where('name', '=', 'auth-housekeeping').executeTakeFirst();
    expect(row).toMatchObject({
      last_started_at: nextDay.toISOString(),
      last_ok_at: nextDay.toISOString(),
      last_error: null,
      next_due_at: at(2 * 24 * 60 * 60 * 1000).toISOString(),
    });
  });

  it('leave a run whose instance died alone until its lease ends, then run it once', async () => {
    const start = at(10 * 24 * 60 * 60 * 1000);
    await db
      .updateTable('job_runs')
      .set({ next_due_at: start.toISOString() })
      .where('name', '=', 'auth-housekeeping')
      .execute();
    // Instance A claims the run and dies before it ends: its work never returns.
    const hung = runDailyJobIfDue(db, 'auth-housekeeping', start, ENV, () => new Promise<void>(() => undefined));
    void hung;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const row = await db.selectFrom('job_runs').selectAll().where('name', '=', 'auth-housekeeping').executeTakeFirst();
    expect(row?.next_due_at).toBe(new Date(start.getTime() + JOB_CLAIM_LEASE_MS).toISOString());

    const runs: string[] = [];
    expect(
      await runDailyJobIfDue(
        other.db,
        'auth-housekeeping',
        at(10 * 24 * 60 * 60 * 1000 + 60_000),
        ENV,
        countingWork(runs, 'B'),
      ),
    ).toBe(false);
    const afterLease = new Date(start.getTime() + JOB_CLAIM_LEASE_MS);
    const taken = await bothInstances(afterLease, runs);
    expect(taken.filter(Boolean)).toHaveLength(1);
    expect(runs).toHaveLength(1);
  });
});
