import type { DB } from '../../../db/connection';
import { appendAudit } from '../../../db/repositories/audit-log';
import { bidderOrganisations, listBidIdsOfTender } from '../../../db/repositories/buyer-bids';
import { changeTenderStatus, findTender } from '../../../db/repositories/tenders';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { cancellationRefusal, parseDecisionReason } from '~/domain/tenders/award';
import { canTransition, effectiveStatus } from '~/domain/tenders/tender';
import { sendBidderNotices } from './bidder-notices.server';
import { findBuyerOrganisation } from './buyer.server';

// The buyer cancels a published or closed tender with a reason (decision 256): status cancelled, the date and
// the reason stored and shown on the public page, an audit row, and the bidders whose bid is submitted told
// (in-site and a mail to their owners), in one transaction.

export type CancellationRefusal = { kind: 'not-found' } | { kind: 'invalid'; issues: FieldIssue[] };

export async function cancelTender(
  db: DB,
  input: {
    organisationId: number;
    tenderId: number;
    fields: Record<string, unknown>;
    actor: { userId: number; email: string };
    origin: string;
  },
  now: Date = new Date(),
): Promise<Result<{ notifiedBids: number }, CancellationRefusal>> {
  if (!(await findBuyerOrganisation(db, input.organisationId))) return fail({ kind: 'not-found' });
  const reason = parseDecisionReason(input.fields);
  const iso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const tender = await findTender(trx, input.tenderId);
    if (!tender || tender.buyerOrganisationId !== input.organisationId)
      return fail<CancellationRefusal>({ kind: 'not-found' });
    const refusal = cancellationRefusal(effectiveStatus(tender, now));
    if (refusal) return fail<CancellationRefusal>({ kind: 'invalid', issues: [{ field: '', message: refusal }] });
    if (!reason.ok) return fail<CancellationRefusal>({ kind: 'invalid', issues: reason.error });
    const lost = fail<CancellationRefusal>({
      kind: 'invalid',
      issues: [{ field: '', message: 'Le besoin a changé entre-temps : rechargez la page.' }],
    });
    if (!canTransition(tender.status, 'cancelled')) return lost;
    const changed = await changeTenderStatus(trx, tender.id, {
      from: tender.status,
      to: 'cancelled',
      now,
      cancelledAt: iso,
      cancellationReason: reason.value,
    });
    if (!changed) return lost;
    await appendAudit(trx, {
      now: iso,
      actor: input.actor,
      action: 'tender.cancelled',
      subject: { type: 'tender', id: tender.id },
      organisationId: tender.buyerOrganisationId,
      reason: reason.value,
      details: { statusBefore: effectiveStatus(tender, now), title: tender.title },
    });
    const bids = await listBidIdsOfTender(trx, tender.id, ['submitted']);
    const organisations = await bidderOrganisations(trx, bids);
    await sendBidderNotices(
      trx,
      bids.map((bidId) => ({
        bidId,
        organisationIds: organisations.get(bidId) ?? [],
        kind: 'tender-cancelled',
        title: `Consultation annulée — ${tender.title}`,
        body: `L’acheteur ${tender.buyerName} a annulé la consultation « ${tender.title} ». Raison : ${reason.value}`,
        link: `/appels-d-offres/${tender.id}`,
        mail: true,
      })),
      input.origin,
      now,
    );
    return ok({ notifiedBids: bids.length });
  });
}
