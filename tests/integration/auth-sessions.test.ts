import { describe, expect, it } from 'vitest';
import { SESSION_INACTIVITY_MS, SESSION_RENEW_BEFORE_MS } from '../../app/domain/auth/sessions';
import { hashPassword } from '../../app/services/auth/passwords.server';
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  listUserSessions,
  revokeUserSession,
  validateSessionToken,
} from '../../app/services/auth/sessions.server';
import { insertUser } from '../../db/repositories/users';
import { createTestDatabase } from '../support/db';

// Sessions after Lucia's current design on a real SQLite file (docs/decisions/100-sessions.md).

const { db } = createTestDatabase();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
let passwordHash: string;
let users = 0;

async function newUser(): Promise<number> {
  passwordHash ??= await hashPassword('cheval violet sur la Loire');
  users += 1;
  return insertUser(db, { email: `session-${users}@exemple.fr`, passwordHash, now: NOW.toISOString() });
}

describe('session tokens', () => {
  it('are `id.secret`; only the id and the SHA-256 of the secret are stored', async () => {
    const userId = await newUser();
    const { token, session } = await createSession(db, userId, { ip: '192.0.2.1', userAgent: 'Firefox' }, NOW);
    const [id, secret] = token.split('.');
    expect(session.id).toBe(id);
    const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect((row.secret_hash as Buffer).length).toBe(32);
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({
      user_id: userId,
      created_at: NOW.toISOString(),
      expires_at: at(30 * DAY).toISOString(),
    });
  });

  it('validate with the user, and refuse the right id with a wrong secret (constant-time comparison)', async () => {
    const userId = await newUser();
    const { token } = await createSession(db, userId, {}, NOW);
    const valid = await validateSessionToken(db, token, NOW);
    expect(valid?.user).toMatchObject({ id: userId, emailVerified: false, siteRole: null });
    const [id, secret] = token.split('.');
    const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
    for (const forged of [`${id}.${flipped}`, `${id}.${'a'.repeat(24)}`, `${id}.`, id, `${id}.${secret}x`, ''])
      expect(await validateSessionToken(db, forged, NOW), forged).toBeNull();
    expect(await validateSessionToken(db, token, NOW)).not.toBeNull();
  });

  it('expire after the inactivity window and the expired row is deleted', async () => {
    const userId = await newUser();
    const { token, session } = await createSession(db, userId, {}, NOW);
    expect(await validateSessionToken(db, token, at(SESSION_INACTIVITY_MS - 1000))).not.toBeNull();
    const late = await createSession(db, userId, {}, NOW);
    expect(await validateSessionToken(db, late.token, at(SESSION_INACTIVITY_MS))).toBeNull();
    expect(await db.selectFrom('sessions').select('id').where('id', '=', late.session.id).execute()).toEqual([]);
    expect(session.id).not.toBe(late.session.id);
  });

  it('are renewed when used in the second half of the window (sliding), and not before', async () => {
    const userId = await newUser();
    const { token } = await createSession(db, userId, {}, NOW);
    const early = await validateSessionToken(db, token, at(DAY));
    expect(early?.renewed).toBe(false);
    expect(early?.session.expiresAt).toEqual(at(SESSION_INACTIVITY_MS));
    const usedAt = at(SESSION_INACTIVITY_MS - SESSION_RENEW_BEFORE_MS + DAY);
    const renewed = await validateSessionToken(db, token, usedAt);
    expect(renewed?.renewed).toBe(true);
    expect(renewed?.session.expiresAt).toEqual(new Date(usedAt.getTime() + SESSION_INACTIVITY_MS));
    // Still valid long after the first expiry: the use pushed it back.
    const afterFirstExpiry = at(SESSION_INACTIVITY_MS + 5 * DAY);
    expect((await validateSessionToken(db, token, afterFirstExpiry))?.user.id).toBe(userId);
  });

  it('are worthless after log-out (invalidateSession)', async () => {
    const userId = await newUser();
    const { token, session } = await createSession(db, userId, {}, NOW);
    await invalidateSession(db, session.id);
    expect(await validateSessionToken(db, token, NOW)).toBeNull();
  });

  it('of one user are all revoked by invalidateUserSessions, others untouched', async () => {
    const alice = await newUser();
    const bob = await newUser();
    const a1 = await createSession(db, alice, {}, NOW);
    const a2 = await createSession(db, alice, {}, NOW);
    const b1 = await createSession(db, bob, {}, NOW);
    expect(await invalidateUserSessions(db, alice)).toBe(2);
    expect(await validateSessionToken(db, a1.token, NOW)).toBeNull();
    expect(await validateSessionToken(db, a2.token, NOW)).toBeNull();
    expect(await validateSessionToken(db, b1.token, NOW)).not.toBeNull();
  });
});

describe('the active sessions list', () => {
  it('lists the unexpired sessions, most recent first, marks the current one, and revokes only own sessions', async () => {
    const userId = await newUser();
    const other = await newUser();
    const old = await createSession(db, userId, { ip: '192.0.2.10', userAgent: 'Ancien navigateur' }, at(-40 * DAY));
    const office = await createSession(db, userId, { ip: '192.0.2.11', userAgent: 'Firefox' }, at(-DAY));
    const home = await createSession(db, userId, { ip: '192.0.2.12', userAgent: 'Safari' }, NOW);
    const list = await listUserSessions(db, userId, office.session.id, NOW);
    expect(list.map((s) => [s.id, s.ip, s.userAgent, s.current])).toEqual([
      [home.session.id, '192.0.2.12', 'Safari', false],
      [office.session.id, '192.0.2.11', 'Firefox', true],
    ]);
    expect(list.some((s) => s.id === old.session.id)).toBe(false);
    expect(await revokeUserSession(db, other, home.session.id)).toBe(false);
    expect(await validateSessionToken(db, home.token, NOW)).not.toBeNull();
    expect(await revokeUserSession(db, userId, home.session.id)).toBe(true);
    expect(await validateSessionToken(db, home.token, NOW)).toBeNull();
  });
});
