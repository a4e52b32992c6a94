import { describe, expect, it } from 'vitest';
import { EMAIL_MESSAGES } from '../../app/domain/auth/account';
import { FORM_MESSAGES } from '../../app/domain/auth/forms';
import { logIn, signUp } from '../../app/services/auth/accounts.server';
import { confirmEmailChange, requestEmailChange } from '../../app/services/auth/email-change.server';
import { createTestDatabase } from '../support/db';

// Changing an account's address with a 'change-email' link on a real SQLite file.

const { db } = createTestDatabase();
const emailOf = async (id: number) =>
  (await db.selectFrom('users').select('email').where('id', '=', id).executeTakeFirstOrThrow()).email;
const NOW = new Date('2026-12-01T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const PASSWORD = 'cheval violet sur la Loire';
let n = 0;

async function account(): Promise<{ userId: number; email: string }> {
  n += 1;
  const email = `ancienne-${n}@exemple.fr`;
  const result = await signUp(db, { email, password: PASSWORD }, { ip: `10.9.0.${n}` }, NOW);
  if (!result.ok || result.value.kind !== 'created') throw new Error('sign-up failed');
  return { userId: result.value.userId, email };
}

describe('requestEmailChange and confirmEmailChange', () => {
  it('switch the account to the new address, verified, with a single-use link', async () => {
    const { userId, email } = await account();
    const requested = await requestEmailChange(
      db,
      { userId, password: PASSWORD, newEmail: ' Nouvelle@Exemple.fr ' },
      NOW,
    );
    if (!requested.ok) throw new Error(JSON.stringify(requested.error));
    expect(requested.value.newEmail).toBe('nouvelle@exemple.fr');
    expect(requested.value.expiresAt).toEqual(new Date(NOW.getTime() + DAY));
    expect(await emailOf(userId)).toBe(email);
    expect(await confirmEmailChange(db, requested.value.token, NOW)).toEqual({
      ok: true,
      value: { userId, email: 'nouvelle@exemple.fr' },
    });
    const row = await db
      .selectFrom('users')
      .select(['email', 'email_verified_at'])
      .where('id', '=', userId)
      .executeTakeFirst();
    expect(row).toEqual({ email: 'nouvelle@exemple.fr', email_verified_at: NOW.toISOString() });
    expect((await logIn(db, { email: 'nouvelle@exemple.fr', password: PASSWORD }, { ip: '10.9.1.1' }, NOW)).ok).toBe(
      true,
    );
    expect((await confirmEmailChange(db, requested.value.token, NOW)).ok).toBe(false);
  });

  it('asks the password and a valid, different address', async () => {
    const { userId, email } = await account();
    expect(await requestEmailChange(db, { userId, password: 'faux', newEmail: 'x@exemple.fr' }, NOW)).toEqual({
      ok: false,
      error: [{ field: 'password', message: FORM_MESSAGES.currentPasswordWrong }],
    });
    expect(await requestEmailChange(db, { userId, password: PASSWORD, newEmail: 'oups' }, NOW)).toEqual({
      ok: false,
      error: [{ field: 'newEmail', message: EMAIL_MESSAGES.invalid }],
    });
    expect(await requestEmailChange(db, { userId, password: PASSWORD, newEmail: email.toUpperCase() }, NOW)).toEqual({
      ok: false,
      error: [{ field: 'newEmail', message: FORM_MESSAGES.sameEmail }],
    });
    expect(
      await db
        .selectFrom('user_tokens')
        .select('id')
        .where('purpose', '=', 'change-email')
        .where('user_id', '=', userId)
        .execute(),
    ).toEqual([]);
  });

  it('refuses an address taken meanwhile, and an expired link', async () => {
    const first = await account();
    const second = await account();
    const taken = await requestEmailChange(
      db,
      { userId: first.userId, password: PASSWORD, newEmail: second.email },
      NOW,
    );
    if (!taken.ok) throw new Error('request refused');
    expect(await confirmEmailChange(db, taken.value.token, NOW)).toEqual({
      ok: false,
      error: { kind: 'email-taken', message: FORM_MESSAGES.emailTaken },
    });
    expect(await emailOf(first.userId)).toBe(first.email);
    const late = await requestEmailChange(
      db,
      { userId: first.userId, password: PASSWORD, newEmail: 'tard@exemple.fr' },
      NOW,
    );
    if (!late.ok) throw new Error('request refused');
    expect(await confirmEmailChange(db, late.value.token, new Date(NOW.getTime() + DAY))).toEqual({
      ok: false,
      error: { kind: 'invalid-token', message: FORM_MESSAGES.tokenInvalid },
    });
  });
});
