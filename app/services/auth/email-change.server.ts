import type { DB, Executor } from '../../../db/connection';
import { findUserByEmail, findUserById, updateUserEmail } from '../../../db/repositories/users';
import { markUserTokenUsed } from '../../../db/repositories/user-tokens';
import { checkEmail } from '~/domain/auth/account';
import { FORM_MESSAGES } from '~/domain/auth/forms';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import type { InvalidToken } from './accounts.server';
import { confirmCurrentPassword } from './reauth.server';
import { findUsableUserToken, issueUserToken } from './user-tokens.server';

// Changing the account's address: a signed-in user types the password and the new address; a 'change-email'
// link (24 h, single use) goes to the new address, and following it switches the account over, verified.
// Whether the new address already has an account is only checked when the link is followed, by whoever holds
// that mailbox, so the request tells the requester nothing about other accounts.

export interface EmailChangeRequested {
  newEmail: string;
  /** `id.secret` for the link mailed to `newEmail` by the caller (mail outbox); never stored. */
  token: string;
  expiresAt: Date;
}

/**
 * Runs inside the request's transaction with the new link and the current address (the page enqueues the
 * confirmation mail to the new address and the notice to the old one there): if it throws, no link is issued.
 */
export type EmailChangeHook = (trx: Executor, requested: EmailChangeRequested & { oldEmail: string }) => Promise<void>;

/** Fields: `password` (the current one) and `newEmail`. */
export async function requestEmailChange(
  db: DB,
  input: { userId: number; password: unknown; newEmail: unknown },
  now: Date = new Date(),
  inTransaction?: EmailChangeHook,
): Promise<Result<EmailChangeRequested, FieldIssue[]>> {
  const user = await findUserById(db, input.userId);
  if (!user) return fail([{ field: '', message: FORM_MESSAGES.accountGone }]);
  const checked = checkEmail(typeof input.newEmail === 'string' ? input.newEmail : '');
  if (!checked.ok) return fail([{ field: 'newEmail', message: checked.error }]);
  if (checked.value === user.email) return fail([{ field: 'newEmail', message: FORM_MESSAGES.sameEmail }]);
  const wrong = await confirmCurrentPassword(db, user, input.password, 'password', now);
  if (wrong) return fail([wrong]);
  const requested = await db.transaction().execute(async (trx) => {
    const issued = await issueUserToken(trx, user.id, 'change-email', now, checked.value);
    const result: EmailChangeRequested = { newEmail: checked.value, ...issued };
    if (inTransaction) await inTransaction(trx, { ...result, oldEmail: user.email });
    return result;
  });
  return ok(requested);
}

export type EmailTaken = { kind: 'email-taken'; message: string };

/** The link of the confirmation mail: the account takes the new address, counted as verified. */
export async function confirmEmailChange(
  db: DB,
  token: unknown,
  now: Date = new Date(),
): Promise<Result<{ userId: number; email: string }, InvalidToken | EmailTaken>> {
  return db.transaction().execute(async (trx) => {
    const row = await findUsableUserToken(trx, token, 'change-email', now);
    if (!row || row.new_email === null || !(await markUserTokenUsed(trx, row.id, now.toISOString())))
      return fail({ kind: 'invalid-token' as const, message: FORM_MESSAGES.tokenInvalid });
    if (await findUserByEmail(trx, row.new_email))
      return fail({ kind: 'email-taken' as const, message: FORM_MESSAGES.emailTaken });
    await updateUserEmail(trx, row.user_id, row.new_email, now.toISOString());
    return ok({ userId: row.user_id, email: row.new_email });
  });
}
