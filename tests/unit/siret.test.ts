import { describe, expect, it } from 'vitest';
import {
  checkSiret,
  completeSiren,
  completeSiret,
  isValidSiren,
  isValidSiret,
  LA_POSTE_SIREN,
  luhnValid,
  normaliseSiret,
} from '../../app/domain/siret';

describe('SIREN', () => {
  it('accepts real SIRENs (Luhn) and refuses wrong keys, lengths and characters', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('552081317')).toBe(true);
    expect(isValidSiren(LA_POSTE_SIREN)).toBe(true);
    expect(isValidSiren('123456789')).toBe(false);
    expect(isValidSiren('73282932')).toBe(false);
    expect(isValidSiren('7328293200')).toBe(false);
    expect(isValidSiren('73282932A')).toBe(false);
    expect(isValidSiren('')).toBe(false);
    expect(isValidSiren(' 732829320')).toBe(false);
  });
});

describe('SIRET', () => {
  it('accepts real SIRETs and refuses a one-digit change, a transposition, bad lengths and non-digits', () => {
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('55208131766522')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(isValidSiret('73282932000704')).toBe(false);
    expect(isValidSiret('7328293200007')).toBe(false);
    expect(isValidSiret('732829320000740')).toBe(false);
    expect(isValidSiret('7328293200007A')).toBe(false);
    expect(isValidSiret('12345678912345')).toBe(false);
    expect(isValidSiret('')).toBe(false);
  });

  it('refuses a SIRET that passes Luhn as a whole when its SIREN part does not', () => {
    // 12345678900007: Luhn-valid over 14 digits, but 123456789 is not a valid SIREN.
    expect(luhnValid('12345678900007')).toBe(true);
    expect(isValidSiret('12345678900007')).toBe(false);
  });

  it('applies the sum-of-digits rule to La Poste establishments only', () => {
    // Head office: an ordinary Luhn number.
    expect(isValidSiret('35600000000048')).toBe(true);
    // 35600000049837: digit sum 3+5+6+4+9+8+3+7 = 45, not Luhn-valid.
    expect(luhnValid('35600000049837')).toBe(false);
    expect(isValidSiret('35600000049837')).toBe(true);
    expect(isValidSiret('35600000049838')).toBe(false);
    // The same digit-sum property on another SIREN is not enough.
    expect(isValidSiret('73282932000070')).toBe(false);
  });

  it('normalises spaces, non-breaking spaces and dots', () => {
    expect(normaliseSiret(' 732 829 320 00074 ')).toBe('73282932000074');
    expect(normaliseSiret('732\u00a0829\u202f320.00074')).toBe('73282932000074');
  });

  it('explains in French what is wrong', () => {
    expect(checkSiret('732 829 320 00074')).toEqual({ ok: true, value: '73282932000074' });
    expect(checkSiret('')).toEqual({ ok: false, error: 'Le SIRET est obligatoire.' });
    expect(checkSiret('7328A932000074')).toMatchObject({ ok: false, error: expect.stringContaining('chiffres') });
    expect(checkSiret('7328293200007')).toMatchObject({
      ok: false,
      error: expect.stringContaining('14 chiffres (13 saisis)'),
    });
    expect(checkSiret('73282932000075')).toMatchObject({
      ok: false,
      error: expect.stringContaining('clé de contrôle'),
    });
  });

  it('completes a 13-digit prefix into a valid SIRET, and an 8-digit prefix into a valid SIREN', () => {
    expect(completeSiret('7328293200007')).toBe('73282932000074');
    expect(completeSiren('73282932')).toBe('732829320');
    for (const prefix of ['00000000', '12345678', '99999999', '40123456']) {
      const siren = completeSiren(prefix);
      expect(isValidSiren(siren)).toBe(true);
      for (const nic of ['0001', '0002', '0010', '9999'])
        expect(isValidSiret(completeSiret(`${siren}${nic}`))).toBe(true);
    }
    expect(() => completeSiret('123')).toThrow(RangeError);
    expect(() => completeSiret('1234567890123')).toThrow(/SIREN/);
    expect(() => completeSiren('1234567')).toThrow(RangeError);
  });
});
