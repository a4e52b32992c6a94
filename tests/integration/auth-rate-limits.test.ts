import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_RULES, rateLimitMessage } from '../../app/domain/auth/rate-limits';
import { changePassword, deleteAccount, logIn, signUp } from '../../app/services/auth/accounts.server';
import { requestEmailChange } from '../../app/services/auth/email-change.server';
import { requestPasswordReset } from '../../app/services/auth/password-reset.server';
import { consumeRateLimit } from '../../app/services/auth/rate-limit.server';
import { openDatabase } from '../../db/connection';
import { createTestDatabase } from '../support/db';
import { TEMPLATE_DB, TMP_DIR } from '../support/paths';

// Rate limits kept in SQLite (docs/decisions/102-rate-limits.md): they block after the limit, say how long to
// wait, and survive closing and reopening the database file (a restart).

const { db } = createTestDatabase();
const NOW = new Date('2026-12-01T09:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('consumeRateLimit', () => {
  it('allows the limit, then refuses with Retry-After and a French message until the window closes', async () => {
    const { limit, windowMs } = RATE_LIMIT_RULES['reset-ip'];
    for (let i = 0; i < limit; i += 1)
      expect(await consumeRateLimit(db, 'reset-ip', '203.0.113.1', at(i * 1000))).toEqual({ allowed: true });
    const refused = await consumeRateLimit(db, 'reset-ip', '203.0.113.1', at(60_000));
    const retryAfterSeconds = (windowMs - 60_000) / 1000;
    expect(refused).toEqual({ allowed: false, retryAfterSeconds, message: rateLimitMessage(retryAfterSeconds) });
    expect(await consumeRateLimit(db, 'reset-ip', '203.0.113.2', at(60_000))).toEqual({ allowed: true });
    expect(await consumeRateLimit(db, 'signup-ip', '203.0.113.1', at(60_000))).toEqual({ allowed: true });
    expect(await consumeRateLimit(db, 'reset-ip', '203.0.113.1', at(windowMs))).toEqual({ allowed: true });
  });

  it('survives closing and reopening the database file', async () => {
    const file = path.join(TMP_DIR, `rate-limits-${process.pid}-${Date.now()}.db`);
    fs.copyFileSync(TEMPLATE_DB, file);
    const { limit } = RATE_LIMIT_RULES['signup-ip'];
    const first = openDatabase(file);
    for (let i = 0; i < limit; i += 1) await consumeRateLimit(first.db, 'signup-ip', '203.0.113.9', NOW);
    await first.close();
    const reopened = openDatabase(file);
    try {
      const refused = await consumeRateLimit(reopened.db, 'signup-ip', '203.0.113.9', at(1000));
      expect(refused.allowed).toBe(false);
    } finally {
      await reopened.close();
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  });
});

describe('the account services', () => {
  it('limit log-in per e-mail whatever the IP, with the same answer for any address', async () => {
    const { limit } = RATE_LIMIT_RULES['login-email'];
    const form = { email: 'cible@exemple.fr', password: 'pas le bon mot de passe' };
    for (let i = 0; i < limit; i += 1) {
      const attempt = await logIn(db, form, { ip: `198.51.100.${i}` }, NOW);
      expect(attempt.ok || attempt.error.kind).toBe('wrong-credentials');
    }
    const blocked = await logIn(db, form, { ip: '198.51.100.200' }, NOW);
    expect(blocked).toEqual({
      ok: false,
      error: { kind: 'rate-limited', retryAfterSeconds: 15 * 60, message: rateLimitMessage(15 * 60) },
    });
  });

  it('limit log-in per IP whatever the e-mail', async () => {
    const { limit } = RATE_LIMIT_RULES['login-ip'];
    for (let i = 0; i < limit; i += 1)
      await logIn(db, { email: `essai-${i}@exemple.fr`, password: 'pas le bon' }, { ip: '198.51.100.250' }, NOW);
    const blocked = await logIn(
      db,
      { email: 'encore@exemple.fr', password: 'pas le bon' },
      { ip: '198.51.100.250' },
      NOW,
    );
    expect(blocked.ok || blocked.error.kind).toBe('rate-limited');
  });

  it('limit sign-up and reset requests per IP', async () => {
    const signUps = RATE_LIMIT_RULES['signup-ip'].limit;
    for (let i = 0; i < signUps; i += 1)
      await signUp(
        db,
        { email: `inscrit-${i}@exemple.fr`, password: 'cheval violet sur la Loire' },
        { ip: '192.0.2.77' },
        NOW,
      );
    const blocked = await signUp(
      db,
      { email: 'trop@exemple.fr', password: 'cheval violet sur la Loire' },
      { ip: '192.0.2.77' },
      NOW,
    );
    expect(blocked.ok || blocked.error.kind).toBe('rate-limited');
    const resets = RATE_LIMIT_RULES['reset-ip'].limit;
    for (let i = 0; i < resets; i += 1)
      await requestPasswordReset(db, { email: `x${i}@exemple.fr` }, { ip: '192.0.2.78' }, NOW);
    const refused = await requestPasswordReset(db, { email: 'y@exemple.fr' }, { ip: '192.0.2.78' }, NOW);
    expect(refused.ok || refused.error.kind).toBe('rate-limited');
  });

  it('limit the current password asked again by sensitive actions, per account: a stolen session cannot guess it', async () => {
    const password = 'cheval violet sur la Loire';
    const created = await signUp(db, { email: 'sensible@exemple.fr', password }, { ip: '192.0.2.90' }, NOW);
    if (!created.ok) throw new Error('sign-up failed');
    const userId = created.value.userId;
    const { limit, windowMs } = RATE_LIMIT_RULES['reauth-user'];
    for (let i = 0; i < limit; i += 1) {
      const attempt = await changePassword(db, { userId, currentPassword: 'devine', newPassword: 'x' }, {}, NOW);
      expect(attempt.ok ? [] : attempt.error.map((e) => e.field)).toEqual(['currentPassword']);
    }
    // Even the right password is refused now, on every sensitive action, with the wait in French.
    const blocked = await changePassword(
      db,
      { userId, currentPassword: password, newPassword: 'un tout autre mot de passe' },
      {},
      NOW,
    );
    expect(blocked).toEqual({ ok: false, error: [{ field: 'currentPassword', message: rateLimitMessage(15 * 60) }] });
    const email = await requestEmailChange(db, { userId, password, newEmail: 'ailleurs@exemple.fr' }, NOW);
    expect(email.ok ? null : email.error[0]?.message).toBe(rateLimitMessage(15 * 60));
    const deletion = await deleteAccount(db, { userId, password, confirm: 'on' }, NOW);
    expect(deletion.ok ? null : deletion.error[0]?.message).toBe(rateLimitMessage(15 * 60));
    // Once the window has closed, the right password works again.
    const later = await deleteAccount(db, { userId, password, confirm: 'on' }, at(windowMs));
    expect(later).toEqual({ ok: true, value: undefined });
  });
});
