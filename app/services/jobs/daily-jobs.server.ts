import type { DB } from '../../../db/connection';
import { claimDueJobRun, recordJobEnd, recordJobStart } from '../../../db/repositories/job-runs';
import { type DailyJobName, DAILY_JOBS, jobPeriodMs, nextDueAt } from '~/domain/jobs';
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

/**
 * How long a claimed run holds the job (docs/decisions/351): an instance that dies during the run leaves the job
 * due again this long after its start (or after its period, when shorter).
 */
export const JOB_CLAIM_LEASE_MS = 60 * 60 * 1000;

/** Runs one job now and records the run (a failure is recorded, then thrown). Returns the job's result. */
export async function runDailyJob<T>(
  db: DB,
  name: DailyJobName,
  now: Date,
  work: (db: DB, now: Date) => Promise<T>,
): Promise<T> {
  await recordJobStart(db, name, now.toISOString());
  return runClaimedJob(db, name, now, work);
}

/** Runs a job whose start is already recorded, then records its end (success or failure, then thrown). */
async function runClaimedJob<T>(
  db: DB,
  name: DailyJobName,
  now: Date,
  work: (db: DB, now: Date) => Promise<T>,
): Promise<T> {
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

/**
 * Runs the job when it is due (never ran, or next_due_at passed) and this caller wins its claim: several instances
 * on one database run each due run once between them (docs/decisions/351). Returns whether it ran here.
 */
export async function runDailyJobIfDue(
  db: DB,
  name: DailyJobName,
  now: Date,
  env: JobEnv,
  work: DailyJobWork = DAILY_JOB_WORK[name],
): Promise<boolean> {
  const lease = nextDueAt(now, Math.min(JOB_CLAIM_LEASE_MS, jobPeriodMs(name)));
  if (!(await claimDueJobRun(db, name, now.toISOString(), lease))) return false;
  await runClaimedJob(db, name, now, (d, n) => work(d, n, env));
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
