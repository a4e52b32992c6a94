import type { MailMessage } from '../../app/domain/mail';
import type { Executor } from '../connection';
import { dialectOf } from '../dialect';

// The mail outbox (docs/decisions/084-mail-outbox.md): enqueueMail writes a message in the caller's
// transaction; the sender (app/services/mail/sender.server.ts) claims the due ones, deletes each once the
// transport took it, or records the failure and when to try again.

/**
 * Adds a message to send. Call it inside the same transaction as the action it belongs to: a rollback
 * writes no message, and a committed action always gets its message, even if the process stops just after.
 */
export async function enqueueMail(trx: Executor, message: MailMessage, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  const row = await trx
    .insertInto('mail_outbox')
    .values({
      recipient: message.to,
      subject: message.subject,
      text_body: message.text,
      html_body: message.html,
      created_at: at,
      next_attempt_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface OutgoingMail {
  id: number;
  recipient: string;
  subject: string;
  text_body: string;
  html_body: string;
  /** Failed attempts before this one. */
  attempts: number;
}

/**
 * Claims up to `limit` due messages (next attempt reached; oldest due first): their next attempt moves to
 * `leaseUntil`, so another sender does not take them meanwhile, and a sender that dies holding them only
 * delays them until the lease ends (at-least-once delivery).
 *
 * SQLite (one writer at a time): a read finds the due ids, so an idle outbox costs no write; the update checks
 * again that each is still due and returns only the rows it took. PostgreSQL (several instances, decision 350):
 * one statement whose subquery locks the due rows `FOR UPDATE SKIP LOCKED`, so two senders claiming at the same
 * moment take disjoint messages without waiting for each other; the update re-checks that each is still due.
 */
export async function claimDueMail(
  db: Executor,
  options: { limit: number; now: Date; leaseUntil: Date },
): Promise<OutgoingMail[]> {
  const now = options.now.toISOString();
  const columns = ['id', 'recipient', 'subject', 'text_body', 'html_body', 'attempts'] as const;
  // One statement on both databases: the due ids, then their lease. PostgreSQL skips rows another sender holds
  // (decision 350); SQLite has one writer at a time.
  const postgres = dialectOf(db) === 'postgres';
  const rows = await db
    .updateTable('mail_outbox')
    .set({ next_attempt_at: options.leaseUntil.toISOString() })
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('next_attempt_at', '<=', now)
        .orderBy('next_attempt_at')
        .orderBy('id')
        .limit(options.limit)
        .$if(postgres, (qb) => qb.forUpdate().skipLocked()),
    )
    .where('next_attempt_at', '<=', now)
    .returning(columns)
    .execute();
  return rows.sort((a, b) => a.id - b.id);
}

/** The transport took the message: it leaves the outbox (its text, which may hold a link with a token, too). */
export async function markMailSent(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('mail_outbox').where('id', '=', id).execute();
}

/** Counts one failed attempt, keeps the error (already cut to a readable length) and when to try again. */
export async function recordMailFailure(db: Executor, id: number, error: string, nextAttemptAt: Date): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: error,
      next_attempt_at: nextAttemptAt.toISOString(),
    }))
    .where('id', '=', id)
    .execute();
}

/** Gives claimed messages back without counting an attempt (the sender stopped before trying them). */
export async function releaseMail(db: Executor, ids: number[], now: Date = new Date()): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('mail_outbox').set({ next_attempt_at: now.toISOString() }).where('id', 'in', ids).execute();
}
