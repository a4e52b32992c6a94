import { pingDatabase } from '../../db/connection';
import { findJobRun } from '../../db/repositories/job-runs';
import { readQueueLag, type QueueLag } from '../../db/repositories/queue-lag';
import { findFeedCursor, readChangeLag, readFeedFailures } from '../../db/repositories/search-feed';
import { feedTarget } from '../../search/feed';
import { DAILY_JOB_LABELS, type DailyJobName, JOB_LATE_MS } from '../domain/jobs';
import type { OutboxWorkerStatus } from '../../search/outbox';
import type { QueueWorkerStatus } from '../../db/queue-worker';
import type { AppContext, ProcessInfo } from './context.server';
import type { MailWorkerStatus } from './mail/sender.server';

// GET /healthz: the database, the search engine, how far the search index is behind the database (the changes
// after this process's engine's cursor in the change sequence, the changes it refused, the worker's state) and
// the mail waiting to be sent (the mail outbox and its sender).
// See docs/decisions/082-outbox-worker-state-and-healthz.md, 084-mail-outbox.md and 322.

/** Degraded when the oldest change not yet in the search index is older than this (seconds). */
export const OUTBOX_LAG_DEGRADED_SECONDS = 60;
/** Degraded when the outbox worker has failed this many drains in a row. */
export const OUTBOX_FAILURES_DEGRADED = 3;
/** Degraded when the oldest unsent message is older than this (seconds): mail is slow or stuck. */
export const MAIL_LAG_DEGRADED_SECONDS = 300;
/** Degraded when the mail sender has failed this many drains in a row. */
export const MAIL_FAILURES_DEGRADED = 3;

/** A queue of the database (the search outbox, the mail outbox) as /healthz shows it. */
export interface QueueHealth<Status> {
  /** Rows waiting, of which `failing` failed at least once. */
  pending: number;
  failing: number;
  /** Age in seconds of the oldest waiting row (0 when none waits). */
  oldestAgeSeconds: number;
  /** The last error kept on a waiting row. */
  lastRowError: string | null;
  /** The worker's own state, or null when this process runs no worker. */
  worker: Status | null;
}

/** A daily job as /healthz shows it (docs/decisions/141-charter-expiry-job.md): its last run, from job_runs. */
export interface JobHealth {
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastOkAt: string | null;
  /** The error of the last run, null when it succeeded. */
  lastError: string | null;
  nextDueAt: string | null;
}

/**
 * The search index's lag: `pending` changes after the cursor of this process's engine, `failing` changes its engine
 * refused on their own (recorded, retried later; the feed moved past them), `lastRowError` the error of the batch
 * at the cursor, else of the latest refused change (docs/decisions/322).
 */
export interface OutboxHealth extends QueueHealth<OutboxWorkerStatus> {
  /** The engine as a consumer of the change sequence, and its cursor (the last seq applied). */
  consumer: string;
  cursor: number;
}
export type MailHealth = QueueHealth<MailWorkerStatus>;

export interface HealthReport {
  /** ok; degraded: serving, but the search index lags or the worker keeps failing; error: a part is down. */
  status: 'ok' | 'degraded' | 'error';
  db: 'ok' | 'down';
  search: 'ok' | 'down';
  /** null when the database is down (the lag cannot be read). */
  outbox: OutboxHealth | null;
  /** null when the database is down. Mail never makes the status `error`: the site still serves. */
  mail: MailHealth | null;
  /**
   * The daily jobs; null when the database is down. A job that never ran in this database is null: the server
   * runs it at start. Degraded when its last run failed or its last success is older than 26 hours.
   */
  jobs: {
    charterExpiry: JobHealth | null;
    authHousekeeping: JobHealth | null;
    uploadsCleanup: JobHealth | null;
    tenderDigest: JobHealth | null;
  } | null;
  /** French reasons for degraded or error, empty when ok. */
  reasons: string[];
  /**
   * Only in a cluster (WEB_CONCURRENCY > 1): the worker that answered. The outbox and mail `worker` states are
   * then the primary's, relayed to every worker (docs/decisions/332-cluster-logs-and-healthz.md).
   */
  process?: ProcessInfo;
}

function queueHealth<Status>(lag: QueueLag, worker: Status | null, now: number): QueueHealth<Status> {
  const oldest = lag.oldestCreatedAt ? Date.parse(lag.oldestCreatedAt) : now;
  return {
    pending: lag.pending,
    failing: lag.failing,
    oldestAgeSeconds: Math.max(0, Math.round((now - oldest) / 1000)),
    lastRowError: lag.lastError,
    worker,
  };
}

export async function checkOutbox(
  context: Pick<AppContext, 'database' | 'search' | 'outboxWorker'>,
  now: number = Date.now(),
): Promise<OutboxHealth> {
  const { db } = context.database;
  const target = feedTarget(db, context.search);
  const cursor = await target.position();
  const lag = await readChangeLag(db, cursor);
  const failures = await readFeedFailures(db, target.consumer);
  const batch = await findFeedCursor(db, target.consumer);
  const queue = queueHealth(
    {
      pending: lag.pending,
      failing: failures.failing,
      oldestCreatedAt: lag.oldestChangedAt,
      lastError: (batch && batch.attempts > 0 ? batch.last_error : null) ?? failures.lastError,
    },
    context.outboxWorker?.status() ?? null,
    now,
  );
  return { ...queue, consumer: target.consumer, cursor };
}

