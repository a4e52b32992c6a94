import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORD_COUNT, checkNewPassword, isCommonPassword } from '../../app/domain/auth/password-policy';
import { PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH } from '../../app/domain/auth/password-rules';

describe('the password policy', () => {
  it('is at least 10 characters and at most 256', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(10);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
  });

  it('accepts a long enough uncommon password, spaces included, untrimmed', () => {
    expect(checkNewPassword('cheval violet sur la Loire')).toEqual({ ok: true, value: 'cheval violet sur la Loire' });
    expect(checkNewPassword(' q8#Lm2vTz! ')).toEqual({ ok: true, value: ' q8#Lm2vTz! ' });
  });

  it('refuses an empty, a short and a too long password with French messages', () => {
    expect(checkNewPassword('')).toEqual({ ok: false, error: PASSWORD_MESSAGES.required });
    expect(checkNewPassword('q8#Lm2vTz')).toEqual({ ok: false, error: PASSWORD_MESSAGES.tooShort });
    expect(checkNewPassword('x'.repeat(257))).toEqual({ ok: false, error: PASSWORD_MESSAGES.tooLong });
    expect(PASSWORD_MESSAGES.tooShort).toBe('Le mot de passe doit contenir au moins 10 caractères.');
  });

  it('counts characters as people do: 10 emoji are 10 characters', () => {
    expect(checkNewPassword('🌻🐝🌻🐝🌻🐝🌻🐝🌻🐝').ok).toBe(true);
    expect(checkNewPassword('🌻🐝🌻🐝🌻🐝🌻🐝🌻')).toEqual({ ok: false, error: PASSWORD_MESSAGES.tooShort });
  });

  it('ships a list of thousands of common passwords, French ones included', () => {
    expect(COMMON_PASSWORD_COUNT).toBeGreaterThan(10_000);
    for (const common of ['1234567890', 'qwertyuiop', 'password123', 'azertyuiop', 'motdepasse', 'bienvenue'])
      expect(isCommonPassword(common), common).toBe(true);
  });

  it('refuses common passwords whatever their case or accents, and with digits or symbols appended', () => {
    for (const common of [
      'AZERTYUIOP',
      'MotDePasse2026!',
      'Soleil123456',
      'marseille13!!',
      'Chouchou2024',
      'Fevrier2026',
    ])
      expect(checkNewPassword(common), common).toEqual({ ok: false, error: PASSWORD_MESSAGES.common });
    expect(isCommonPassword('Février2026')).toBe(true);
    expect(PASSWORD_MESSAGES.common).toMatch(/mots de passe les plus courants/);
  });

  it('does not refuse a password merely because it contains a common word', () => {
    expect(checkNewPassword('soleil-de-minuit-sur-lyon').ok).toBe(true);
    expect(checkNewPassword('k7Hq9mVx23').ok).toBe(true);
  });

  it('refuses the e-mail address or its local part as a password', () => {
    expect(checkNewPassword('jean.dupond.achats@mairie.fr', 'jean.dupond.achats@mairie.fr')).toEqual({
      ok: false,
      error: PASSWORD_MESSAGES.sameAsEmail,
    });
    expect(checkNewPassword('Jean.Dupond.Achats', 'jean.dupond.achats@mairie.fr').ok).toBe(false);
  });
});
