import { data, type LoaderFunctionArgs } from '@remix-run/node';
import { decide } from '../../domain/permissions';
import { isBidEditable } from '../../domain/bids/workspace';
import { idParam, privateHeaders } from '../auth/authorize.server';
import type { ForbiddenBody } from '../auth/authorize.server';
import { getAppContext } from '../context.server';
import { authorizeBid, type BidAccess, type BidAction } from './access.server';

// What the workspace pages show each visitor (decisions 231, 245): the permissions module answers whether the
// visitor works on the bid or leads it; the pages only hide the forms they could not send anyway.

/**
 * The start of every loader and action of /reponses/:bidId/*: the bid's id from the URL, the app's context,
 * authorizeBid's answer for `action` (404, sign-in redirect, 403) and the private headers of the answer.
 */
export async function openBidWorkspace(
  { request, context, params }: Pick<LoaderFunctionArgs, 'request' | 'context' | 'params'>,
  action: BidAction,
) {
  const bidId = idParam(params.bidId);
  const ctx = await getAppContext();
  const access = await authorizeBid({ request, context }, ctx, bidId, action);
  return { bidId, ctx, access, headers: privateHeaders(access.setCookie) };
}

export interface WorkspaceRights {
  /** Accepted member: allocation, subcontractors, checklist, documents, thread. */
  canWork: boolean;
  /** Mandataire (or the supplier alone): invitations. */
  isLead: boolean;
  /** The bid is forming or withdrawn. */
  editable: boolean;
  /** The visitor acts for a member of the bid (not the buyer). */
  isMember: boolean;
}

export function workspaceRights(access: BidAccess): WorkspaceRights {
  return {
    canWork: decide(access.actor, { action: 'bid.work', bid: access.facts }).allowed,
    isLead: decide(access.actor, { action: 'bid.lead', bid: access.facts }).allowed,
    editable: isBidEditable(access.bid.status),
    isMember: access.myMember !== null,
  };
}

/**
 * The members' own pages (the thread): bid.view lets the buyer open a submitted bid, but the members'
 * conversation is not part of the offer (decision 247), so a visitor who is no member gets the 403.
 */
export function requireMemberOfBid(access: BidAccess): void {
  if (access.myMember === null) {
    const body: ForbiddenBody = { denial: 'forbidden' };
    throw data(body, { status: 403, headers: privateHeaders(access.setCookie) });
  }
}

/** The summary of a bid every workspace page shows under its title. */
export function bidHeading(access: BidAccess) {
  return {
    id: access.bid.id,
    name: access.bid.name,
    kind: access.bid.kind,
    status: access.bid.status,
    tender: {
      id: access.tender.id,
      title: access.tender.title,
      submissionDeadline: access.tender.submissionDeadline,
    },
  };
}
