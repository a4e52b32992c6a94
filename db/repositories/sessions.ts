import type { Executor } from '../connection';
import type { SessionRow, User } from '../schema';

// Sessions (decision 100): one row per signed-in browser, the secret's hash only. Functions take the database
// or a transaction first and never open a transaction themselves.

export interface NewSession {
  id: string;
  secretHash: Uint8Array;
  userId: number;
  now: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export async function insertSession(db: Executor, session: NewSession): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      secret_hash: session.secretHash,
      user_id: session.userId,
      created_at: session.now,
      last_verified_at: session.now,
      expires_at: session.expiresAt,
      ip: session.ip,
      user_agent: session.userAgent,
    })
    .execute();
}

export interface SessionWithUser {
  session: SessionRow;
  user: Pick<User, 'id' | 'email' | 'email_verified_at' | 'site_role'>;
}

/** The session with this id and its user, in one query, or undefined. */
export async function findSessionWithUser(db: Executor, id: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('sessions')
    .select(['users.email', 'users.email_verified_at', 'users.site_role'])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const { email, email_verified_at, site_role, ...session } = row;
  return { session, user: { id: session.user_id, email, email_verified_at, site_role } };
}

export async function renewSession(db: Executor, id: string, now: string, expiresAt: string): Promise<void> {
  await db.updateTable('sessions').set({ last_verified_at: now, expires_at: expiresAt }).where('id', '=', id).execute();
}

export async function deleteSession(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Deletes the session only if it belongs to this user; whether a row went. */
export async function deleteUserSession(db: Executor, userId: number, id: string): Promise<boolean> {
  const result = await db.deleteFrom('sessions').where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Deletes every session of the user; returns how many. */
export async function deleteUserSessions(db: Executor, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The user's sessions not expired at `now`, most recently active first. */
export async function listActiveUserSessions(db: Executor, userId: number, now: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .orderBy('last_verified_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

/** Deletes the sessions expired at `now` (housekeeping); returns how many. */
export async function deleteExpiredSessions(db: Executor, now: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
