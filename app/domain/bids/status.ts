// The lists a bid's rows take (issue 7 §2 and §4, docs/decisions/230-bids-and-groupements-schema.md). The
// migration 2026-12-01-006 repeats them in CHECK constraints (tests/integration/schema-checks.test.ts).

/** A bid is made by one supplier alone or by a groupement (members, one mandataire). */
export const BID_KINDS = ['seul', 'groupement'] as const;
export type BidKind = (typeof BID_KINDS)[number];

/**
 * forming: being prepared (members invited, allocation, checklist); submitted: sent to the buyer, membership
 * frozen; withdrawn: taken back before the deadline, editable and submittable again; dissolved: abandoned.
 */
export const BID_STATUSES = ['forming', 'submitted', 'withdrawn', 'dissolved'] as const;
export type BidStatus = (typeof BID_STATUSES)[number];

export const BID_MEMBER_ROLES = ['mandataire', 'membre'] as const;
export const BID_MEMBER_ACCEPTANCES = ['pending', 'accepted', 'declined'] as const;
export const BID_INVITATION_STATUSES = ['pending', 'accepted', 'declined', 'revoked'] as const;
export type BidInvitationStatus = (typeof BID_INVITATION_STATUSES)[number];

/** The buyer's decision on a bid for one lot. */
export const BID_LOT_DECISIONS = ['none', 'shortlisted', 'awarded', 'rejected'] as const;
export type BidLotDecision = (typeof BID_LOT_DECISIONS)[number];

/** A lot's outcome once decided: awarded to a bid, or declared unsuccessful (infructueux). */
export const LOT_OUTCOMES = ['awarded', 'unsuccessful'] as const;
export type LotOutcome = (typeof LOT_OUTCOMES)[number];

export const CHECKLIST_STATUSES = ['todo', 'in-progress', 'done'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];
export const CHECKLIST_STATUS_LABELS: Record<ChecklistStatus, string> = {
  todo: 'À faire',
  'in-progress': 'En cours',
  done: 'Fait',
};

export const PARTNER_POST_STATUSES = ['open', 'closed'] as const;
export type PartnerPostStatus = (typeof PARTNER_POST_STATUSES)[number];
export const PARTNER_OFFER_STATUSES = ['pending', 'accepted', 'declined'] as const;
export type PartnerOfferStatus = (typeof PARTNER_OFFER_STATUSES)[number];
