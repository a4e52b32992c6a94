import type { DB } from '../../../db/connection';
import { findJobRun, recordJobEnd, recordJobStart } from '../../../db/repositories/job-runs';
import { type DailyJobName, DAILY_JOBS, isJobDue, jobPeriodMs, nextDueAt } from '~/domain/jobs';
import { purgeExpiredAuthData } from '../auth/housekeeping.server';
import { expireCharters } from '../charter/expiry.server';
import { closeExpiredTenders } from '../tenders/closing.server';
import { sendTenderDigests } from '../tenders/digest.server';
import { cleanUpUploads } from '../uploads/file-store.server';
import { pruneSearchChangeSequence } from './search-changes.server';
import type { Env } from '../../env.server';

// The daily jobs (docs/decisions/144-daily-jobs.md): the charter's expiry (warn 30 days before, expire when
// due), the accounts' housekeeping (expired sessions, spent links, old rate-limit windows) and the uploads'
// clean-up (rows nothing points at, files no row records), and hourly the tenders' closing at their deadline
// (decision 203), the daily digest of tender alerts (decision 251), and the pruning of the search change
// sequence (decision 322). server.ts checks
// at start and then every hour which are due, with an injectable clock; each run is recorded in job_runs
// (start, end, error, next due), which /healthz reads to say when one fails or falls behind.

/** What a job may need of the environment. */
export type JobEnv = Pick<Env, 'UPLOADS_DIR' | 'SITE_URL'>;

export type DailyJobWork = (db: DB, now: Date, env: JobEnv) => Promise<unknown>;

export const DAILY_JOB_WORK: Record<DailyJobName, DailyJobWork> = {
  'charter-expiry': (db, now, env) => expireCharters(db, now, env.SITE_URL),
  'auth-housekeeping': (db, now) => purgeExpiredAuthData(db, now),
  'uploads-cleanup': (db, now, env) => cleanUpUploads(db, env.UPLOADS_DIR, now),
  'tender-closing': (db, now) => closeExpiredTenders(db, now),
  'tender-digest': (db, now, env) => sendTenderDigests(db, now, env.SITE_URL),
  'search-changes-pruning': (db, now) => pruneSearchChangeSequence(db, now),
};

/** Runs one job now and records the run (a failure is recorded, then thrown). Returns the job's result. */
export async function runDailyJob<T>(
  db: DB,
  name: DailyJobName,
  now: Date,
  work: (db: DB, now: Date) => Promise<T>,
): Promise<T> {
  await recordJobStart(db, name, now.toISOString());
  try {
    const result = await work(db, now);
    // The injected clock's time: the run's own duration does not matter to a daily job.
    await recordJobEnd(db, name, {
      finishedAt: now.toISOString(),
      error: null,
      nextDueAt: nextDueAt(now, jobPeriodMs(name)),
    });
    return result;
  } catch (error) {
    await recordJobEnd(db, name, {
      finishedAt: now.toISOString(),
      error: error instanceof Error ? error.message : String(error),
      nextDueAt: nextDueAt(now, jobPeriodMs(name)),
    }).catch(() => undefined);
    throw error;
  }
}

/** Runs the job when it is due (never ran, or next_due_at passed). Returns whether it ran. */
export async function runDailyJobIfDue(
  db: DB,
  name: DailyJobName,
  now: Date,
  env: JobEnv,
  work: DailyJobWork = DAILY_JOB_WORK[name],
): Promise<boolean> {
  const run = await findJobRun(db, name);
  if (!isJobDue(run?.next_due_at ?? null, now)) return false;
  await runDailyJob(db, name, now, (d, n) => work(d, n, env));
  return true;
}

export interface JobScheduler {
  stop(): Promise<void>;
  /** The check in progress, if any (tests wait for it). */
  idle(): Promise<void>;
}

/**
 * Checks at start and then every `intervalMs` (an hour) which jobs are due, and runs them one after the other.
 * A failed run is in job_runs and one log line; the next check tries again once it is due.
 */
export function startDailyJobs(
  db: DB,
  env: JobEnv,
  options: {
    intervalMs?: number;
    clock?: () => Date;
    log?: (line: string) => void;
    jobs?: Partial<Record<DailyJobName, DailyJobWork>>;
  } = {},
): JobScheduler {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  const jobs = { ...DAILY_JOB_WORK, ...options.jobs };
  let running: Promise<void> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    running = (async () => {
      for (const name of DAILY_JOBS) {
        try {
          await runDailyJobIfDue(db, name, clock(), env, jobs[name]);
        } catch (error) {
          log(
            JSON.stringify({
              level: 'error',
              source: 'daily-job',
              job: name,
              error: error instanceof Error ? error.message : String(error),
            }),
          );
        }
      }
    })().finally(() => {
      busy = false;
    });
  };
  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60 * 60 * 1000);
  timer.unref?.();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
    idle: () => running,
  };
}
