import type { DB, Executor } from '../../../db/connection';
import {
  deleteUser,
  findUserByEmail,
  findUserById,
  insertUser,
  markUserEmailVerified,
  updateUserPasswordHash,
} from '../../../db/repositories/users';
import { listOrganisationsLastOwnedWithMembers } from '../../../db/repositories/memberships';
import { markUserTokenUsed } from '../../../db/repositories/user-tokens';
import { FORM_MESSAGES, parseLogInForm } from '~/domain/auth/forms';
import { parseNewPassword, parseSignUpForm } from '~/domain/auth/new-password';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { hashPassword, verifyAgainstDummyHash, verifyPassword } from './passwords.server';
import { confirmCurrentPassword } from './reauth.server';
import { type RateLimited, consumeRateLimits, rateLimited } from './rate-limit.server';
import {
  type ClientInfo,
  type Session,
  type SessionUser,
  createSession,
  invalidateUserSessions,
} from './sessions.server';
import { findUsableUserToken, issueUserToken } from './user-tokens.server';

// The account use cases (issue 6; docs/decisions/100-sessions.md, 101-passwords.md, 102-rate-limits.md).
// Each takes the database, the raw form fields (parsed here with the domain's schemas), what is known of the
// client, and `now` (injected so tests move time). Mail is not sent here: the caller receives the raw token
// and enqueues the mail in the mail outbox. Passwords are hashed before any transaction opens.

export interface RequestClient extends ClientInfo {
  /** The client's address: the key of the per-IP rate limits. */
  ip: string;
}

export type Invalid = { kind: 'invalid'; issues: FieldIssue[] };
export type InvalidToken = { kind: 'invalid-token'; message: string };

export type SignUpOutcome =
  /** New account: the caller mails `verifyEmailToken` (link valid until `verifyEmailExpiresAt`). */
  | { kind: 'created'; userId: number; email: string; verifyEmailToken: string; verifyEmailExpiresAt: Date }
  /**
   * The address already has an account: nothing was written. The page answers exactly as for `created`
   * (« vérifiez votre messagerie ») and the caller mails the owner that someone tried to sign up again.
   */
  | { kind: 'already-registered'; userId: number; email: string };

/**
 * Runs inside the sign-up's transaction once the outcome is known (the pages enqueue the mail there): if it
 * throws, nothing of the sign-up is written.
 */
export type SignUpHook = (trx: Executor, outcome: SignUpOutcome) => Promise<void>;

/** Sign-up: normalise and check the fields, hash, create the user and its verify-email token in one transaction. */
export async function signUp(
  db: DB,
  form: unknown,
  client: RequestClient,
  now: Date = new Date(),
  inTransaction?: SignUpHook,
): Promise<Result<SignUpOutcome, Invalid | RateLimited>> {
  const parsed = parseSignUpForm(form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const limited = await consumeRateLimits(db, [['signup-ip', client.ip]], now);
  if (!limited.allowed) return fail(rateLimited(limited));
  const { email, password } = parsed.value;
  // Hashed even for a known address, so both answers take the same time.
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const existing = await findUserByEmail(trx, email);
    let outcome: SignUpOutcome;
    if (existing) outcome = { kind: 'already-registered', userId: existing.id, email };
    else {
      const userId = await insertUser(trx, { email, passwordHash, now: now.toISOString() });
      const issued = await issueUserToken(trx, userId, 'verify-email', now);
      outcome = {
        kind: 'created',
        userId,
        email,
        verifyEmailToken: issued.token,
        verifyEmailExpiresAt: issued.expiresAt,
      };
    }
    if (inTransaction) await inTransaction(trx, outcome);
    return ok(outcome);
  });
}

export const WRONG_CREDENTIALS_MESSAGE = 'Adresse e-mail ou mot de passe incorrect.';

export type WrongCredentials = { kind: 'wrong-credentials'; message: string };

export interface LoggedIn {
  /** For the cookie (serializeSessionCookie); never stored. */
  token: string;
  session: Session;
  user: SessionUser;
}

/**
 * Log-in: rate-limited per IP and per address; an unknown address and a wrong password give the same answer
 * after the same work (a verification against a dummy hash), so the answer never tells who has an account.
 */
