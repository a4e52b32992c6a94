// How suppliers hear about tenders that fit them (issue 7 §1, docs/decisions/230-bids-and-groupements-schema.md):
// the lists the migration 2026-12-01-006 repeats in CHECK constraints.

/** immediate: one mail per matching tender, up to the daily cap, the rest in the digest; digest: one mail a day. */
export const TENDER_ALERT_MODES = ['immediate', 'digest', 'off'] as const;
export type TenderAlertMode = (typeof TENDER_ALERT_MODES)[number];
export const DEFAULT_TENDER_ALERT_MODE: TenderAlertMode = 'immediate';
export const DEFAULT_DAILY_CAP = 5;
export const MAX_DAILY_CAP = 50;

/** How a match was told: mailed at once, left for the digest, over the cap (digest too), or not at all. */
export const MATCH_CHANNELS = ['immediate', 'digest', 'capped', 'none'] as const;
export type MatchChannel = (typeof MATCH_CHANNELS)[number];

export const TENDER_INTERESTS = ['interested', 'not-interested'] as const;
export type TenderInterest = (typeof TENDER_INTERESTS)[number];
