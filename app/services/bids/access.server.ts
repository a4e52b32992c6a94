import { data } from '@remix-run/node';
import { findBid, listBidMembers, type BidMemberRecord, type BidRow } from '../../../db/repositories/bids';
import { findTender, type TenderRecord } from '../../../db/repositories/tenders';
import type { BidFacts } from '../../domain/permissions';
import { authorize, privateHeaders, type Authorized } from '../auth/authorize.server';
import { requireUser, type RequestArgs } from '../auth/current-user.server';
import type { AppContext } from '../context.server';

// Every page and action of a bid's workspace asks here (decision 231): the bid and its tender are loaded, the
// facts the permissions module needs are built from them, and `authorize` answers (sign-in redirect, 403). An
// unknown bid is a 404 before anything is said about rights.

export type BidAction = 'bid.view' | 'bid.work' | 'bid.lead' | 'bid.respond';

export interface BidAccess extends Authorized {
  bid: BidRow;
  tender: TenderRecord;
  members: BidMemberRecord[];
  facts: BidFacts;
  /** The actor's own member of the bid (the mandataire's first when they belong to several), or null (buyer). */
  myMember: BidMemberRecord | null;
}

export function bidFacts(bid: BidRow, tender: TenderRecord, members: BidMemberRecord[], now: Date): BidFacts {
  const deadlinePassed = tender.submissionDeadline !== null && Date.parse(tender.submissionDeadline) <= now.getTime();
  return {
    members: members
      .filter((m) => m.organisationId !== null)
      .map((m) => ({ organisationId: m.organisationId as number, role: m.role, acceptance: m.acceptance })),
    buyerOrganisationId: tender.buyerOrganisationId,
    openedToBuyer: bid.status === 'submitted' && deadlinePassed,
  };
}

export async function authorizeBid(
  args: RequestArgs,
  context: Pick<AppContext, 'database'>,
  bidId: number,
  action: BidAction,
  now: Date = new Date(),
): Promise<BidAccess> {
  const db = context.database.db;
  const bid = await findBid(db, bidId);
  const tender = bid ? await findTender(db, bid.tender_id) : undefined;
  if (!bid || !tender) {
    // Anonymous visitors are sent to log in first, so they learn nothing from a 404 either.
    const { setCookie } = await requireUser(args, context, now);
    throw data(null, { status: 404, headers: privateHeaders(setCookie) });
  }
  const members = await listBidMembers(db, bidId);
  const facts = bidFacts(bid, tender, members, now);
  const auth = await authorize(args, context, { action, bid: facts }, now);
  const mine = members.filter(
    (m) => m.organisationId !== null && auth.actor.memberships.has(m.organisationId) && m.acceptance !== 'declined',
  );
  const myMember = mine.find((m) => m.role === 'mandataire') ?? mine[0] ?? null;
  return { ...auth, bid, tender, members, facts, myMember };
}
