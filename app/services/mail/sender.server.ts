import { classifyFailure, describeFailure, isNamedCause, type Failure, type FailureHints } from '../../domain/failure';
import { MAIL_SEND_BATCH } from '../../../db/batch';
import type { DB } from '../../../db/connection';
import { startQueueWorker, type QueueWorker, type QueueWorkerStatus } from '../../../db/queue-worker';
import { claimDueMail, markMailSent, recordMailFailure, releaseMail } from '../../../db/repositories/mail-outbox';
import type { MailTransport } from './transport.server';

// The sender side of the mail outbox (db/repositories/mail-outbox.ts; the actions enqueue in their own
// transaction). A drain claims the due messages and hands each to the transport: a message the transport took
// leaves the outbox; a failed one keeps its row with attempts + 1, the error and its next attempt (back-off
// per message). The worker runs drains on a timer, one at a time, backs off after failed drains and keeps its
// state for /healthz, like the search outbox worker. See docs/decisions/084-mail-outbox.md.

/** A failed message is tried again after MAIL_RETRY_BASE_MS × 2^(attempts − 1), at most MAIL_RETRY_MAX_MS. */
export const MAIL_RETRY_BASE_MS = 30_000;
export const MAIL_RETRY_MAX_MS = 3_600_000;
/** How long a claimed message is held by the sender that claimed it (longer than any SMTP timeout). */
export const MAIL_CLAIM_LEASE_MS = 300_000;

export interface MailDrainOptions {
  batchSize?: number;
  hints?: FailureHints;
  retryBaseMs?: number;
  retryMaxMs?: number;
  now?: () => Date;
}

export interface MailDrainResult {
  /** Messages claimed, of which `sent` were taken by the transport and `failed` were not. */
  claimed: number;
  sent: number;
  failed: number;
  /** Claimed messages given back untried because the transport as a whole failed first. */
  released: number;
  /** The first failure of the drain, if any (recorded on its message when the database allowed it). */
  error?: unknown;
}

/** What a failure names: the SMTP URL without credentials, or the mail directory. */
export function transportHints(transport: MailTransport): FailureHints {
  return transport.kind === 'smtp' ? { url: transport.target } : { path: transport.target };
}

/** The wait before the next attempt of a message that has now failed `attempts` times. */
export function retryDelayMs(attempts: number, baseMs = MAIL_RETRY_BASE_MS, maxMs = MAIL_RETRY_MAX_MS): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
}

/** Whether a failure concerns the transport as a whole (so the next messages would fail too). */
function transportDown(failure: Failure): boolean {
  return isNamedCause(failure) && failure.kind !== 'mail-rejected';
}

/**
 * Sends one batch of due messages. A failure of the transport as a whole (the SMTP server unreachable, a full
 * or read-only mail directory) concerns every message: the drain stops there and gives the untried ones back.
 * A failure of one message (the server refused it, or an unknown fault) is recorded and the drain goes on. An
 * error claiming the batch is thrown.
 */
export async function drainMail(
  db: DB,
  transport: MailTransport,
  options: MailDrainOptions = {},
): Promise<MailDrainResult> {
  const batchSize = options.batchSize ?? MAIL_SEND_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batchSize must be a positive integer, got ${batchSize}`);
  const clock = options.now ?? (() => new Date());
  const hints = options.hints ?? transportHints(transport);
  const now = clock();
  const messages = await claimDueMail(db, {
    limit: batchSize,
    now,
    leaseUntil: new Date(now.getTime() + MAIL_CLAIM_LEASE_MS),
  });
  const result: MailDrainResult = { claimed: messages.length, sent: 0, failed: 0, released: 0 };

  for (const [index, message] of messages.entries()) {
    try {
      await transport.send({
        to: message.recipient,
        subject: message.subject,
        text: message.text_body,
        html: message.html_body,
      });
    } catch (error) {
      const failure = classifyFailure(error, hints);
      result.failed++;
      result.error ??= error;
      const attempts = message.attempts + 1;
      const retryAt = new Date(clock().getTime() + retryDelayMs(attempts, options.retryBaseMs, options.retryMaxMs));
      // A full or read-only database may refuse this write too: the worker's state still says what failed.
      await recordMailFailure(db, message.id, describeFailure(failure, error), retryAt).catch(() => undefined);
      if (transportDown(failure)) {
        const untried = messages.slice(index + 1).map((m) => m.id);
        await releaseMail(db, untried, clock()).catch(() => undefined);
        result.released = untried.length;
        return result;
      }
      continue;
    }
    try {
      await markMailSent(db, message.id);
      result.sent++;
    } catch (error) {
      // Sent, but still in the outbox: it goes again once its lease ends (at-least-once). Stop here.
      result.error ??= error;
      const untried = messages.slice(index + 1).map((m) => m.id);
      await releaseMail(db, untried, clock()).catch(() => undefined);
      result.released = untried.length;
      return result;
    }
  }
  return result;
}

/** What the sender is doing, for /healthz (db/queue-worker.ts). */
export type MailWorkerStatus = QueueWorkerStatus<'sending'>;
export type MailWorkerState = MailWorkerStatus['state'];

export interface MailWorkerOptions extends Omit<MailDrainOptions, 'now'> {
  intervalMs?: number;
  /** Called with every failed drain and its cause; the worker keeps running and retries later. */
  onError?: (error: unknown, failure: Failure, status: MailWorkerStatus) => void;
  /** Called after each drain that claimed messages. */
  onDrain?: (result: MailDrainResult) => void;
}

export type MailWorker = QueueWorker<'sending'>;

/** Sends the due messages at start and then every intervalMs (db/queue-worker.ts: one drain at a time, back-off). */
export function startMailWorker(db: DB, transport: MailTransport, options: MailWorkerOptions = {}): MailWorker {
  const batchSize = options.batchSize ?? MAIL_SEND_BATCH;
  const hints = options.hints ?? transportHints(transport);
  const drainOptions: MailDrainOptions = {
    batchSize,
    hints,
    retryBaseMs: options.retryBaseMs,
    retryMaxMs: options.retryMaxMs,
  };
  return startQueueWorker({
    busyState: 'sending',
    intervalMs: options.intervalMs ?? 1000,
    hints,
    async drainOnce() {
      const result = await drainMail(db, transport, drainOptions);
      if (result.claimed > 0) options.onDrain?.(result);
      return { full: result.claimed >= batchSize, error: result.error };
    },
    source: 'mail',
    onError: options.onError,
  });
}
