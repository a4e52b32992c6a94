import { describe, expect, it } from 'vitest';
import {
  EMAIL_MAX_LENGTH,
  EMAIL_MESSAGES,
  USER_TOKEN_LIFETIME_MS,
  checkEmail,
  normaliseEmail,
  userTokenExpiresAt,
} from '../../app/domain/auth/account';

describe('normaliseEmail', () => {
  it('trims, lower-cases and composes accents (NFC)', () => {
    expect(normaliseEmail('  Marie.Dupont@Exemple.FR ')).toBe('marie.dupont@exemple.fr');
    expect(normaliseEmail('he\u0301le\u0300ne@exemple.fr')).toBe('hélène@exemple.fr');
  });

  it('keeps dots and +tags, which are real addresses', () => {
    expect(normaliseEmail('a.b+achats@exemple.fr')).toBe('a.b+achats@exemple.fr');
  });
});

describe('checkEmail', () => {
  it('accepts ordinary addresses and returns them normalised', () => {
    expect(checkEmail(' Achats@Mairie-Lyon.fr')).toEqual({ ok: true, value: 'achats@mairie-lyon.fr' });
    expect(checkEmail('contact@scop.coop').ok).toBe(true);
    expect(checkEmail('élise@exemple.fr').ok).toBe(true);
  });

  it('refuses an empty, a malformed and a too long address with French messages', () => {
    expect(checkEmail('   ')).toEqual({ ok: false, error: EMAIL_MESSAGES.required });
    for (const bad of ['marie', 'marie@', '@exemple.fr', 'marie@exemple', 'a b@exemple.fr', 'a@@b.fr', 'a..b@x.fr'])
      expect(checkEmail(bad), bad).toEqual({ ok: false, error: EMAIL_MESSAGES.invalid });
    const long = `${'a'.repeat(EMAIL_MAX_LENGTH)}@exemple.fr`;
    expect(checkEmail(long)).toEqual({ ok: false, error: EMAIL_MESSAGES.tooLong });
    expect(EMAIL_MESSAGES.invalid).toMatch(/adresse e-mail valide/);
  });
});

describe('user token lifetimes', () => {
  it('gives a password reset link one hour', () => {
    const now = new Date('2026-12-01T10:00:00.000Z');
    expect(USER_TOKEN_LIFETIME_MS['reset-password']).toBe(60 * 60 * 1000);
    expect(userTokenExpiresAt('reset-password', now).toISOString()).toBe('2026-12-01T11:00:00.000Z');
    expect(userTokenExpiresAt('verify-email', now).getTime()).toBeGreaterThan(now.getTime());
  });
});
