import type { DB, Executor } from '../../../db/connection';
import { syncChecklist } from './checklist.server';
import { revokePendingBidInvitations } from '../../../db/repositories/bid-invitations';
import {
  appendBidActivity,
  changeBidStatus,
  findBid,
  listBidAllocations,
  listBidLots,
  listBidMembers,
  listChecklistStates,
  listTenderBidSummaries,
  type BidMemberRecord,
  type BidRow,
} from '../../../db/repositories/bids';
import { findTender, type TenderRecord } from '../../../db/repositories/tenders';
import { checkBidSubmission, checkWithdrawal } from '~/domain/bids/rules';
import { type FieldIssue, type Result, fail, ok } from '~/domain/result';
import { announceToMembers, formatParisDateTime } from './bid-mail.server';
import type { BidActionInput, BidRefusal } from './membership.server';
import { participationIssues } from './start.server';

// Submission and withdrawal (decision 241). The lead submits when every rule holds (checkBidSubmission: the
// deadline on the server, members, checklist rows done with their documents, prices, allocation, the participation
// rules checked again); the bid is then frozen, timestamped and counted, pending e-mail invitations are revoked,
// members are told by mail. Withdrawal, before the deadline, makes it editable again; it may be resubmitted until
// the deadline.

/** Every reason the bid cannot be submitted now by `actorSupplierId` (empty when it can). */
export async function submissionIssues(
  db: Executor,
  loaded: { bid: BidRow; tender: TenderRecord; members: BidMemberRecord[] },
  actorSupplierId: number,
  now: Date,
): Promise<FieldIssue[]> {
  const { bid, tender, members } = loaded;
  const summaries = await listTenderBidSummaries(db, tender.id);
  const counted = members.filter((m) => m.acceptance !== 'declined');
  const participation = counted.flatMap((m) =>
    participationIssues(
      tender,
      m.supplier_id,
      bid.kind === 'seul' ? 'seul' : bid.id,
      summaries.filter((s) => s.bidId !== bid.id),
      m.role === 'mandataire',
    ).map((i) => ({ ...i, message: `${m.supplierName} : ${i.message}` })),
  );
  const checked = checkBidSubmission({
    now,
    tender,
    bid: { kind: bid.kind, status: bid.status, form: bid.form },
    actorSupplierId,
    members: counted.map((m) => ({
      supplierId: m.supplier_id,
      name: m.supplierName,
      role: m.role,
      acceptance: m.acceptance,
    })),
    lots: await listBidLots(db, bid.id),
    allocation: await listBidAllocations(db, bid.id),
    checklist: await listChecklistStates(db, bid.id),
    participationIssues: participation,
  });
  return checked.ok ? [] : checked.error;
}

async function load(db: Executor, bidId: number) {
  const bid = await findBid(db, bidId);
  const tender = bid ? await findTender(db, bid.tender_id) : undefined;
  return bid && tender ? { bid, tender, members: await listBidMembers(db, bid.id) } : null;
}

const memberOrgs = (members: BidMemberRecord[]) =>
  members
    .filter((m) => m.organisationId !== null && m.acceptance === 'accepted')
    .map((m) => m.organisationId as number);

/** Lead. Submits the bid, or lists every reason it cannot be. */
export async function submitBid(
  db: DB,
  input: BidActionInput,
  now: Date = new Date(),
): Promise<Result<{ submittedAt: string; count: number }, BidRefusal>> {
  return db.transaction().execute(async (trx) => {
    const loaded = await load(trx, input.bidId);
    if (!loaded)
      return fail({ kind: 'invalid' as const, issues: [{ field: '', message: 'Cette réponse n’existe plus.' }] });
    // The checklist follows the members and subcontractors of the moment, whatever page was seen last: a member
    // who joined since brings its own pieces to provide (decision 246).
    await syncChecklist(trx, loaded.bid.id, now);
    const issues = await submissionIssues(trx, loaded, input.actorSupplierId, now);
    if (issues.length > 0) return fail({ kind: 'invalid' as const, issues });
    const { bid, tender, members } = loaded;
    if (
      !(await changeBidStatus(trx, bid.id, {
        from: ['forming', 'withdrawn'],
        to: 'submitted',
        now,
        submittedByUserId: input.actor.userId,
        countSubmission: true,
      }))
    )
      return fail({ kind: 'invalid' as const, issues: [{ field: '', message: 'L’offre est déjà déposée.' }] });
    await revokePendingBidInvitations(trx, bid.id, now);
    const count = bid.submission_count + 1;
    const at = formatParisDateTime(now.toISOString());
    await appendBidActivity(
      trx,
      {
        bidId: bid.id,
        supplierId: input.actorSupplierId,
        userId: input.actor.userId,
        action: 'bid.submitted',
        detail: count > 1 ? `Dépôt n° ${count}, le ${at}` : `Le ${at}`,
      },
      now,
    );
    await announceToMembers(
      trx,
      {
        organisationIds: memberOrgs(members),
        bidId: bid.id,
        kind: 'bid-submitted',
        title: `L’offre « ${bid.name} » est déposée`,
        paragraphs: [
          `Le mandataire a déposé l’offre « ${bid.name} » pour l’appel d’offres « ${tender.title} » le ${at}.`,
          'La composition du groupement est désormais figée. L’offre peut être retirée, modifiée et déposée de nouveau jusqu’à la date limite.',
        ],
        origin: input.origin,
        mail: true,
      },
      now,
    );
    return ok({ submittedAt: now.toISOString(), count });
  });
}

/** Lead. Withdraws a submitted bid before the deadline: it becomes editable and may be submitted again. */
export async function withdrawBid(
  db: DB,
  input: BidActionInput,
  now: Date = new Date(),
): Promise<Result<true, BidRefusal>> {
  return db.transaction().execute(async (trx) => {
    const loaded = await load(trx, input.bidId);
    if (!loaded)
      return fail({ kind: 'invalid' as const, issues: [{ field: '', message: 'Cette réponse n’existe plus.' }] });
    const { bid, tender, members } = loaded;
    const allowed = checkWithdrawal(bid.status, tender, now);
    if (!allowed.ok) return fail({ kind: 'invalid' as const, issues: allowed.error });
    if (!(await changeBidStatus(trx, bid.id, { from: ['submitted'], to: 'withdrawn', now, withdrawn: true })))
      return fail({
        kind: 'invalid' as const,
        issues: [{ field: '', message: 'Seule une offre déposée peut être retirée.' }],
      });
    await appendBidActivity(
      trx,
      {
        bidId: bid.id,
        supplierId: input.actorSupplierId,
        userId: input.actor.userId,
        action: 'bid.withdrawn',
        detail: '',
      },
      now,
    );
    await announceToMembers(
      trx,
      {
        organisationIds: memberOrgs(members),
        bidId: bid.id,
        kind: 'bid-withdrawn',
        title: `L’offre « ${bid.name} » a été retirée`,
        paragraphs: [
          'Le mandataire a retiré l’offre : elle peut être modifiée et déposée de nouveau avant la date limite.',
        ],
        origin: null,
        mail: false,
      },
      now,
    );
    return ok(true);
  });
}
