// The daily jobs (docs/decisions/144-daily-jobs.md): their names, how often they run, and when /healthz calls
// one late. Pure rules; app/services/jobs/daily-jobs.server.ts runs them and job_runs records each run.

export const DAILY_JOBS = ['charter-expiry', 'auth-housekeeping', 'uploads-cleanup'] as const;
export type DailyJobName = (typeof DAILY_JOBS)[number];

/** What /healthz calls each job, in French. */
export const DAILY_JOB_LABELS: Record<DailyJobName, string> = {
  'charter-expiry': 'tâche quotidienne d’expiration des chartes',
  'auth-housekeeping': 'tâche quotidienne de nettoyage des sessions et des liens expirés',
  'uploads-cleanup': 'tâche quotidienne de nettoyage des fichiers déposés orphelins',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** A daily job runs again this long after its last start. */
export const JOB_PERIOD_MS = DAY_MS;
/** /healthz says degraded when the last successful run is older than this. */
export const JOB_LATE_MS = 26 * 60 * 60 * 1000;

/** When a daily job is due again after a run that started at `startedAt`. */
export function nextDueAt(startedAt: Date): string {
  return new Date(startedAt.getTime() + JOB_PERIOD_MS).toISOString();
}

/** Whether a job whose next run is due at `nextDue` (null: never ran) should run now. */
export function isJobDue(nextDue: string | null, now: Date): boolean {
  return nextDue === null || Date.parse(nextDue) <= now.getTime();
}