export async function logIn(
  db: DB,
  form: unknown,
  client: RequestClient,
  now: Date = new Date(),
): Promise<Result<LoggedIn, Invalid | RateLimited | WrongCredentials>> {
  const parsed = parseLogInForm(form);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { email, password } = parsed.value;
  const limited = await consumeRateLimits(
    db,
    [
      ['login-ip', client.ip],
      ['login-email', email],
    ],
    now,
  );
  if (!limited.allowed) return fail(rateLimited(limited));
  const user = await findUserByEmail(db, email);
  const matches = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDummyHash(password);
  if (!user || !matches) return fail({ kind: 'wrong-credentials', message: WRONG_CREDENTIALS_MESSAGE });
  const { token, session } = await createSession(db, user.id, client, now);
  return ok({
    token,
    session,
    user: {
      id: user.id,
      email: user.email,
      emailVerified: user.email_verified_at !== null,
      siteRole: user.site_role,
    },
  });
}

/** The link of the verification mail: marks the address verified; the token is spent. */
export async function verifyEmail(
  db: DB,
  token: unknown,
  now: Date = new Date(),
): Promise<Result<{ userId: number }, InvalidToken>> {
  const invalid = fail({ kind: 'invalid-token' as const, message: FORM_MESSAGES.tokenInvalid });
  return db.transaction().execute(async (trx) => {
    const row = await findUsableUserToken(trx, token, 'verify-email', now);
    if (!row || !(await markUserTokenUsed(trx, row.id, now.toISOString()))) return invalid;
    await markUserEmailVerified(trx, row.user_id, now.toISOString());
    return ok({ userId: row.user_id });
  });
}

/** Issues a new verification link for a signed-in user whose address is not yet verified (« renvoyer le lien »). */
export async function resendEmailVerification(
  db: DB,
  userId: number,
  now: Date = new Date(),
  /** Runs in the transaction with the new link (the page enqueues the mail there). */
  inTransaction?: (trx: Executor, issued: { email: string; token: string; expiresAt: Date }) => Promise<void>,
): Promise<{ email: string; token: string; expiresAt: Date } | null> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserById(trx, userId);
    if (!user || user.email_verified_at !== null) return null;
    const issued = await issueUserToken(trx, userId, 'verify-email', now);
    const resent = { email: user.email, token: issued.token, expiresAt: issued.expiresAt };
    if (inTransaction) await inTransaction(trx, resent);
    return resent;
  });
}

export interface ChangePasswordInput {
  userId: number;
  currentPassword: unknown;
  newPassword: unknown;
}

/**
 * Changes the password of a signed-in user who typed the current one. Every session of the user is revoked,
 * this one too, and a fresh session is returned for the browser that made the change (its cookie is replaced),
 * so a stolen cookie stops working. Fields: `currentPassword`, `newPassword`.
 */
export async function changePassword(
  db: DB,
  input: ChangePasswordInput,
  client: ClientInfo = {},
  now: Date = new Date(),
): Promise<Result<{ token: string; session: Session }, FieldIssue[]>> {
  const user = await findUserById(db, input.userId);
  if (!user) return fail([{ field: '', message: FORM_MESSAGES.accountGone }]);
  const wrong = await confirmCurrentPassword(db, user, input.currentPassword, 'currentPassword', now);
  if (wrong) return fail([wrong]);
  const parsed = parseNewPassword(input.newPassword, 'newPassword', user.email);
  if (!parsed.ok) return parsed;
  const passwordHash = await hashPassword(parsed.value);
  return db.transaction().execute(async (trx) => {
    await updateUserPasswordHash(trx, user.id, passwordHash, now.toISOString());
    await invalidateUserSessions(trx, user.id);
    return ok(await createSession(trx, user.id, client, now));
  });
}

/**
 * Deletes the account of a signed-in user who typed the password and ticked the confirmation box (field
 * `confirm`, the value `on` a checked box sends); sessions and tokens go with it.
 */
export async function deleteAccount(
  db: DB,
  input: { userId: number; password: unknown; confirm: unknown },
  now: Date = new Date(),
): Promise<Result<void, FieldIssue[]>> {
  const user = await findUserById(db, input.userId);
  if (!user) return fail([{ field: '', message: FORM_MESSAGES.accountGone }]);
  const issues: FieldIssue[] = [];
  const wrong = await confirmCurrentPassword(db, user, input.password, 'password', now);
  if (wrong) issues.push(wrong);
  if (input.confirm !== 'on') issues.push({ field: 'confirm', message: FORM_MESSAGES.deletionNotConfirmed });
  if (issues.length > 0) return fail(issues);
  // The last-owner rule (decision 120): an organisation with other members keeps an owner.
  const lastOwned = await listOrganisationsLastOwnedWithMembers(db, user.id);
  if (lastOwned.length > 0)
    return fail([{ field: '', message: FORM_MESSAGES.lastOwner(lastOwned.map((o) => `« ${o.name} »`).join(', ')) }]);
  await db.transaction().execute((trx) => deleteUser(trx, user.id));
  return ok(undefined);
}
