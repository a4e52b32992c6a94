import { describe, expect, it } from 'vitest';
import { EMAIL_MESSAGES } from '../../app/domain/auth/account';
import {
  FORM_MESSAGES,
  HONEYPOT_FIELD,
  parseLogInForm,
  parsePasswordResetRequestForm,
} from '../../app/domain/auth/forms';
import { parseNewPassword, parseSignUpForm } from '../../app/domain/auth/new-password';
import { PASSWORD_MESSAGES } from '../../app/domain/auth/password-rules';

const GOOD = 'cheval violet sur la Loire';

describe('parseSignUpForm', () => {
  it('gives the normalised address and the password as typed', () => {
    expect(parseSignUpForm({ email: ' Achats@Mairie.FR ', password: GOOD, [HONEYPOT_FIELD]: '' })).toEqual({
      ok: true,
      value: { email: 'achats@mairie.fr', password: GOOD },
    });
  });

  it('names each bad field with a French message', () => {
    expect(parseSignUpForm({ email: 'pas-une-adresse', password: 'court' })).toEqual({
      ok: false,
      error: [
        { field: 'email', message: EMAIL_MESSAGES.invalid },
        { field: 'password', message: PASSWORD_MESSAGES.tooShort },
      ],
    });
    expect(parseSignUpForm({ email: 'a@b.fr', password: 'azertyuiop1' })).toEqual({
      ok: false,
      error: [{ field: 'password', message: PASSWORD_MESSAGES.common }],
    });
    expect(parseSignUpForm({})).toEqual({
      ok: false,
      error: [
        { field: 'email', message: EMAIL_MESSAGES.required },
        { field: 'password', message: PASSWORD_MESSAGES.required },
      ],
    });
  });

  it('refuses a filled honeypot and a non-text value', () => {
    const bot = parseSignUpForm({ email: 'a@b.fr', password: GOOD, [HONEYPOT_FIELD]: 'https://spam.example' });
    expect(bot).toEqual({ ok: false, error: [{ field: HONEYPOT_FIELD, message: FORM_MESSAGES.honeypot }] });
    const odd = parseSignUpForm({ email: ['a@b.fr'], password: GOOD });
    expect(odd.ok).toBe(false);
    expect(parseSignUpForm(null).ok).toBe(false);
  });
});

describe('parseLogInForm', () => {
  it('does not apply the new-password policy but needs a password', () => {
    expect(parseLogInForm({ email: 'A@B.fr', password: 'court' })).toEqual({
      ok: true,
      value: { email: 'a@b.fr', password: 'court' },
    });
    expect(parseLogInForm({ email: 'a@b.fr', password: '' })).toEqual({
      ok: false,
      error: [{ field: 'password', message: FORM_MESSAGES.passwordRequired }],
    });
    expect(parseLogInForm({ email: 'a@b.fr', password: 'x'.repeat(600) })).toEqual({
      ok: false,
      error: [{ field: 'password', message: PASSWORD_MESSAGES.tooLong }],
    });
  });
});

describe('parsePasswordResetRequestForm and parseNewPassword', () => {
  it('parse one address, and a new password under the field name given', () => {
    expect(parsePasswordResetRequestForm({ email: 'X@Y.fr' })).toEqual({ ok: true, value: { email: 'x@y.fr' } });
    expect(parsePasswordResetRequestForm({ email: '' }).ok).toBe(false);
    expect(parseNewPassword(GOOD, 'newPassword')).toEqual({ ok: true, value: GOOD });
    expect(parseNewPassword(undefined, 'newPassword')).toEqual({
      ok: false,
      error: [{ field: 'newPassword', message: PASSWORD_MESSAGES.required }],
    });
  });
});
