import type { DB, Executor } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import {
  bidderOrganisations,
  countSubmittedBids,
  insertLotOutcome,
  listLotOutcomes,
  listSubmittedBids,
  setBidLotDecision,
  type BuyerBidRecord,
} from '../../../db/repositories/buyer-bids';
import { changeTenderStatus, findTender, type TenderRecord } from '../../../db/repositories/tenders';
import type { BidLotDecision, LotOutcome } from '~/domain/bids/status';
import { allocateAmounts } from '~/domain/groupements/rules';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import {
  AWARD_MESSAGES,
  BUYER_BID_INTENTS,
  type BuyerBidIntent,
  type BuyerDecision,
  cancellationRefusal,
  decisionNoticeText,
  decisionsClosedMessage,
  parseDecisionReason,
  planLotDecision,
  tenderConclusion,
} from '~/domain/tenders/award';
import { lotsOf } from '~/domain/tenders/form';
import { effectiveStatus, type TenderStatus } from '~/domain/tenders/tender';
import { sendBidderNotices, type BidderNotice } from './bidder-notices.server';
import { findBuyerOrganisation } from './buyer.server';

// The buyer's bids (issue 7 §4, decisions 256–258): the page at /organisations/:orgId/appels-d-offres/:id/offres
// (sealed before the deadline: only the count), and the decisions per bid and lot. The route has asked
// tender.edit on the organisation; here the organisation must be a buyer and the tender its own. Each decision
// is one transaction: bid_lots, tender_lot_outcomes, the audit log, the tender's status once every lot has an
// outcome, and the bidders told (in-site and mail to their owners).

export interface BuyerBidView {
  id: number;
  kind: 'seul' | 'groupement';
  name: string;
  form: BuyerBidRecord['form'];
  submittedAt: string | null;
  members: { name: string; slug: string; role: 'mandataire' | 'membre' }[];
  priceCents: number | null;
  decision: BidLotDecision;
  decisionReason: string | null;
  allocation: { supplierName: string; shareBp: number; amountCents: number | null; tasks: string }[];
  documents: { label: string; url: string }[];
}

export interface BuyerLotView {
  number: number;
  title: string;
  estimatedValueEuros: number | null;
  outcome: { outcome: LotOutcome; reason: string | null; decidedAt: string } | null;
  bids: BuyerBidView[];
}

export interface BuyerBidsPage {
  organisation: { id: number; name: string };
  tender: {
    id: number;
    title: string;
    status: TenderStatus;
    submissionDeadline: string | null;
    cancellationReason: string | null;
    cancelledAt: string | null;
    awardedAt: string | null;
  };
  /** Before the deadline the bids are sealed: only their number is known (decision 231). */
  sealed: boolean;
  submittedCount: number;
  /** Why no decision can be taken now, or null. */
  decisionsClosed: string | null;
  canCancel: boolean;
  lots: BuyerLotView[];
}

export function bidDocumentUrl(bidId: number, itemId: number): string {
  return `/reponses/${bidId}/pieces/${itemId}/fichier`;
}

function isSealed(tender: Pick<TenderRecord, 'submissionDeadline'>, now: Date): boolean {
  return tender.submissionDeadline === null || Date.parse(tender.submissionDeadline) > now.getTime();
}

function bidView(bid: BuyerBidRecord, lotNumber: number): BuyerBidView | null {
  const lot = bid.lots.find((l) => l.lotNumber === lotNumber);
  if (!lot) return null;
  const names = new Map(bid.members.map((m) => [m.supplierId, m.name]));
  const rows = bid.allocations.filter((a) => a.lotNumber === lotNumber);
  const amounts = lot.priceCents === null ? null : allocateAmounts(lot.priceCents, rows);
  return {
    id: bid.id,
    kind: bid.kind,
    name: bid.name,
    form: bid.form,
    submittedAt: bid.submittedAt,
    members: bid.members.map((m) => ({ name: m.name, slug: m.slug, role: m.role })),
    priceCents: lot.priceCents,
    decision: lot.decision,
    decisionReason: lot.decisionReason,
    allocation: rows.map((row, index) => ({
      supplierName: names.get(row.supplierId) ?? '—',
      shareBp: row.shareBp,
      amountCents: amounts ? amounts[index].amountCents : null,
      tasks: row.tasks,
    })),
    documents: bid.documents.map((d) => ({ label: d.label, url: bidDocumentUrl(bid.id, d.itemId) })),
  };
}

