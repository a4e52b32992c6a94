import type { Executor } from '../../../db/connection';
import { deleteUnusedUserTokens, findUserToken, insertUserToken } from '../../../db/repositories/user-tokens';
import type { UserTokenRow } from '../../../db/schema';
import { type UserTokenPurpose, userTokenExpiresAt } from '~/domain/auth/account';
import { generateToken, secretMatches, splitToken } from './tokens.server';

// Single-use tokens sent by e-mail (verify an address, reset a password, confirm a new address). Same shape
// as session tokens: `id.secret`, the secret's hash only in `user_tokens`, compared in constant time. A new
// token of a purpose replaces the user's unused ones; a token is spent by setting `used_at`.

export interface IssuedUserToken {
  /** `id.secret`: goes into the link of the mail, never stored. */
  token: string;
  expiresAt: Date;
}

export async function issueUserToken(
  db: Executor,
  userId: number,
  purpose: UserTokenPurpose,
  now: Date,
  newEmail: string | null = null,
): Promise<IssuedUserToken> {
  await deleteUnusedUserTokens(db, userId, purpose);
  const { id, secretHash, token } = generateToken();
  const expiresAt = userTokenExpiresAt(purpose, now);
  await insertUserToken(db, {
    id,
    secretHash,
    userId,
    purpose,
    newEmail,
    now: now.toISOString(),
    expiresAt: expiresAt.toISOString(),
  });
  return { token, expiresAt };
}

/** The row of a token that is well formed, known for this purpose, matching, unused and unexpired at `now`. */
export async function findUsableUserToken(
  db: Executor,
  token: unknown,
  purpose: UserTokenPurpose,
  now: Date,
): Promise<UserTokenRow | undefined> {
  const parts = typeof token === 'string' ? splitToken(token) : undefined;
  if (!parts) return undefined;
  const row = await findUserToken(db, parts.id, purpose);
  if (!row || !secretMatches(parts.secret, row.secret_hash)) return undefined;
  if (row.used_at !== null || now.getTime() >= new Date(row.expires_at).getTime()) return undefined;
  return row;
}
