import { describe, expect, it } from 'vitest';
import { CHARTER_STATUSES, CHARTER_VALIDITY_TEXT, charterExpiresAt, charterVerifiedAt } from '../../app/domain/charter';

describe('charter rules (app/domain/charter.ts)', () => {
  it('keeps the verification date of verified and expired charters only', () => {
    const at = '2026-03-15T10:00:00.000Z';
    expect(CHARTER_STATUSES.map((status) => charterVerifiedAt(status, at))).toEqual([null, null, at, at]);
    expect(charterVerifiedAt('verified', null)).toBeNull();
  });

  it('expires a verification 12 months later, and says so in French', () => {
    expect(charterExpiresAt('2026-03-15T10:00:00.000Z')).toBe('2027-03-15T10:00:00.000Z');
    expect(charterExpiresAt('2024-02-29T00:00:00.000Z')).toBe('2025-03-01T00:00:00.000Z');
    expect(CHARTER_VALIDITY_TEXT).toBe('12 mois');
  });
});
