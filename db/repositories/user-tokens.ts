import type { UserTokenPurpose } from '../../app/domain/auth/account';
import type { Executor } from '../connection';
import type { UserTokenRow } from '../schema';

// Single-use tokens sent by e-mail (verify an address, reset a password, confirm a new address): the hash of
// the secret only. Functions take the database or a transaction first and never open a transaction themselves.

export interface NewUserToken {
  id: string;
  secretHash: Uint8Array;
  userId: number;
  purpose: UserTokenPurpose;
  newEmail?: string | null;
  now: string;
  expiresAt: string;
}

export async function insertUserToken(db: Executor, token: NewUserToken): Promise<void> {
  await db
    .insertInto('user_tokens')
    .values({
      id: token.id,
      secret_hash: token.secretHash,
      user_id: token.userId,
      purpose: token.purpose,
      new_email: token.newEmail ?? null,
      created_at: token.now,
      expires_at: token.expiresAt,
      used_at: null,
    })
    .execute();
}

export async function findUserToken(
  db: Executor,
  id: string,
  purpose: UserTokenPurpose,
): Promise<UserTokenRow | undefined> {
  return db
    .selectFrom('user_tokens')
    .selectAll()
    .where('id', '=', id)
    .where('purpose', '=', purpose)
    .executeTakeFirst();
}

/** Marks the token used if it was not yet; whether this call used it (false: someone else was first). */
export async function markUserTokenUsed(db: Executor, id: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('user_tokens')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Deletes the user's unused tokens of this purpose (a new link replaces the previous ones). */
export async function deleteUnusedUserTokens(db: Executor, userId: number, purpose: UserTokenPurpose): Promise<void> {
  await db
    .deleteFrom('user_tokens')
    .where('user_id', '=', userId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .execute();
}

/** Deletes the tokens spent or expired at `now` (housekeeping); returns how many. */
export async function deleteSpentUserTokens(db: Executor, now: string): Promise<number> {
  const result = await db
    .deleteFrom('user_tokens')
    .where((eb) => eb.or([eb('used_at', 'is not', null), eb('expires_at', '<=', now)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