export async function checkMail(
  context: Pick<AppContext, 'database' | 'mailWorker'>,
  now: number = Date.now(),
): Promise<MailHealth> {
  return queueHealth(await readQueueLag(context.database.db, 'mail_outbox'), context.mailWorker?.status() ?? null, now);
}

export async function checkJob(context: Pick<AppContext, 'database'>, name: DailyJobName): Promise<JobHealth | null> {
  const run = await findJobRun(context.database.db, name);
  if (!run) return null;
  return {
    lastStartedAt: run.last_started_at,
    lastFinishedAt: run.last_finished_at,
    lastOkAt: run.last_ok_at,
    lastError: run.last_error,
    nextDueAt: run.next_due_at,
  };
}

/** Why a daily job makes the site degraded: its last run failed, or it has not succeeded for 26 hours. */
export function jobReasons(job: JobHealth | null, label: string, now: number): string[] {
  if (!job) return [];
  const reasons: string[] = [];
  if (job.lastError !== null) reasons.push(`${label} en échec : ${job.lastError}`);
  const lastOk = job.lastOkAt ? Date.parse(job.lastOkAt) : null;
  if (lastOk === null) reasons.push(`${label} : aucune exécution réussie`);
  else if (now - lastOk > JOB_LATE_MS)
    reasons.push(`${label} en retard : dernière exécution réussie il y a ${Math.floor((now - lastOk) / 3_600_000)} h`);
  return reasons;
}

/** Why a queue makes the site degraded: it lags, its worker keeps failing, or its worker stopped. */
function queueReasons(
  queue: QueueHealth<QueueWorkerStatus<string>> | null,
  rule: {
    lagSeconds: number;
    failures: number;
    late: (pending: number, ageSeconds: number) => string;
    failing: string;
    stopped: string;
  },
): string[] {
  if (!queue) return [];
  const reasons: string[] = [];
  if (queue.oldestAgeSeconds > rule.lagSeconds) reasons.push(rule.late(queue.pending, queue.oldestAgeSeconds));
  const worker = queue.worker;
  if (worker && worker.consecutiveFailures >= rule.failures)
    reasons.push(`${rule.failing} (${worker.consecutiveFailures} fois de suite) : ${worker.lastError ?? ''}`.trim());
  if (worker?.state === 'stopped') reasons.push(rule.stopped);
  return reasons;
}

/** Checks that the database answers a query, that the search engine is reachable, and the outbox lag. */
export async function checkHealth(
  context: Pick<AppContext, 'database' | 'search' | 'outboxWorker' | 'mailWorker' | 'processInfo'>,
  now: number = Date.now(),
): Promise<HealthReport> {
  const db = (await pingDatabase(context.database.db)) ? ('ok' as const) : ('down' as const);
  const search = await context.search
    .health()
    .then((ok) => (ok ? ('ok' as const) : ('down' as const)))
    .catch(() => 'down' as const);
  const outbox = db === 'ok' ? await checkOutbox(context).catch(() => null) : null;
  const mail = db === 'ok' ? await checkMail(context).catch(() => null) : null;
  const charterExpiry = db === 'ok' ? await checkJob(context, 'charter-expiry').catch(() => null) : null;
  const authHousekeeping = db === 'ok' ? await checkJob(context, 'auth-housekeeping').catch(() => null) : null;
  const uploadsCleanup = db === 'ok' ? await checkJob(context, 'uploads-cleanup').catch(() => null) : null;
  const tenderDigest = db === 'ok' ? await checkJob(context, 'tender-digest').catch(() => null) : null;

  const reasons: string[] = [];
  if (db === 'down') reasons.push('base de données indisponible');
  if (search === 'down') reasons.push('moteur de recherche injoignable');
  reasons.push(
    ...queueReasons(outbox, {
      lagSeconds: OUTBOX_LAG_DEGRADED_SECONDS,
      failures: OUTBOX_FAILURES_DEGRADED,
      late: (n, age) =>
        `index de recherche en retard : ${n} modification(s) en attente, la plus ancienne depuis ${age} s`,
      failing: 'synchronisation de la recherche en échec',
      stopped: 'synchronisation de la recherche arrêtée',
    }),
    ...(outbox && outbox.failing > 0
      ? [
          `${outbox.failing} modification(s) refusée(s) par le moteur de recherche : ${outbox.lastRowError ?? ''}`.trim(),
        ]
      : []),
    ...queueReasons(mail, {
      lagSeconds: MAIL_LAG_DEGRADED_SECONDS,
      failures: MAIL_FAILURES_DEGRADED,
      late: (n, age) => `envoi des courriels en retard : ${n} message(s) en attente, le plus ancien depuis ${age} s`,
      failing: 'envoi des courriels en échec',
      stopped: 'envoi des courriels arrêté',
    }),
    ...jobReasons(charterExpiry, DAILY_JOB_LABELS['charter-expiry'], now),
    ...jobReasons(authHousekeeping, DAILY_JOB_LABELS['auth-housekeeping'], now),
    ...jobReasons(uploadsCleanup, DAILY_JOB_LABELS['uploads-cleanup'], now),
    ...jobReasons(tenderDigest, DAILY_JOB_LABELS['tender-digest'], now),
  );
  const status = db === 'down' || search === 'down' ? 'error' : reasons.length > 0 ? 'degraded' : 'ok';
  return {
    status,
    db,
    search,
    outbox,
    mail,
    jobs: db === 'ok' ? { charterExpiry, authHousekeeping, uploadsCleanup, tenderDigest } : null,
    reasons,
    ...(context.processInfo ? { process: { ...context.processInfo } } : {}),
  };
}
