import { sql } from 'kysely';
import type { SiteRole } from '../../app/domain/auth/account';
import type { Executor } from '../connection';
import type { User } from '../schema';

// The user aggregate's repository (accounts, decision 100). E-mails arrive already normalised by the domain.
// Functions take the database or a transaction first and never open a transaction themselves.

export interface NewUser {
  email: string;
  passwordHash: string;
  siteRole?: SiteRole | null;
  now: string;
}

/** Inserts a user; returns its id. Throws on a duplicate e-mail (the unique index). */
export async function insertUser(db: Executor, user: NewUser): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      password_hash: user.passwordHash,
      site_role: user.siteRole ?? null,
      email_verified_at: null,
      created_at: user.now,
      updated_at: user.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findUserByEmail(db: Executor, email: string): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findUserById(db: Executor, id: number): Promise<User | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateUserPasswordHash(
  db: Executor,
  id: number,
  passwordHash: string,
  now: string,
): Promise<void> {
  await db.updateTable('users').set({ password_hash: passwordHash, updated_at: now }).where('id', '=', id).execute();
}

/** Marks the address verified, keeping the first verification date. */
export async function markUserEmailVerified(db: Executor, id: number, now: string): Promise<void> {
  await db
    .updateTable('users')
    .set({ email_verified_at: now, updated_at: now })
    .where('id', '=', id)
    .where('email_verified_at', 'is', null)
    .execute();
}

/** Deletes the user; sessions and tokens go with it (foreign keys cascade). */
export async function deleteUser(db: Executor, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

/** Switches the user to a new (normalised) address, verified by the link it received. */
export async function updateUserEmail(db: Executor, id: number, email: string, now: string): Promise<void> {
  await db.updateTable('users').set({ email, email_verified_at: now, updated_at: now }).where('id', '=', id).execute();
}

export interface UserListing {
  id: number;
  email: string;
  emailVerified: boolean;
  siteRole: SiteRole | null;
  createdAt: string;
}

/**
 * The accounts whose address contains `fragment` (already normalised), or every moderator and admin when it is
 * null, at most `limit`, by address. The fragment is a bound parameter; `%` and `_` in it are matched literally.
 */
export async function searchUsers(db: Executor, fragment: string | null, limit: number): Promise<UserListing[]> {
  let query = db.selectFrom('users').select(['id', 'email', 'email_verified_at', 'site_role', 'created_at']);
  if (fragment === null) query = query.where('site_role', 'is not', null);
  else {
    const escaped = fragment.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where(sql<boolean>`email like ${`%${escaped}%`} escape '\\'`);
  }
  const rows = await query.orderBy('email').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    emailVerified: r.email_verified_at !== null,
    siteRole: r.site_role,
    createdAt: r.created_at,
  }));
}

export async function updateUserSiteRole(db: Executor, id: number, role: SiteRole | null, now: string): Promise<void> {
  await db.updateTable('users').set({ site_role: role, updated_at: now }).where('id', '=', id).execute();
}