export async function getBuyerBidsPage(
  db: DB,
  organisationId: number,
  tenderId: number,
  now: Date = new Date(),
): Promise<BuyerBidsPage | null> {
  const organisation = await findBuyerOrganisation(db, organisationId);
  const tender = organisation ? await findTender(db, tenderId) : undefined;
  if (!organisation || !tender || tender.buyerOrganisationId !== organisationId) return null;
  const status = effectiveStatus(tender, now);
  const sealed = isSealed(tender, now);
  const bids = sealed ? [] : await listSubmittedBids(db, tender.id);
  const outcomes = new Map((await listLotOutcomes(db, tender.id)).map((o) => [o.lotNumber, o]));
  return {
    organisation,
    tender: {
      id: tender.id,
      title: tender.title,
      status,
      submissionDeadline: tender.submissionDeadline,
      cancellationReason: tender.cancellationReason,
      cancelledAt: tender.cancelledAt,
      awardedAt: tender.awardedAt,
    },
    sealed,
    submittedCount: await countSubmittedBids(db, tender.id),
    decisionsClosed: decisionsClosedMessage(status),
    canCancel: cancellationRefusal(status) === null,
    lots: lotsOf(tender).map((lot) => {
      const outcome = outcomes.get(lot.number);
      return {
        number: lot.number,
        title: lot.title,
        estimatedValueEuros: lot.estimatedValueEuros,
        outcome: outcome ? { outcome: outcome.outcome, reason: outcome.reason, decidedAt: outcome.decidedAt } : null,
        bids: bids.map((bid) => bidView(bid, lot.number)).filter((b): b is BuyerBidView => b !== null),
      };
    }),
  };
}

export type BidDecisionRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

export interface BidDecisionInput {
  organisationId: number;
  tenderId: number;
  intent: string;
  /** The form's fields: `lot`, `bidId` (not for `unsuccessful`), `reason` (reject, unsuccessful). */
  fields: Record<string, unknown>;
  actor: { userId: number; email: string };
  origin: string;
}

const AUDIT_OF: Record<
  BuyerBidIntent,
  'tender.bid-shortlisted' | 'tender.bid-rejected' | 'tender.bid-awarded' | 'tender.lot-unsuccessful'
> = {
  shortlist: 'tender.bid-shortlisted',
  reject: 'tender.bid-rejected',
  award: 'tender.bid-awarded',
  unsuccessful: 'tender.lot-unsuccessful',
};

