import { pingDatabase } from '../../db/connection';
import { readMailLag } from '../../db/repositories/mail-outbox';
import { readOutboxLag } from '../../db/repositories/outbox';
import type { OutboxWorkerStatus } from '../../search/outbox';
import type { AppContext } from './context.server';
import type { MailWorkerStatus } from './mail/sender.server';

// GET /healthz: the database, the search engine, how far the search index is behind the database (the
// outbox lag and the worker's state) and the mail waiting to be sent (the mail outbox and its sender).
// See docs/decisions/082-outbox-worker-state-and-healthz.md and 084-mail-outbox.md.

/** Degraded when the oldest change not yet in the search index is older than this (seconds). */
export const OUTBOX_LAG_DEGRADED_SECONDS = 60;
/** Degraded when the outbox worker has failed this many drains in a row. */
export const OUTBOX_FAILURES_DEGRADED = 3;
/** Degraded when the oldest unsent message is older than this (seconds): mail is slow or stuck. */
export const MAIL_LAG_DEGRADED_SECONDS = 300;
/** Degraded when the mail sender has failed this many drains in a row. */
export const MAIL_FAILURES_DEGRADED = 3;

export interface OutboxHealth {
  /** Changes waiting to reach the search index, of which `failing` failed at least once. */
  pending: number;
  failing: number;
  /** Age in seconds of the oldest waiting change (0 when none waits). */
  oldestAgeSeconds: number;
  /** The last error kept on a waiting row. */
  lastRowError: string | null;
  /** The worker's own state, or null when this process runs no worker. */
  worker: OutboxWorkerStatus | null;
}

export interface MailHealth {
  /** Messages not sent yet, of which `failing` failed at least once. */
  pending: number;
  failing: number;
  /** Age in seconds of the oldest unsent message (0 when none waits). */
  oldestAgeSeconds: number;
  /** The last error kept on an unsent message. */
  lastRowError: string | null;
  /** The sender's own state, or null when this process runs no sender. */
  worker: MailWorkerStatus | null;
}

export interface HealthReport {
  /** ok; degraded: serving, but the search index lags or the worker keeps failing; error: a part is down. */
  status: 'ok' | 'degraded' | 'error';
  db: 'ok' | 'down';
  search: 'ok' | 'down';
  /** null when the database is down (the lag cannot be read). */
  outbox: OutboxHealth | null;
  /** null when the database is down. Mail never makes the status `error`: the site still serves. */
  mail: MailHealth | null;
  /** French reasons for degraded or error, empty when ok. */
  reasons: string[];
}

export async function checkOutbox(
  context: Pick<AppContext, 'database' | 'outboxWorker'>,
  now: number = Date.now(),
): Promise<OutboxHealth> {
  const lag = await readOutboxLag(context.database.db);
  const oldest = lag.oldestCreatedAt ? Date.parse(lag.oldestCreatedAt) : now;
  return {
    pending: lag.pending,
    failing: lag.failing,
    oldestAgeSeconds: Math.max(0, Math.round((now - oldest) / 1000)),
    lastRowError: lag.lastError,
    worker: context.outboxWorker?.status() ?? null,
  };
}

export async function checkMail(
  context: Pick<AppContext, 'database' | 'mailWorker'>,
  now: number = Date.now(),
): Promise<MailHealth> {
  const lag = await readMailLag(context.database.db);
  const oldest = lag.oldestCreatedAt ? Date.parse(lag.oldestCreatedAt) : now;
  return {
    pending: lag.pending,
    failing: lag.failing,
    oldestAgeSeconds: Math.max(0, Math.round((now - oldest) / 1000)),
    lastRowError: lag.lastError,
    worker: context.mailWorker?.status() ?? null,
  };
}

/** Checks that the database answers a query, that the search engine is reachable, and the outbox lag. */
export async function checkHealth(
  context: Pick<AppContext, 'database' | 'search' | 'outboxWorker' | 'mailWorker'>,
): Promise<HealthReport> {
  const db = (await pingDatabase(context.database.db)) ? ('ok' as const) : ('down' as const);
  const search = await context.search
    .health()
    .then((ok) => (ok ? ('ok' as const) : ('down' as const)))
    .catch(() => 'down' as const);
  const outbox = db === 'ok' ? await checkOutbox(context).catch(() => null) : null;
  const mail = db === 'ok' ? await checkMail(context).catch(() => null) : null;

  const reasons: string[] = [];
  if (db === 'down') reasons.push('base de données indisponible');
  if (search === 'down') reasons.push('moteur de recherche injoignable');
  if (outbox && outbox.oldestAgeSeconds > OUTBOX_LAG_DEGRADED_SECONDS)
    reasons.push(
      `index de recherche en retard : ${outbox.pending} modification(s) en attente, la plus ancienne depuis ${outbox.oldestAgeSeconds} s`,
    );
  if (outbox?.worker && outbox.worker.consecutiveFailures >= OUTBOX_FAILURES_DEGRADED)
    reasons.push(
      `synchronisation de la recherche en échec (${outbox.worker.consecutiveFailures} fois de suite) : ${outbox.worker.lastError ?? ''}`.trim(),
    );
  if (outbox?.worker?.state === 'stopped') reasons.push('synchronisation de la recherche arrêtée');
  if (mail && mail.oldestAgeSeconds > MAIL_LAG_DEGRADED_SECONDS)
    reasons.push(
      `envoi des courriels en retard : ${mail.pending} message(s) en attente, le plus ancien depuis ${mail.oldestAgeSeconds} s`,
    );
  if (mail?.worker && mail.worker.consecutiveFailures >= MAIL_FAILURES_DEGRADED)
    reasons.push(
      `envoi des courriels en échec (${mail.worker.consecutiveFailures} fois de suite) : ${mail.worker.lastError ?? ''}`.trim(),
    );
  if (mail?.worker?.state === 'stopped') reasons.push('envoi des courriels arrêté');
  const status = db === 'down' || search === 'down' ? 'error' : reasons.length > 0 ? 'degraded' : 'ok';
  return { status, db, search, outbox, mail, reasons };
}
