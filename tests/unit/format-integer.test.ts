import { describe, expect, it } from 'vitest';
import { formatInteger } from '../../app/components/format';

// formatInteger groups safe integers by hand (a fast path for the search page's counts): it must write
// exactly what Intl.NumberFormat('fr-FR') writes.

const intl = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });

describe('formatInteger', () => {
  it('groups thousands with a narrow no-break space', () => {
    expect(formatInteger(1234)).toBe('1\u202f234');
    expect(formatInteger(95051)).toBe('95\u202f051');
    expect(formatInteger(-1234567)).toBe('-1\u202f234\u202f567');
    expect(formatInteger(999)).toBe('999');
  });

  it('writes exactly what Intl writes, integers or not', () => {
    const values = [
      0,
      -0,
      1,
      -1,
      12,
      123,
      999,
      1000,
      -1000,
      100000,
      123456,
      1234567,
      10 ** 9,
      2 ** 53 - 1,
      -(2 ** 53 - 1),
      1.5,
      2.5,
      -3.7,
      1e21,
      NaN,
      Infinity,
    ];
    for (let digits = 1; digits <= 15; digits++)
      values.push(Number('7'.repeat(digits)), -Number('3'.repeat(digits)), 10 ** (digits - 1));
    for (const n of values) expect(formatInteger(n), String(n)).toBe(intl.format(n));
  });
});
