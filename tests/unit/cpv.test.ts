import { describe, expect, it } from 'vitest';
import { CPV_DIVISIONS, cpvDivision, isValidCpvCode, isValidCpvDivision, normaliseCpvCode } from '../../app/domain/cpv';

describe('CPV', () => {
  it('knows the 45 divisions of CPV 2008', () => {
    expect(Object.keys(CPV_DIVISIONS)).toHaveLength(45);
    for (const d of ['03', '09', '45', '55', '77', '79', '90', '98']) expect(isValidCpvDivision(d)).toBe(true);
    for (const d of ['00', '01', '10', '46', '99', '9', '090', '', 'ab']) expect(isValidCpvDivision(d)).toBe(false);
    // Not fooled by Object.prototype keys.
    expect(isValidCpvDivision('constructor')).toBe(false);
    expect(isValidCpvDivision('__proto__')).toBe(false);
  });

  it('accepts well-formed codes of known divisions', () => {
    for (const code of ['90910000-9', '45000000-7', '03113100-7', '71355200-3', '18451000-5', '77310000-6'])
      expect(isValidCpvCode(code)).toBe(true);
  });

  it('refuses malformed codes and unknown divisions', () => {
    for (const code of [
      '90910000',
      '9091000-9',
      '909100000-9',
      '90910000-',
      '90910000-99',
      '90910000_9',
      'A0910000-9',
      ' 90910000-9',
      '99000000-1',
      '00000000-0',
      '',
    ])
      expect(isValidCpvCode(code), code).toBe(false);
  });

  it('normalises spaces and a missing hyphen', () => {
    expect(normaliseCpvCode(' 909100009 ')).toBe('90910000-9');
    expect(normaliseCpvCode('9091 0000-9')).toBe('90910000-9');
    expect(normaliseCpvCode('90910000-9')).toBe('90910000-9');
    expect(normaliseCpvCode('9091000')).toBeUndefined();
    expect(normaliseCpvCode('90910000--9')).toBeUndefined();
  });

  it('extracts the division of valid codes only', () => {
    expect(cpvDivision('45210000-2')).toBe('45');
    expect(cpvDivision('03113100-7')).toBe('03');
    expect(cpvDivision('452100002')).toBe('45');
    expect(cpvDivision('99210000-2')).toBeUndefined();
    expect(cpvDivision('45')).toBeUndefined();
    expect(cpvDivision('')).toBeUndefined();
  });
});
