import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { EMAIL_MESSAGES } from '../../app/domain/auth/account';
import { FORM_MESSAGES } from '../../app/domain/auth/forms';
import { PASSWORD_MESSAGES } from '../../app/domain/auth/password-rules';
import {
  WRONG_CREDENTIALS_MESSAGE,
  changePassword,
  deleteAccount,
  logIn,
  resendEmailVerification,
  signUp,
  verifyEmail,
} from '../../app/services/auth/accounts.server';
import {
  ARGON2_OPTIONS,
  DUMMY_PASSWORD_HASH,
  hashPassword,
  verifyAgainstDummyHash,
  verifyPassword,
} from '../../app/services/auth/passwords.server';
import { createSession, validateSessionToken } from '../../app/services/auth/sessions.server';
import { createTestDatabase } from '../support/db';

// The account use cases on a real SQLite file (issue 6): what sign-up stores, what log-in answers, e-mail
// verification, password change (all sessions revoked) and account deletion.

const { db } = createTestDatabase();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const PASSWORD = 'cheval violet sur la Loire';
const client = (ip: string) => ({ ip, userAgent: 'Vitest' });

/** Rows of `table` (of one user when given). */
async function count(table: 'users' | 'user_tokens' | 'sessions' | 'rate_limits', userId?: number): Promise<number> {
  let query = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
  if (userId !== undefined) query = query.where(sql.ref(table === 'users' ? 'id' : 'user_id'), '=', userId);
  return (await query.executeTakeFirstOrThrow()).n;
}

async function registered(email: string, ip: string) {
  const result = await signUp(db, { email, password: PASSWORD }, client(ip), NOW);
  if (!result.ok || result.value.kind !== 'created') throw new Error('sign-up failed');
  return result.value;
}

