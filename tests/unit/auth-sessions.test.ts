import { describe, expect, it } from 'vitest';
import {
  SESSION_INACTIVITY_MS,
  SESSION_RENEW_BEFORE_MS,
  isSessionExpired,
  sessionCookieMaxAge,
  sessionExpiresAt,
  shouldRenewSession,
} from '../../app/domain/auth/sessions';
import {
  SESSION_COOKIE_NAME,
  readSessionToken,
  serializeBlankSessionCookie,
  serializeSessionCookie,
} from '../../app/services/auth/session-cookie.server';

const DAY = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-12-01T12:00:00.000Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

describe('session timing', () => {
  it('expires after 30 days without use, renewed when less than 15 days are left', () => {
    expect(SESSION_INACTIVITY_MS).toBe(30 * DAY);
    expect(SESSION_RENEW_BEFORE_MS).toBe(15 * DAY);
    const expiresAt = sessionExpiresAt(NOW);
    expect(expiresAt.toISOString()).toBe('2026-12-31T12:00:00.000Z');
    expect(isSessionExpired(expiresAt, at(30 * DAY - 1))).toBe(false);
    expect(isSessionExpired(expiresAt, at(30 * DAY))).toBe(true);
  });

  it('renews only in the second half of the window', () => {
    const expiresAt = sessionExpiresAt(NOW);
    expect(shouldRenewSession(expiresAt, at(DAY))).toBe(false);
    expect(shouldRenewSession(expiresAt, at(15 * DAY))).toBe(false);
    expect(shouldRenewSession(expiresAt, at(15 * DAY + 1))).toBe(true);
  });

  it('gives the cookie a Max-Age in seconds that ends with the session', () => {
    expect(sessionCookieMaxAge(sessionExpiresAt(NOW), NOW)).toBe(30 * 24 * 3600);
    expect(sessionCookieMaxAge(NOW, at(5000))).toBe(0);
  });
});

describe('the session cookie', () => {
  const token = 'abcdefghijklmnopqrstuvwx.abcdefghijklmnopqrstuvwx';

  it('is HttpOnly, SameSite=Lax, Path=/ with the session Max-Age, Secure on demand', () => {
    const cookie = serializeSessionCookie(token, sessionExpiresAt(NOW), NOW, { secure: false });
    expect(cookie).toBe(`${SESSION_COOKIE_NAME}=${token}; HttpOnly; SameSite=Lax; Path=/; Max-Age=2592000`);
    expect(serializeSessionCookie(token, sessionExpiresAt(NOW), NOW, { secure: true })).toMatch(/; Secure$/);
  });

  it('is Secure by default only when NODE_ENV is production', () => {
    const previous = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      expect(serializeSessionCookie(token, sessionExpiresAt(NOW), NOW)).toMatch(/; Secure$/);
      process.env.NODE_ENV = 'test';
      expect(serializeSessionCookie(token, sessionExpiresAt(NOW), NOW)).not.toMatch(/Secure/);
    } finally {
      process.env.NODE_ENV = previous;
    }
  });

  it('is blanked with Max-Age=0 on log-out', () => {
    expect(serializeBlankSessionCookie({ secure: false })).toBe(
      `${SESSION_COOKIE_NAME}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`,
    );
  });

  it('is read back from a Cookie header among others', () => {
    expect(readSessionToken(`theme=sombre; ${SESSION_COOKIE_NAME}=${token}; autre=1`)).toBe(token);
    expect(readSessionToken('theme=sombre')).toBeNull();
    expect(readSessionToken(`${SESSION_COOKIE_NAME}=`)).toBeNull();
    expect(readSessionToken(null)).toBeNull();
  });
});
