// The charter of responsible purchasing: the states a supplier's charter goes through and how long a
// verification stays valid. Pure rules, no I/O (docs/decisions/071-charter-rules-in-the-domain.md).

/**
 * none: not signed; pending: self-assessment filled, a moderator checks the proofs; verified: a moderator
 * validated the proofs (valid CHARTER_VALIDITY_MONTHS); expired: verified once, not renewed in time.
 */
export const CHARTER_STATUSES = ['none', 'pending', 'verified', 'expired'] as const;
export type CharterStatus = (typeof CHARTER_STATUSES)[number];

export const CHARTER_STATUS_LABELS: Record<CharterStatus, string> = {
  none: 'Charte non signée',
  pending: 'Charte en cours de vérification',
  verified: 'Charte vérifiée',
  expired: 'Charte expirée',
};

/** A verified charter expires this many months after its verification. */
export const CHARTER_VALIDITY_MONTHS = 12;

/** The validity as French text (« 12 mois »), for the pages and the API description. */
export const CHARTER_VALIDITY_TEXT = `${CHARTER_VALIDITY_MONTHS} mois`;

/** The verification date that still means something for this status (verified or expired), else null. */
export function charterVerifiedAt(status: CharterStatus, verifiedAt: string | null): string | null {
  return status === 'verified' || status === 'expired' ? verifiedAt : null;
}

/** When a charter verified at this ISO date expires (ISO date, UTC). */
export function charterExpiresAt(verifiedAt: string): string {
  const date = new Date(verifiedAt);
  date.setUTCMonth(date.getUTCMonth() + CHARTER_VALIDITY_MONTHS);
  return date.toISOString();
}
