import type { DB } from '../../../db/connection';
import type { FieldIssue } from '~/domain/result';
import { FORM_MESSAGES } from '~/domain/auth/forms';
import { verifyPassword } from './passwords.server';
import { consumeRateLimit } from './rate-limit.server';

// Sensitive actions (new password, new address, deletion, ownership transfer) ask for the current password
// (issue 6 §5). The attempts are rate-limited per account (bucket `reauth-user`, decision 102): a stolen
// session cannot be used to guess the password behind it.

/** Null when `raw` is the user's current password; otherwise the issue to show next to `field`. */
export async function confirmCurrentPassword(
  db: DB,
  user: { id: number; password_hash: string },
  raw: unknown,
  field: string,
  now: Date = new Date(),
): Promise<FieldIssue | null> {
  const password = typeof raw === 'string' ? raw : '';
  if (password === '') return { field, message: FORM_MESSAGES.currentPasswordRequired };
  const limited = await consumeRateLimit(db, 'reauth-user', String(user.id), now);
  if (!limited.allowed) return { field, message: limited.message };
  if (!(await verifyPassword(user.password_hash, password)))
    return { field, message: FORM_MESSAGES.currentPasswordWrong };
  return null;
}
