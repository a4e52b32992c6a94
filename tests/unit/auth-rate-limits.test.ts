import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_RULES, decideRateLimit, rateLimitMessage } from '../../app/domain/auth/rate-limits';

const RULE = { limit: 3, windowMs: 10 * 60 * 1000 };
const START = new Date('2026-12-01T12:00:00.000Z');
const at = (ms: number) => new Date(START.getTime() + ms);

describe('decideRateLimit (fixed window)', () => {
  it('opens a window at the first attempt and counts up to the limit', () => {
    const first = decideRateLimit(RULE, undefined, START);
    expect(first).toEqual({ allowed: true, window: { windowStart: START, hits: 1 } });
    const third = decideRateLimit(RULE, { windowStart: START, hits: 2 }, at(1000));
    expect(third).toEqual({ allowed: true, window: { windowStart: START, hits: 3 } });
  });

  it('refuses beyond the limit with the seconds left in the window, rounded up', () => {
    expect(decideRateLimit(RULE, { windowStart: START, hits: 3 }, at(60_000))).toEqual({
      allowed: false,
      retryAfterSeconds: 540,
    });
    expect(decideRateLimit(RULE, { windowStart: START, hits: 3 }, at(RULE.windowMs - 1))).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it('opens a new window once the old one has closed', () => {
    expect(decideRateLimit(RULE, { windowStart: START, hits: 3 }, at(RULE.windowMs))).toEqual({
      allowed: true,
      window: { windowStart: at(RULE.windowMs), hits: 1 },
    });
  });

  it('has a rule for log-in per IP and per e-mail, sign-up and reset per IP, the current password and the mails to others per account', () => {
    expect(Object.keys(RATE_LIMIT_RULES).sort()).toEqual([
      'invite-user',
      'join-request-user',
      'login-email',
      'login-ip',
      'reauth-user',
      'reset-ip',
      'signup-ip',
    ]);
    for (const rule of Object.values(RATE_LIMIT_RULES)) expect(rule.limit).toBeGreaterThan(0);
  });
});

describe('rateLimitMessage', () => {
  it('says in French how long to wait', () => {
    expect(rateLimitMessage(1)).toBe('Trop de tentatives en peu de temps. Réessayez dans 1 seconde.');
    expect(rateLimitMessage(45)).toBe('Trop de tentatives en peu de temps. Réessayez dans 45 secondes.');
    expect(rateLimitMessage(60)).toBe('Trop de tentatives en peu de temps. Réessayez dans 1 minute.');
    expect(rateLimitMessage(541)).toBe('Trop de tentatives en peu de temps. Réessayez dans 10 minutes.');
  });
});