function positiveInt(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

/** The decision the form asks for, or its issues. */
function parseBidDecision(
  intent: string,
  fields: Record<string, unknown>,
): Result<{ lotNumber: number; decision: BuyerDecision }, FieldIssue[]> {
  if (!(BUYER_BID_INTENTS as readonly string[]).includes(intent))
    return fail([{ field: '', message: AWARD_MESSAGES.intentUnknown }]);
  const lotNumber = positiveInt(fields.lot);
  if (lotNumber === null) return fail([{ field: '', message: AWARD_MESSAGES.lotUnknown }]);
  const bidId = positiveInt(fields.bidId);
  if (intent !== 'unsuccessful' && bidId === null) return fail([{ field: '', message: AWARD_MESSAGES.bidNotOnLot }]);
  if (intent === 'reject' || intent === 'unsuccessful') {
    const reason = parseDecisionReason(fields);
    if (!reason.ok) return fail(reason.error);
    return ok({
      lotNumber,
      decision:
        intent === 'reject'
          ? { kind: 'reject', bidId: bidId as number, reason: reason.value }
          : { kind: 'unsuccessful', reason: reason.value },
    });
  }
  return ok({ lotNumber, decision: { kind: intent as 'shortlist' | 'award', bidId: bidId as number } });
}

class LostRace extends Error {}

/**
 * Stores a published tender whose deadline has passed as closed (the hourly job may not have run yet), so the
 * closed → awarded | cancelled transition applies.
 */
async function storeClosedIfDue(trx: Executor, tender: TenderRecord, now: Date): Promise<TenderStatus> {
  if (tender.status !== 'published') return tender.status;
  const iso = now.toISOString();
  if (!(await changeTenderStatus(trx, tender.id, { from: 'published', to: 'closed', now, closedAt: iso })))
    throw new LostRace();
  await appendAudit(trx, {
    now: iso,
    actor: null,
    action: 'tender.closed',
    subject: { type: 'tender', id: tender.id },
    organisationId: tender.buyerOrganisationId,
    reason: 'Date limite de remise des offres passée',
  });
  return 'closed';
}

/** One decision on a bid and lot, or a lot declared unsuccessful. Nothing is written when it is refused. */
export async function decideOnBid(
  db: DB,
  input: BidDecisionInput,
  now: Date = new Date(),
): Promise<Result<{ intent: BuyerBidIntent; concluded: 'awarded' | 'cancelled' | null }, BidDecisionRefusal>> {
  if (!(await findBuyerOrganisation(db, input.organisationId))) return fail({ kind: 'not-found' });
  const first = await findTender(db, input.tenderId);
  if (!first || first.buyerOrganisationId !== input.organisationId) return fail({ kind: 'not-found' });
  const closed = decisionsClosedMessage(effectiveStatus(first, now));
  if (closed) return fail({ kind: 'invalid', issues: [{ field: '', message: closed }] });
  const parsed = parseBidDecision(input.intent, input.fields);
  if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
  const { lotNumber, decision } = parsed.value;
  const intent = input.intent as BuyerBidIntent;
  const iso = now.toISOString();
  const refuse = (message: string) => fail<BidDecisionRefusal>({ kind: 'invalid', issues: [{ field: '', message }] });

  try {
    return await db.transaction().execute(async (trx) => {
      const tender = await findTender(trx, input.tenderId);
      if (!tender || tender.buyerOrganisationId !== input.organisationId)
        return fail<BidDecisionRefusal>({ kind: 'not-found' });
      const stillClosed = decisionsClosedMessage(effectiveStatus(tender, now));
      if (stillClosed) return refuse(stillClosed);
      const lots = lotsOf(tender);
      const lot = lots.find((l) => l.number === lotNumber);
      if (!lot) return refuse(AWARD_MESSAGES.lotUnknown);
      const bids = await listSubmittedBids(trx, tender.id);
      const outcomes = await listLotOutcomes(trx, tender.id);
      const onLot = bids.flatMap((b) =>
        b.lots.filter((l) => l.lotNumber === lotNumber).map((l) => ({ bidId: b.id, decision: l.decision })),
      );
      const plan = planLotDecision(
        { lotNumber, outcome: outcomes.find((o) => o.lotNumber === lotNumber)?.outcome ?? null, bids: onLot },
        decision,
      );
      if (!plan.ok) return refuse(plan.error);

      for (const change of plan.value.changes) {
        const expected = onLot.find((b) => b.bidId === change.bidId)?.decision ?? 'none';
        const written = await setBidLotDecision(trx, {
          bidId: change.bidId,
          lotNumber,
          expected,
          decision: change.decision,
          reason: change.reason,
          now: iso,
        });
        if (!written) throw new LostRace();
      }
      if (plan.value.outcome) {
        const recorded = await insertLotOutcome(trx, {
          tenderId: tender.id,
          lotNumber,
          outcome: plan.value.outcome.outcome,
          reason: plan.value.outcome.reason,
          userId: input.actor.userId,
          now: iso,
        });
        if (!recorded) throw new LostRace();
      }
      await appendAudit(trx, {
        now: iso,
        actor: input.actor,
        action: AUDIT_OF[intent],
        subject: { type: 'tender', id: tender.id },
        organisationId: tender.buyerOrganisationId,
        reason: decision.kind === 'reject' || decision.kind === 'unsuccessful' ? decision.reason : null,
        details: {
          lot: lotNumber,
          ...(decision.kind === 'unsuccessful' ? {} : { bidId: decision.bidId }),
          changes: plan.value.changes.map((c) => ({ bidId: c.bidId, decision: c.decision })),
        },
      });

      // Every lot decided: the tender is awarded, or cancelled when no lot found a bid.
      const allOutcomes = new Map(outcomes.map((o) => [o.lotNumber, { outcome: o.outcome, reason: o.reason }]));
      if (plan.value.outcome) allOutcomes.set(lotNumber, plan.value.outcome);
      const conclusion = tenderConclusion(
        lots.map((l) => l.number),
        allOutcomes,
      );
      if (conclusion) {
        const from = await storeClosedIfDue(trx, tender, now);
        const changed = await changeTenderStatus(trx, tender.id, {
          from,
          to: conclusion.status,
          now,
          ...(conclusion.status === 'awarded'
            ? { awardedAt: iso }
            : { cancelledAt: iso, cancellationReason: conclusion.reason }),
        });
        if (!changed) throw new LostRace();
        await appendAudit(trx, {
          now: iso,
          actor: input.actor,
          action: conclusion.status === 'awarded' ? 'tender.awarded' : 'tender.cancelled',
          subject: { type: 'tender', id: tender.id },
          organisationId: tender.buyerOrganisationId,
          reason: conclusion.status === 'cancelled' ? conclusion.reason : null,
          details: { lots: [...allOutcomes].map(([lot, o]) => ({ lot, outcome: o.outcome })) },
        });
      }

      const organisations = await bidderOrganisations(
        trx,
        plan.value.changes.map((c) => c.bidId),
      );
      const lotLabel = lots.length > 1 || tender.lots.length > 0 ? `le lot ${lotNumber} (${lot.title})` : 'ce marché';
      const notices: BidderNotice[] = plan.value.changes.map((change) => ({
        bidId: change.bidId,
        organisationIds: organisations.get(change.bidId) ?? [],
        kind: 'bid-decision',
        ...decisionNoticeText(change.decision, lotLabel, tender.title, change.reason),
        link: `/reponses/${change.bidId}`,
        mail: true,
      }));
      await sendBidderNotices(trx, notices, input.origin, now);
      return ok({ intent, concluded: conclusion?.status ?? null });
    });
  } catch (error) {
    if (error instanceof LostRace)
      return fail({
        kind: 'invalid',
        issues: [{ field: '', message: 'La décision a changé entre-temps : rechargez la page.' }],
      });
    throw error;
  }
}
