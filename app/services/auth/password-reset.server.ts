import type { DB, Executor } from '../../../db/connection';
import {
  findUserByEmail,
  findUserById,
  markUserEmailVerified,
  updateUserPasswordHash,
} from '../../../db/repositories/users';
import { deleteUnusedUserTokens, markUserTokenUsed } from '../../../db/repositories/user-tokens';
import { FORM_MESSAGES, parsePasswordResetRequestForm } from '~/domain/auth/forms';
import { parseNewPassword } from '~/domain/auth/new-password';
import { type Result, fail, ok } from '~/domain/result';
import type { Invalid, InvalidToken, RequestClient } from './accounts.server';
import { hashPassword } from './passwords.server';
import { type RateLimited, consumeRateLimits, rateLimited } from './rate-limit.server';
import { invalidateUserSessions } from './sessions.server';
import { findUsableUserToken, issueUserToken } from './user-tokens.server';

// « Mot de passe oublié » (issue 6): a single-use link valid one hour; using it sets the new password and
// revokes every session of the user. The request's answer is the same whether the address has an account or
// not (the page always says « si un compte existe, un lien vous a été envoyé »); only the caller sees
// `delivery`, to enqueue the mail.

export interface PasswordResetRequested {
  email: string;
  /** null when no account has this address: nothing to send, same answer to the person. */
  delivery: { userId: number; token: string; expiresAt: Date } | null;
}

/**
 * Runs inside the request's transaction once the outcome is known (the page enqueues the mail there): if it
 * throws, the token is not written either.
 */
export type PasswordResetHook = (trx: Executor, requested: PasswordResetRequested) => Promise<void>;

export async function requestPasswordReset(
  db: DB,
  form: unknown,
  client: RequestClient,
  now: Date = new Date(),
  inTransaction?: PasswordResetHook,
): Promise<Result<PasswordResetRequested, Invalid | RateLimited>> {
  const parsed = parsePasswordResetRequestForm(form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const limited = await consumeRateLimits(db, [['reset-ip', client.ip]], now);
  if (!limited.allowed) return fail(rateLimited(limited));
  const { email } = parsed.value;
  return db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    const requested: PasswordResetRequested = user
      ? { email, delivery: { userId: user.id, ...(await issueUserToken(trx, user.id, 'reset-password', now)) } }
      : { email, delivery: null };
    if (inTransaction) await inTransaction(trx, requested);
    return ok(requested);
  });
}

/** The reset page's loader: whether the link still works (so the page shows the form or « lien expiré »). */
export async function isPasswordResetTokenUsable(db: DB, token: unknown, now: Date = new Date()): Promise<boolean> {
  return (await findUsableUserToken(db, token, 'reset-password', now)) !== undefined;
}

/**
 * Sets a new password from a reset link (field `password`): the token is spent, every session of the user is
 * revoked, and the address counts as verified (the link reached its mailbox).
 */
export async function resetPassword(
  db: DB,
  input: { token: unknown; password: unknown },
  now: Date = new Date(),
): Promise<Result<{ userId: number }, Invalid | InvalidToken>> {
  const invalidToken = fail({ kind: 'invalid-token' as const, message: FORM_MESSAGES.tokenInvalid });
  const row = await findUsableUserToken(db, input.token, 'reset-password', now);
  const user = row ? await findUserById(db, row.user_id) : undefined;
  if (!row || !user) return invalidToken;
  const parsed = parseNewPassword(input.password, 'password', user.email);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const passwordHash = await hashPassword(parsed.value);
  return db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: two tabs submitting the same link spend it once.
    if (!(await markUserTokenUsed(trx, row.id, now.toISOString()))) return invalidToken;
    const stamp = now.toISOString();
    await updateUserPasswordHash(trx, user.id, passwordHash, stamp);
    await markUserEmailVerified(trx, user.id, stamp);
    await deleteUnusedUserTokens(trx, user.id, 'reset-password');
    await invalidateUserSessions(trx, user.id);
    return ok({ userId: user.id });
  });
}
