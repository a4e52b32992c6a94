import { z } from 'zod';
import type { BidLotDecision, LotOutcome } from '../bids/status';
import { type FieldIssue, type Result, fail, fieldIssuesOf, ok } from '../result';
import type { TenderStatus } from './tender';

// The buyer's decisions after the deadline (issue 7 §4, decisions 256–258): per bid and lot, shortlist, reject
// with a reason, award (one bid per lot, the others not yet rejected are rejected « Offre non retenue »), or the
// lot declared unsuccessful (infructueux) with a reason; once every lot has an outcome, the tender is awarded
// (at least one lot awarded) or cancelled. And the buyer's cancellation of a published or closed tender. Pure:
// the service loads the state, asks here what to write, and writes it in one transaction.

export const DECISION_REASON_MIN_LENGTH = 10;
export const DECISION_REASON_MAX_LENGTH = 1000;
/** The reason given to the bids a lot's award rejects automatically. */
export const NOT_RETAINED_REASON = 'Offre non retenue';

export const BUYER_BID_INTENTS = ['shortlist', 'reject', 'award', 'unsuccessful'] as const;
export type BuyerBidIntent = (typeof BUYER_BID_INTENTS)[number];

export const BID_LOT_DECISION_LABELS: Record<BidLotDecision, string> = {
  none: 'En attente de décision',
  shortlisted: 'Présélectionnée',
  awarded: 'Retenue (attributaire)',
  rejected: 'Écartée',
};

export const LOT_OUTCOME_LABELS: Record<LotOutcome, string> = {
  awarded: 'Attribué',
  unsuccessful: 'Infructueux',
};

export const AWARD_MESSAGES = {
  reasonRequired: 'Expliquez la raison : elle est transmise aux candidats concernés.',
  reasonTooShort: `La raison doit compter au moins ${DECISION_REASON_MIN_LENGTH} caractères.`,
  reasonTooLong: `La raison ne doit pas dépasser ${DECISION_REASON_MAX_LENGTH} caractères.`,
  intentUnknown: 'Choisissez une décision : présélectionner, écarter, attribuer ou déclarer le lot infructueux.',
  lotUnknown: 'Ce lot n’existe pas dans ce besoin.',
  bidNotOnLot: 'Cette offre ne répond pas à ce lot, ou elle n’a pas été remise.',
  sealed: 'Les offres restent scellées jusqu’à la date limite de remise : aucune décision n’est possible avant.',
  notPublished: 'Ce besoin n’a pas été publié : il n’a pas d’offres à examiner.',
  tenderAwarded: 'Ce besoin est déjà attribué : ses décisions sont définitives.',
  tenderCancelled: 'Ce besoin est annulé : aucune décision n’est plus possible.',
  lotAwarded: 'Ce lot est déjà attribué : sa décision est définitive.',
  lotUnsuccessful: 'Ce lot a déjà été déclaré infructueux.',
  alreadyShortlisted: 'Cette offre est déjà présélectionnée pour ce lot.',
  alreadyRejected: 'Cette offre est déjà écartée pour ce lot.',
  cannotAwardRejected: 'Cette offre a été écartée pour ce lot : elle ne peut plus être retenue.',
  cancelNotPublished: 'Seul un besoin publié ou clos peut être annulé.',
  cancelAwarded: 'Ce besoin est attribué : il ne peut plus être annulé.',
  cancelCancelled: 'Ce besoin est déjà annulé.',
} as const;

const reasonSchema = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim() : ''),
  z.string().superRefine((reason, context) => {
    const message =
      reason === ''
        ? AWARD_MESSAGES.reasonRequired
        : reason.length < DECISION_REASON_MIN_LENGTH
          ? AWARD_MESSAGES.reasonTooShort
          : reason.length > DECISION_REASON_MAX_LENGTH
            ? AWARD_MESSAGES.reasonTooLong
            : null;
    if (message) context.addIssue({ code: z.ZodIssueCode.custom, message });
  }),
);

/** A reason (rejection, unsuccessful lot, cancellation): 10 to 1,000 characters once trimmed. */
export function parseDecisionReason(fields: Record<string, unknown>): Result<string, FieldIssue[]> {
  const parsed = z.object({ reason: reasonSchema }).safeParse(fields);
  return parsed.success ? ok(parsed.data.reason) : fail(fieldIssuesOf(parsed.error));
}

/** Why the buyer may not decide on bids now (`status` effective), or null when they may (the tender is closed). */
export function decisionsClosedMessage(status: TenderStatus): string | null {
  switch (status) {
    case 'closed':
      return null;
    case 'published':
      return AWARD_MESSAGES.sealed;
    case 'draft':
    case 'submitted':
      return AWARD_MESSAGES.notPublished;
    case 'awarded':
      return AWARD_MESSAGES.tenderAwarded;
    case 'cancelled':
      return AWARD_MESSAGES.tenderCancelled;
  }
}

/** Why the buyer may not cancel the tender (`status` effective), or null: published or closed only. */
export function cancellationRefusal(status: TenderStatus): string | null {
  if (status === 'published' || status === 'closed') return null;
  if (status === 'awarded') return AWARD_MESSAGES.cancelAwarded;
  if (status === 'cancelled') return AWARD_MESSAGES.cancelCancelled;
  return AWARD_MESSAGES.cancelNotPublished;
}