describe('signUp', () => {
  it('stores the normalised address and an argon2id hash, never the password', async () => {
    const created = await registered('  Claire.Martin@Exemple.FR ', '10.0.0.1');
    const row = await db.selectFrom('users').selectAll().where('id', '=', created.userId).executeTakeFirstOrThrow();
    expect(row.email).toBe('claire.martin@exemple.fr');
    expect(row.email_verified_at).toBeNull();
    expect(row.site_role).toBeNull();
    expect(String(row.password_hash)).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const everything = JSON.stringify(await db.selectFrom('users').selectAll().execute());
    expect(everything).not.toContain(PASSWORD);
    expect(JSON.stringify(await db.selectFrom('user_tokens').selectAll().execute())).not.toContain(PASSWORD);
  });

  it('creates a verify-email token, hash only, and hands the raw token to the caller', async () => {
    const created = await registered('verif@exemple.fr', '10.0.0.2');
    expect(created.verifyEmailToken).toMatch(/^[a-z2-7]{24}\.[a-z2-7]{24}$/);
    const [id, secret] = created.verifyEmailToken.split('.');
    const token = await db.selectFrom('user_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(token.purpose).toBe('verify-email');
    expect(token.user_id).toBe(created.userId);
    expect((token.secret_hash as Buffer).length).toBe(32);
    expect(JSON.stringify(token)).not.toContain(secret);
    expect(created.verifyEmailExpiresAt.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it('refuses a short, a common password and a bad address with French messages, and writes nothing', async () => {
    const tables = ['users', 'user_tokens', 'sessions', 'rate_limits'] as const;
    const before = await Promise.all(tables.map((t) => count(t)));
    const cases = [
      [
        { email: 'court@exemple.fr', password: 'Court1!' },
        [{ field: 'password', message: PASSWORD_MESSAGES.tooShort }],
      ],
      [
        { email: 'commun@exemple.fr', password: 'Azertyuiop123' },
        [{ field: 'password', message: PASSWORD_MESSAGES.common }],
      ],
      [{ email: 'pas une adresse', password: PASSWORD }, [{ field: 'email', message: EMAIL_MESSAGES.invalid }]],
    ] as const;
    for (const [form, issues] of cases) {
      const result = await signUp(db, form, client('10.0.0.3'), NOW);
      expect(result, form.email).toEqual({ ok: false, error: { kind: 'invalid', issues } });
    }
    expect(await Promise.all(tables.map((t) => count(t)))).toEqual(before);
  });

  it('answers an address already registered without writing or revealing anything to the person', async () => {
    const created = await registered('double@exemple.fr', '10.0.0.4');
    const users = await count('users');
    const again = await signUp(
      db,
      { email: 'DOUBLE@exemple.fr', password: 'un autre mot de passe' },
      client('10.0.0.4'),
      NOW,
    );
    expect(again).toEqual({
      ok: true,
      value: { kind: 'already-registered', userId: created.userId, email: 'double@exemple.fr' },
    });
    expect(await count('users')).toBe(users);
  });
});

describe('logIn', () => {
  it('opens a session for the right password', async () => {
    const created = await registered('connexion@exemple.fr', '10.0.1.1');
    const result = await logIn(db, { email: 'Connexion@exemple.fr', password: PASSWORD }, client('10.0.1.1'), NOW);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.user).toEqual({
      id: created.userId,
      email: 'connexion@exemple.fr',
      emailVerified: false,
      siteRole: null,
    });
    const valid = await validateSessionToken(db, result.value.token, NOW);
    expect(valid?.user.id).toBe(created.userId);
    const session = await db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', result.value.session.id)
      .executeTakeFirstOrThrow();
    expect(session).toMatchObject({ ip: '10.0.1.1', user_agent: 'Vitest' });
  });

  it('gives the same answer for a wrong password and an unknown address, and opens no session', async () => {
    await registered('mauvais@exemple.fr', '10.0.1.2');
    const sessions = await count('sessions');
    const wrong = await logIn(
      db,
      { email: 'mauvais@exemple.fr', password: 'pas le bon mot de passe' },
      client('10.0.1.2'),
      NOW,
    );
    const unknown = await logIn(
      db,
      { email: 'inconnu@exemple.fr', password: 'pas le bon mot de passe' },
      client('10.0.1.2'),
      NOW,
    );
    expect(wrong).toEqual({ ok: false, error: { kind: 'wrong-credentials', message: WRONG_CREDENTIALS_MESSAGE } });
    expect(unknown).toEqual(wrong);
    expect(await count('sessions')).toBe(sessions);
  });

  it('refuses an empty form field by field', async () => {
    expect(await logIn(db, { email: '', password: '' }, client('10.0.1.3'), NOW)).toEqual({
      ok: false,
      error: {
        kind: 'invalid',
        issues: [
          { field: 'email', message: EMAIL_MESSAGES.required },
          { field: 'password', message: FORM_MESSAGES.passwordRequired },
        ],
      },
    });
  });
});

describe('verifyEmail', () => {
  it('marks the address verified once; the link is single-use', async () => {
    const created = await registered('lien@exemple.fr', '10.0.2.1');
    expect(await verifyEmail(db, created.verifyEmailToken, NOW)).toEqual({
      ok: true,
      value: { userId: created.userId },
    });
    const verifiedAt = (
      await db
        .selectFrom('users')
        .select('email_verified_at')
        .where('id', '=', created.userId)
        .executeTakeFirstOrThrow()
    ).email_verified_at;
    expect(verifiedAt).toBe(NOW.toISOString());
    expect(await verifyEmail(db, created.verifyEmailToken, NOW)).toEqual({
      ok: false,
      error: { kind: 'invalid-token', message: FORM_MESSAGES.tokenInvalid },
    });
    expect(await resendEmailVerification(db, created.userId, NOW)).toBeNull();
  });

  it('refuses a wrong secret, a malformed token and an expired link', async () => {
    const created = await registered('lien2@exemple.fr', '10.0.2.2');
    const [id] = created.verifyEmailToken.split('.');
    for (const token of [`${id}.${'a'.repeat(24)}`, 'nimporte-quoi', undefined])
      expect((await verifyEmail(db, token, NOW)).ok, String(token)).toBe(false);
    expect((await verifyEmail(db, created.verifyEmailToken, created.verifyEmailExpiresAt)).ok).toBe(false);
    const resent = await resendEmailVerification(db, created.userId, NOW);
    expect(resent?.email).toBe('lien2@exemple.fr');
    expect((await verifyEmail(db, created.verifyEmailToken, NOW)).ok).toBe(false);
    expect((await verifyEmail(db, resent?.token, NOW)).ok).toBe(true);
  });
});

describe('changePassword', () => {
  it('asks the current password and applies the policy to the new one', async () => {
    const { userId } = await registered('change1@exemple.fr', '10.0.3.1');
    expect(
      await changePassword(db, { userId, currentPassword: 'faux mot de passe', newPassword: 'x' }, {}, NOW),
    ).toEqual({
      ok: false,
      error: [{ field: 'currentPassword', message: FORM_MESSAGES.currentPasswordWrong }],
    });
    expect(
      await changePassword(db, { userId, currentPassword: PASSWORD, newPassword: 'motdepasse123' }, {}, NOW),
    ).toEqual({
      ok: false,
      error: [{ field: 'newPassword', message: PASSWORD_MESSAGES.common }],
    });
  });

  it('revokes every session of the user and gives this browser a fresh one', async () => {
    const { userId } = await registered('change2@exemple.fr', '10.0.3.2');
    const laptop = await createSession(db, userId, {}, NOW);
    const phone = await createSession(db, userId, {}, NOW);
    const newPassword = 'trois pommes et une poire';
    const changed = await changePassword(db, { userId, currentPassword: PASSWORD, newPassword }, {}, NOW);
    if (!changed.ok) throw new Error(JSON.stringify(changed.error));
    expect(await validateSessionToken(db, laptop.token, NOW)).toBeNull();
    expect(await validateSessionToken(db, phone.token, NOW)).toBeNull();
    expect((await validateSessionToken(db, changed.value.token, NOW))?.user.id).toBe(userId);
    expect(await count('sessions', userId)).toBe(1);
    const login = await logIn(db, { email: 'change2@exemple.fr', password: newPassword }, client('10.0.3.2'), NOW);
    expect(login.ok).toBe(true);
  });
});

describe('deleteAccount', () => {
  it('asks the password, then deletes the user, its sessions and tokens', async () => {
    const { userId } = await registered('adieu@exemple.fr', '10.0.4.1');
    const session = await createSession(db, userId, {}, NOW);
    expect(await deleteAccount(db, { userId, password: 'pas le bon', confirm: 'on' })).toEqual({
      ok: false,
      error: [{ field: 'password', message: FORM_MESSAGES.currentPasswordWrong }],
    });
    expect(await deleteAccount(db, { userId, password: PASSWORD, confirm: 'on' })).toEqual({
      ok: true,
      value: undefined,
    });
    expect(await count('users', userId)).toBe(0);
    expect(await count('user_tokens', userId)).toBe(0);
    expect(await validateSessionToken(db, session.token, NOW)).toBeNull();
  });
});

describe('password hashing', () => {
  it('uses argon2id with the decided cost, and the dummy hash of unknown log-ins has the same cost', async () => {
    const hashed = await hashPassword('une phrase de passe assez longue');
    const { memoryCost, timeCost, parallelism } = ARGON2_OPTIONS;
    const prefix = `$argon2id$v=19$m=${memoryCost},t=${timeCost},p=${parallelism}$`;
    expect(hashed.startsWith(prefix)).toBe(true);
    expect(DUMMY_PASSWORD_HASH.startsWith(prefix)).toBe(true);
    expect(await verifyPassword(hashed, 'une phrase de passe assez longue')).toBe(true);
    expect(await verifyPassword(hashed, 'une autre phrase de passe')).toBe(false);
    expect(await verifyPassword('pas un hash', 'x')).toBe(false);
    expect(await verifyAgainstDummyHash('une phrase de passe assez longue')).toBe(false);
  });
});
