import type { DB } from '../../../db/connection';
import { listPendingBidInvitations } from '../../../db/repositories/bid-invitations';
import { listBidLots } from '../../../db/repositories/bids';
import {
  listBidsOfSupplier,
  searchPartnerSuppliers,
  type PartnerCandidate,
  type SupplierBidListing,
} from '../../../db/repositories/bid-listings';
import { findOrganisationById } from '../../../db/repositories/organisations';
import { centsToPriceInput, parseSupplierQuery } from '~/domain/bids/forms';
import { checkBidEditable, checkWithdrawal } from '~/domain/bids/rules';
import type { BidKind, BidStatus } from '~/domain/bids/status';
import type { GroupementForm } from '~/domain/groupements/rules';
import type { MemberAcceptance, MemberRole } from '~/domain/groupements/types';
import { lotsOf } from '~/domain/tenders/form';
import type { BidAccess } from './access.server';
import { submissionIssues } from './submission.server';
import { bidHeading } from './workspace.server';

// What the overview of a bid's workspace shows (decision 240) and what each visitor may do there, from the
// access `authorizeBid` gave: the lead's forms, an invited member's answer, a member's leaving.

export const PARTNER_SEARCH_LIMIT = 20;

export interface BidOverview {
  /** The summary every workspace page shows under its title. */
  heading: ReturnType<typeof bidHeading>;
  bid: {
    id: number;
    name: string;
    kind: BidKind;
    status: BidStatus;
    form: GroupementForm | null;
    submittedAt: string | null;
    submissionCount: number;
    withdrawnAt: string | null;
  };
  tender: {
    id: number;
    title: string;
    buyerName: string;
    submissionDeadline: string | null;
    allowDualBidding: boolean;
    lots: { number: number; title: string; estimatedValueEuros: number | null }[];
  };
  members: {
    supplierId: number;
    name: string;
    slug: string;
    role: MemberRole;
    acceptance: MemberAcceptance;
    hasOrganisation: boolean;
  }[];
  answeredLots: { lotNumber: number; priceCents: number | null; priceInput: string }[];
  invitations: { id: number; email: string; expiresAt: string; expired: boolean }[];
  you: {
    lead: boolean;
    /** The actor's member still invited (accept or decline), or null. */
    pendingSupplierId: number | null;
    /** The actor's accepted member that may leave (not the mandataire), or null. */
    leavingSupplierId: number | null;
  };
  /** Why nothing may change now (submitted, dissolved, deadline passed), or null. */
  frozen: string | null;
  /** Submitted and before the deadline (the lead may withdraw it). */
  canWithdraw: boolean;
  /** What the submission still needs (lead only, while it may be submitted). */
  submissionIssues: string[];
  search: { q: string; error: string | null; results: PartnerCandidate[] } | null;
}

function mine(access: BidAccess) {
  return access.members.filter((m) => m.organisationId !== null && access.actor.memberships.has(m.organisationId));
}

/** The actor's member that leads the bid, is invited, or may leave. */
export function actorMembers(access: BidAccess) {
  const own = mine(access);
  return {
    lead: own.find((m) => m.role === 'mandataire' && m.acceptance === 'accepted') ?? null,
    pending: own.find((m) => m.acceptance === 'pending') ?? null,
    leaving: own.find((m) => m.role === 'membre' && m.acceptance === 'accepted') ?? null,
  };
}

export async function getBidOverview(
  db: DB,
  access: BidAccess,
  q: string | null,
  now: Date = new Date(),
): Promise<BidOverview> {
  const { bid, tender, members } = access;
  const me = actorMembers(access);
  const lead = me.lead !== null;
  const editable = checkBidEditable(bid.status, tender, now);
  const answered = await listBidLots(db, bid.id);
  const issues =
    lead && (bid.status === 'forming' || bid.status === 'withdrawn')
      ? (await submissionIssues(db, { bid, tender, members }, me.lead!.supplier_id, now)).map((i) => i.message)
      : [];
  let search: BidOverview['search'] = null;
  if (lead && bid.kind === 'groupement' && editable.ok && q !== null && q.trim() !== '') {
    const parsed = parseSupplierQuery(q);
    const taken = new Set(members.filter((m) => m.acceptance !== 'declined').map((m) => m.supplier_id));
    search = parsed.ok
      ? {
          q,
          error: null,
          results: (await searchPartnerSuppliers(db, parsed.value, PARTNER_SEARCH_LIMIT + taken.size))
            .filter((s) => !taken.has(s.supplierId))
            .slice(0, PARTNER_SEARCH_LIMIT),
        }
      : { q, error: parsed.error, results: [] };
  }
  const invitations = lead ? await listPendingBidInvitations(db, bid.id) : [];
  return {
    heading: bidHeading(access),
    bid: {
      id: bid.id,
      name: bid.name,
      kind: bid.kind,
      status: bid.status,
      form: bid.form,
      submittedAt: bid.submitted_at,
      submissionCount: bid.submission_count,
      withdrawnAt: bid.withdrawn_at,
    },
    tender: {
      id: tender.id,
      title: tender.title,
      buyerName: tender.buyerName,
      submissionDeadline: tender.submissionDeadline,
      allowDualBidding: tender.allowDualBidding,
      lots: lotsOf(tender).map((l) => ({
        number: l.number,
        title: l.title,
        estimatedValueEuros: l.estimatedValueEuros,
      })),
    },
    members: members
      .filter((m) => m.acceptance !== 'declined')
      .map((m) => ({
        supplierId: m.supplier_id,
        name: m.supplierName,
        slug: m.supplierSlug,
        role: m.role,
        acceptance: m.acceptance,
        hasOrganisation: m.organisationId !== null,
      })),
    answeredLots: answered.map((l) => ({ ...l, priceInput: centsToPriceInput(l.priceCents) })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      expiresAt: i.expires_at,
      expired: Date.parse(i.expires_at) <= now.getTime(),
    })),
    you: {
      lead,
      pendingSupplierId: me.pending?.supplier_id ?? null,
      leavingSupplierId: me.leaving?.supplier_id ?? null,
    },
    frozen: editable.ok ? null : editable.error[0].message,
    canWithdraw: lead && checkWithdrawal(bid.status, tender, now).ok,
    submissionIssues: issues,
    search,
  };
}

export interface OrganisationBids {
  organisation: { id: number; name: string };
  bids: SupplierBidListing[];
  invitations: SupplierBidListing[];
}

/** A supplier organisation's bids and the invitations waiting for its answer; null when it is not a supplier. */
export async function getOrganisationBids(db: DB, organisationId: number): Promise<OrganisationBids | null> {
  const organisation = await findOrganisationById(db, organisationId);
  if (!organisation || organisation.kind !== 'supplier' || organisation.supplier_id === null) return null;
  const all = await listBidsOfSupplier(db, organisation.supplier_id);
  return {
    organisation: { id: organisation.id, name: organisation.name },
    bids: all.filter((b) => b.acceptance === 'accepted'),
    invitations: all.filter((b) => b.acceptance === 'pending' && b.status !== 'dissolved'),
  };
}