/** The bids answering a lot, with the decision already taken on each, and the lot's outcome if any. */
export interface LotState {
  lotNumber: number;
  outcome: LotOutcome | null;
  bids: readonly { bidId: number; decision: BidLotDecision }[];
}

export type BuyerDecision =
  | { kind: 'shortlist'; bidId: number }
  | { kind: 'reject'; bidId: number; reason: string }
  | { kind: 'award'; bidId: number }
  | { kind: 'unsuccessful'; reason: string };

export interface BidLotChange {
  bidId: number;
  decision: Exclude<BidLotDecision, 'none'>;
  reason: string | null;
}

/** What one decision writes: the bids' new decisions on the lot, and the lot's outcome when it is decided. */
export interface DecisionPlan {
  changes: BidLotChange[];
  outcome: { outcome: LotOutcome; reason: string | null } | null;
}

/** The changes a decision makes on a lot, or the French reason it is refused. */
export function planLotDecision(lot: LotState, decision: BuyerDecision): Result<DecisionPlan, string> {
  if (lot.outcome === 'awarded') return fail(AWARD_MESSAGES.lotAwarded);
  if (lot.outcome === 'unsuccessful') return fail(AWARD_MESSAGES.lotUnsuccessful);
  if (decision.kind === 'unsuccessful') {
    const reason = `Lot déclaré infructueux : ${decision.reason}`;
    return ok({
      changes: lot.bids
        .filter((b) => b.decision !== 'rejected')
        .map((b) => ({ bidId: b.bidId, decision: 'rejected' as const, reason })),
      outcome: { outcome: 'unsuccessful', reason: decision.reason },
    });
  }
  const bid = lot.bids.find((b) => b.bidId === decision.bidId);
  if (!bid) return fail(AWARD_MESSAGES.bidNotOnLot);
  switch (decision.kind) {
    case 'shortlist':
      if (bid.decision === 'shortlisted') return fail(AWARD_MESSAGES.alreadyShortlisted);
      if (bid.decision === 'rejected') return fail(AWARD_MESSAGES.alreadyRejected);
      return ok({ changes: [{ bidId: bid.bidId, decision: 'shortlisted', reason: null }], outcome: null });
    case 'reject':
      if (bid.decision === 'rejected') return fail(AWARD_MESSAGES.alreadyRejected);
      return ok({ changes: [{ bidId: bid.bidId, decision: 'rejected', reason: decision.reason }], outcome: null });
    case 'award':
      if (bid.decision === 'rejected') return fail(AWARD_MESSAGES.cannotAwardRejected);
      return ok({
        changes: [
          { bidId: bid.bidId, decision: 'awarded', reason: null },
          ...lot.bids
            .filter((b) => b.bidId !== bid.bidId && b.decision !== 'rejected')
            .map((b) => ({ bidId: b.bidId, decision: 'rejected' as const, reason: NOT_RETAINED_REASON })),
        ],
        outcome: { outcome: 'awarded', reason: null },
      });
  }
}

/**
 * Where the tender stands once its lots' outcomes are known: null while a lot has none; `awarded` when at least
 * one lot is awarded; otherwise `cancelled`, with the lots' reasons (at most 1,000 characters).
 */
export function tenderConclusion(
  lotNumbers: readonly number[],
  outcomes: ReadonlyMap<number, { outcome: LotOutcome; reason: string | null }>,
): { status: 'awarded' } | { status: 'cancelled'; reason: string } | null {
  if (lotNumbers.some((n) => !outcomes.has(n))) return null;
  if (lotNumbers.some((n) => outcomes.get(n)?.outcome === 'awarded')) return { status: 'awarded' };
  const reasons = lotNumbers.map((n) =>
    lotNumbers.length === 1 ? (outcomes.get(n)?.reason ?? '') : `lot ${n} : ${outcomes.get(n)?.reason ?? ''}`,
  );
  const reason = `Consultation infructueuse — ${reasons.join(' ; ')}`;
  return {
    status: 'cancelled',
    reason: reason.length > DECISION_REASON_MAX_LENGTH ? `${reason.slice(0, DECISION_REASON_MAX_LENGTH - 1)}…` : reason,
  };
}

/** The words a bidder reads about a decision on one of its lots. */
export function decisionNoticeText(
  decision: Exclude<BidLotDecision, 'none'>,
  lotLabel: string,
  tenderTitle: string,
  reason: string | null,
): { title: string; body: string } {
  switch (decision) {
    case 'shortlisted':
      return {
        title: `Offre présélectionnée — ${tenderTitle}`,
        body: `L’acheteur a présélectionné votre offre pour ${lotLabel}.`,
      };
    case 'awarded':
      return {
        title: `Offre retenue — ${tenderTitle}`,
        body: `L’acheteur a retenu votre offre pour ${lotLabel} : le marché vous est attribué.`,
      };
    case 'rejected':
      return {
        title: `Offre non retenue — ${tenderTitle}`,
        body: `L’acheteur n’a pas retenu votre offre pour ${lotLabel}. Raison : ${reason ?? NOT_RETAINED_REASON}`,
      };
  }
}
