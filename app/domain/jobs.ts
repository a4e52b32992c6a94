// The daily jobs (docs/decisions/144-daily-jobs.md): their names, how often they run, and when /healthz calls
// one late. Pure rules; app/services/jobs/daily-jobs.server.ts runs them and job_runs records each run.

export const DAILY_JOBS = [
  'charter-expiry',
  'auth-housekeeping',
  'uploads-cleanup',
  'tender-closing',
  'tender-digest',
  'search-changes-pruning',
] as const;
export type DailyJobName = (typeof DAILY_JOBS)[number];

/** What /healthz calls each job, in French. */
export const DAILY_JOB_LABELS: Record<DailyJobName, string> = {
  'charter-expiry': 'tâche quotidienne d’expiration des chartes',
  'auth-housekeeping': 'tâche quotidienne de nettoyage des sessions et des liens expirés',
  'uploads-cleanup': 'tâche quotidienne de nettoyage des fichiers déposés orphelins',
  'tender-closing': 'tâche horaire de clôture des appels d’offres à la date limite',
  'tender-digest': 'tâche quotidienne du récapitulatif des alertes d’appels d’offres',
  'search-changes-pruning': 'tâche quotidienne de purge des modifications déjà indexées',
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** A daily job runs again this long after its last start. */
export const JOB_PERIOD_MS = DAY_MS;
/** /healthz says degraded when the last successful run is older than this. */
export const JOB_LATE_MS = 26 * 60 * 60 * 1000;

/** Jobs that run more often than daily (decision 203: tenders close within the hour of their deadline). */
const JOB_PERIODS_MS: Partial<Record<DailyJobName, number>> = { 'tender-closing': 60 * 60 * 1000 };

/** How long after a run's start the job is due again. */
export function jobPeriodMs(name: DailyJobName): number {
  return JOB_PERIODS_MS[name] ?? JOB_PERIOD_MS;
}

/** When a job is due again after a run that started at `startedAt` (a day later unless the job says otherwise). */
export function nextDueAt(startedAt: Date, periodMs: number = JOB_PERIOD_MS): string {
  return new Date(startedAt.getTime() + periodMs).toISOString();
}

/** Whether a job whose next run is due at `nextDue` (null: never ran) should run now. */
export function isJobDue(nextDue: string | null, now: Date): boolean {
  return nextDue === null || Date.parse(nextDue) <= now.getTime();
}
