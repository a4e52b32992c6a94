import type { DB, Executor } from '../../../db/connection';
import {
  deleteSession,
  deleteUserSession,
  deleteUserSessions,
  findSessionWithUser,
  insertSession,
  listActiveUserSessions,
  renewSession,
} from '../../../db/repositories/sessions';
import type { SiteRole } from '~/domain/auth/account';
import { isSessionExpired, sessionExpiresAt, shouldRenewSession } from '~/domain/auth/sessions';
import { generateToken, secretMatches, splitToken } from './tokens.server';

// Sessions after Lucia's current design (docs/decisions/100-sessions.md): the browser holds `id.secret`, the
// database the id and SHA-256(secret). Validation finds the row by id, compares the hash in constant time,
// refuses and deletes an expired session, and pushes the expiry back when the session is used in the second
// half of its inactivity window. Deleting the row (log-out, revocation) makes the cookie worthless.

export interface SessionUser {
  id: number;
  email: string;
  emailVerified: boolean;
  siteRole: SiteRole | null;
}

export interface Session {
  id: string;
  userId: number;
  createdAt: Date;
  lastVerifiedAt: Date;
  expiresAt: Date;
}

export interface ValidSession {
  session: Session;
  user: SessionUser;
  /** True when this validation pushed the expiry back: the page step re-sends the cookie with the new Max-Age. */
  renewed: boolean;
}

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

/** User agents are shown on the sessions page, not parsed: a bounded length is enough. */
const USER_AGENT_MAX_LENGTH = 300;

/** Creates a session for the user; the token goes into the cookie and is never stored. */
export async function createSession(
  db: Executor,
  userId: number,
  client: ClientInfo = {},
  now: Date = new Date(),
): Promise<{ token: string; session: Session }> {
  const { id, secretHash, token } = generateToken();
  const expiresAt = sessionExpiresAt(now);
  await insertSession(db, {
    id,
    secretHash,
    userId,
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
    ip: client.ip ?? null,
    userAgent: client.userAgent?.slice(0, USER_AGENT_MAX_LENGTH) ?? null,
  });
  return { token, session: { id, userId, createdAt: now, lastVerifiedAt: now, expiresAt } };
}

/** The session and user of a cookie's token, or null when it is malformed, unknown, wrong or expired. */
export async function validateSessionToken(
  db: DB,
  token: string,
  now: Date = new Date(),
): Promise<ValidSession | null> {
  const parts = splitToken(token);
  if (!parts) return null;
  const found = await findSessionWithUser(db, parts.id);
  if (!found || !secretMatches(parts.secret, found.session.secret_hash)) return null;
  const row = found.session;
  const session: Session = {
    id: row.id,
    userId: row.user_id,
    createdAt: new Date(row.created_at),
    lastVerifiedAt: new Date(row.last_verified_at),
    expiresAt: new Date(row.expires_at),
  };
  if (isSessionExpired(session.expiresAt, now)) {
    await deleteSession(db, session.id);
    return null;
  }
  let renewed = false;
  if (shouldRenewSession(session.expiresAt, now)) {
    session.expiresAt = sessionExpiresAt(now);
    session.lastVerifiedAt = now;
    await renewSession(db, session.id, now.toISOString(), session.expiresAt.toISOString());
    renewed = true;
  }
  const user: SessionUser = {
    id: found.user.id,
    email: found.user.email,
    emailVerified: found.user.email_verified_at !== null,
    siteRole: found.user.site_role,
  };
  return { session, user, renewed };
}

/** Log-out: the session's row goes, so its cookie no longer validates. */
export async function invalidateSession(db: Executor, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}

/** Revokes every session of the user (password change or reset, account deletion); returns how many. */
export async function invalidateUserSessions(db: Executor, userId: number): Promise<number> {
  return deleteUserSessions(db, userId);
}

/** The « sessions actives » page: revokes one of the user's own sessions; false if it is not theirs. */
export async function revokeUserSession(db: Executor, userId: number, sessionId: string): Promise<boolean> {
  return deleteUserSession(db, userId, sessionId);
}

export interface ActiveSession {
  id: string;
  createdAt: Date;
  lastVerifiedAt: Date;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
  /** The session making the request (the page marks it « cette session »). */
  current: boolean;
}

/** The user's unexpired sessions, most recently active first. */
export async function listUserSessions(
  db: Executor,
  userId: number,
  currentSessionId: string | null = null,
  now: Date = new Date(),
): Promise<ActiveSession[]> {
  const rows = await listActiveUserSessions(db, userId, now.toISOString());
  return rows.map((row) => ({
    id: row.id,
    createdAt: new Date(row.created_at),
    lastVerifiedAt: new Date(row.last_verified_at),
    expiresAt: new Date(row.expires_at),
    ip: row.ip,
    userAgent: row.user_agent,
    current: row.id === currentSessionId,
  }));
}
