import { describe, expect, it } from 'vitest';
import { SESSION_INACTIVITY_MS } from '../../app/domain/auth/sessions';
import { signUp, verifyEmail } from '../../app/services/auth/accounts.server';
import { purgeExpiredAuthData } from '../../app/services/auth/housekeeping.server';
import { consumeRateLimit } from '../../app/services/auth/rate-limit.server';
import { createSession, validateSessionToken } from '../../app/services/auth/sessions.server';
import { createTestDatabase } from '../support/db';

// purgeExpiredAuthData removes only what can no longer be used.

const { db } = createTestDatabase();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const HOUR = 60 * 60 * 1000;
const at = (ms: number) => new Date(NOW.getTime() + ms);
const count = async (table: 'rate_limits' | 'user_tokens' | 'users') =>
  (
    await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

describe('purgeExpiredAuthData', () => {
  it('deletes expired sessions, spent tokens and closed rate-limit windows, and keeps the rest', async () => {
    const form = { email: 'menage@exemple.fr', password: 'cheval violet sur la Loire' };
    const first = await signUp(db, form, { ip: '192.0.2.1' }, NOW);
    const second = await signUp(db, { ...form, email: 'menage2@exemple.fr' }, { ip: '192.0.2.1' }, NOW);
    if (!first.ok || first.value.kind !== 'created' || !second.ok || second.value.kind !== 'created')
      throw new Error('sign-up failed');
    await verifyEmail(db, first.value.verifyEmailToken, NOW);
    const old = await createSession(db, first.value.userId, {}, NOW);
    const later = at(SESSION_INACTIVITY_MS);
    const fresh = await createSession(db, first.value.userId, {}, later);
    await consumeRateLimit(db, 'login-ip', '192.0.2.2', at(SESSION_INACTIVITY_MS - HOUR / 2));

    expect(await purgeExpiredAuthData(db, later)).toEqual({ sessions: 1, userTokens: 2, rateLimits: 1 });
    expect(await validateSessionToken(db, fresh.token, later)).not.toBeNull();
    expect(await validateSessionToken(db, old.token, NOW)).toBeNull();
    expect(await count('rate_limits')).toBe(1);
    expect(await count('user_tokens')).toBe(0);
    expect(await count('users')).toBe(2);
  });
});
