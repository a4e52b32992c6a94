import { describe, expect, it } from 'vitest';
import { EMAIL_MESSAGES } from '../../app/domain/auth/account';
import { FORM_MESSAGES } from '../../app/domain/auth/forms';
import { PASSWORD_MESSAGES } from '../../app/domain/auth/password-rules';
import { logIn, signUp } from '../../app/services/auth/accounts.server';
import {
  isPasswordResetTokenUsable,
  requestPasswordReset,
  resetPassword,
} from '../../app/services/auth/password-reset.server';
import { createSession, validateSessionToken } from '../../app/services/auth/sessions.server';
import { createTestDatabase } from '../support/db';

// « Mot de passe oublié » on a real SQLite file: same answer for any address, single-use link valid one hour,
// every session revoked.

const { db } = createTestDatabase();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const PASSWORD = 'cheval violet sur la Loire';
const NEW_PASSWORD = 'quatre saisons à Annecy';
let n = 0;

async function account(): Promise<{ userId: number; email: string }> {
  n += 1;
  const email = `oubli-${n}@exemple.fr`;
  const result = await signUp(db, { email, password: PASSWORD }, { ip: `10.1.0.${n}` }, NOW);
  if (!result.ok || result.value.kind !== 'created') throw new Error('sign-up failed');
  return { userId: result.value.userId, email };
}

async function resetLink(email: string, now = NOW): Promise<string> {
  const requested = await requestPasswordReset(db, { email }, { ip: `10.2.0.${n}` }, now);
  if (!requested.ok || !requested.value.delivery) throw new Error('no reset link');
  return requested.value.delivery.token;
}

describe('requestPasswordReset', () => {
  it('answers alike for a known and an unknown address; only the caller sees the link to mail', async () => {
    const { userId, email } = await account();
    const known = await requestPasswordReset(db, { email: email.toUpperCase() }, { ip: '10.3.0.1' }, NOW);
    const unknown = await requestPasswordReset(db, { email: 'personne@exemple.fr' }, { ip: '10.3.0.1' }, NOW);
    expect(known.ok && known.value.delivery?.userId).toBe(userId);
    expect(known.ok && known.value.delivery?.expiresAt).toEqual(at(HOUR));
    expect(unknown).toEqual({ ok: true, value: { email: 'personne@exemple.fr', delivery: null } });
  });

  it('refuses a bad address with a French message', async () => {
    expect(await requestPasswordReset(db, { email: 'oups' }, { ip: '10.3.0.2' }, NOW)).toEqual({
      ok: false,
      error: { kind: 'invalid', issues: [{ field: 'email', message: EMAIL_MESSAGES.invalid }] },
    });
  });
});

describe('resetPassword', () => {
  it('sets the new password, revokes every session, and the link works once', async () => {
    const { userId, email } = await account();
    const laptop = await createSession(db, userId, {}, NOW);
    const phone = await createSession(db, userId, {}, NOW);
    const token = await resetLink(email);
    expect(await isPasswordResetTokenUsable(db, token, NOW)).toBe(true);
    expect(await resetPassword(db, { token, password: NEW_PASSWORD }, at(10 * 60 * 1000))).toEqual({
      ok: true,
      value: { userId },
    });
    expect(await validateSessionToken(db, laptop.token, NOW)).toBeNull();
    expect(await validateSessionToken(db, phone.token, NOW)).toBeNull();
    expect(
      (await db.selectFrom('users').select('email_verified_at').where('id', '=', userId).executeTakeFirstOrThrow())
        .email_verified_at,
    ).not.toBeNull();
    const ip = { ip: '10.4.0.1' };
    expect((await logIn(db, { email, password: PASSWORD }, ip, NOW)).ok).toBe(false);
    expect((await logIn(db, { email, password: NEW_PASSWORD }, ip, NOW)).ok).toBe(true);
    expect(await resetPassword(db, { token, password: 'encore un autre mot de passe' }, NOW)).toEqual({
      ok: false,
      error: { kind: 'invalid-token', message: FORM_MESSAGES.tokenInvalid },
    });
    expect(JSON.stringify(await db.selectFrom('users').selectAll().execute())).not.toContain(NEW_PASSWORD);
  });

  it('expires after one hour', async () => {
    const { email } = await account();
    const token = await resetLink(email);
    expect(await isPasswordResetTokenUsable(db, token, at(HOUR - 1000))).toBe(true);
    expect(await isPasswordResetTokenUsable(db, token, at(HOUR))).toBe(false);
    expect((await resetPassword(db, { token, password: NEW_PASSWORD }, at(HOUR))).ok).toBe(false);
  });

  it('applies the policy without spending the link, and a newer link replaces the older', async () => {
    const { email } = await account();
    const first = await resetLink(email);
    expect(await resetPassword(db, { token: first, password: 'azertyuiop2026' }, NOW)).toEqual({
      ok: false,
      error: { kind: 'invalid', issues: [{ field: 'password', message: PASSWORD_MESSAGES.common }] },
    });
    const second = await resetLink(email);
    expect(await isPasswordResetTokenUsable(db, first, NOW)).toBe(false);
    expect((await resetPassword(db, { token: second, password: NEW_PASSWORD }, NOW)).ok).toBe(true);
  });

  it('refuses the right id with a wrong secret, and tokens of another purpose', async () => {
    const { email } = await account();
    const token = await resetLink(email);
    const [id] = token.split('.');
    expect(await isPasswordResetTokenUsable(db, `${id}.${'a'.repeat(24)}`, NOW)).toBe(false);
    const verify = await signUp(db, { email: `autre-${email}`, password: PASSWORD }, { ip: '10.5.0.1' }, NOW);
    const verifyToken = verify.ok && verify.value.kind === 'created' ? verify.value.verifyEmailToken : '';
    expect(await isPasswordResetTokenUsable(db, verifyToken, NOW)).toBe(false);
  });
});
