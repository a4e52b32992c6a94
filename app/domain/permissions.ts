import type { SiteRole } from './auth/account';
import type { MembershipRole } from './organisation';

// The one place that answers « may this person do this to that » (issue 6,
// docs/decisions/120-organisations-and-permissions.md). Pure: the caller gives the actor (who is signed in,
// their site role, their memberships) and the permission asked; every loader and action asks through
// app/services/auth/authorize.server.ts, nothing else decides. tests/unit/permissions.test.ts covers every
// permission against every kind of actor; tests/e2e/permissions-routes.test.ts every route.

export interface Actor {
  userId: number;
  siteRole: SiteRole | null;
  emailVerified: boolean;
  /** The organisations the person belongs to, with their role in each. */
  memberships: ReadonlyMap<number, MembershipRole>;
}

/** What can be asked. Organisation-scoped permissions name the organisation. */
export type Permission =
  // Any signed-in person with a confirmed address: create a buyer organisation, claim or join a supplier.
  | { action: 'organisation.create' }
  // Members, moderators and admins: the organisation's private pages (overview, members list).
  | { action: 'organisation.view'; organisationId: number }
  // Owners: the organisation's details (name, buyer type and size).
  | { action: 'organisation.edit'; organisationId: number }
  // Owners: invite, change roles, remove members, transfer ownership, decide join requests.
  | { action: 'organisation.members.manage'; organisationId: number }
  // Any member (the last-owner rule is the organisation's, app/domain/organisation.ts).
  | { action: 'organisation.leave'; organisationId: number }
  // Owners and editors of a supplier organisation: the offer sheet and its logo.
  | { action: 'supplier.sheet.edit'; organisationId: number }
  // Owners and editors of a supplier organisation: the charter self-assessment.
  | { action: 'charter.assessment.edit'; organisationId: number }
  // Owners and editors of a supplier organisation, address confirmed: mark open tenders « Intéressé » / « Pas
  // intéressé » and set the tender alerts (decision 252; the pages check the organisation is a supplier).
  | { action: 'supplier.opportunities.manage'; organisationId: number }
  // Owners and editors of a buyer organisation: its needs and tenders (the service checks the organisation is a
  // buyer, decision 204).
  | { action: 'tender.edit'; organisationId: number }
  // Owners and editors of a supplier organisation, address confirmed, acting for it on a published tender: ask a
  // question, post a partner search, offer to join one, answer the offers (decision 260), start a bid alone or as
  // the mandataire of a groupement, accept an e-mailed invitation to a groupement (decision 240). The services
  // check the organisation is a supplier.
  | { action: 'tender.participate'; organisationId: number }
  // The partner searches of a tender (decision 261): members of a supplier organisation (the caller gives the
  // actor's supplier organisations) and moderators, read-only for them.
  | { action: 'tender.partners.view'; supplierOrganisationIds: readonly number[] }
  // Moderators and admins.
  | { action: 'moderation.view' }
  | { action: 'moderation.claims.decide' }
  | { action: 'moderation.charter.review' }
  | { action: 'moderation.suppliers.suspend' }
  | { action: 'moderation.audit.view' }
  | { action: 'moderation.tenders.review' }
  // A bid's workspace (decision 231). `bid` holds the facts the answer depends on, loaded by
  // app/services/bids/access.server.ts. view: members who accepted or are invited (read-only until they answer),
  // and the buyer once the bid is opened (submitted, deadline passed); never moderators (competing bids stay
  // private). work: owners and editors of a member that accepted. lead: those of the mandataire (or the supplier
  // bidding alone). respond: those of a member still invited.
  | { action: 'bid.view'; bid: BidFacts }
  | { action: 'bid.work'; bid: BidFacts }
  | { action: 'bid.lead'; bid: BidFacts }
  | { action: 'bid.respond'; bid: BidFacts }
  // Members of the organisation, never moderators (competing bids stay private): its bids and invitations.
  | { action: 'bid.list'; organisationId: number }
  // Admins only: the site roles of the users.
  | { action: 'admin.users.manage' };

/** What the bid permissions depend on (decision 231). */
export interface BidFacts {
  /** The supplier organisations of the bid's members, with their role and answer. */
  members: readonly {
    organisationId: number;
    role: 'mandataire' | 'membre';
    acceptance: 'pending' | 'accepted' | 'declined';
  }[];
  buyerOrganisationId: number;
  /** Submitted and past the submission deadline: the buyer may open it. */
  openedToBuyer: boolean;
}

export type PermissionAction = Permission['action'];
/** The permissions that name an organisation. */
export type OrganisationPermissionAction = Extract<Permission, { organisationId: number }>['action'];

/**
 * `sign-in`: nobody is signed in (a page redirects to /connexion); `verify-email`: the address is not confirmed
 * yet; `forbidden`: signed in, not allowed (403).
 */
export type Denial = 'sign-in' | 'verify-email' | 'forbidden';

export type Decision = { allowed: true } | { allowed: false; denial: Denial };

const ALLOW: Decision = { allowed: true };
const deny = (denial: Denial): Decision => ({ allowed: false, denial });

function isModerator(actor: Actor): boolean {
  return actor.siteRole === 'moderator' || actor.siteRole === 'admin';
}

function roleIn(actor: Actor, organisationId: number): MembershipRole | null {
  return actor.memberships.get(organisationId) ?? null;
}

/** May `actor` (null when nobody is signed in) do `permission`? */
export function decide(actor: Actor | null, permission: Permission): Decision {
  if (!actor) return deny('sign-in');
  switch (permission.action) {
    case 'organisation.create':
      return actor.emailVerified ? ALLOW : deny('verify-email');
    case 'organisation.view':
      return roleIn(actor, permission.organisationId) || isModerator(actor) ? ALLOW : deny('forbidden');
    case 'organisation.edit':
    case 'organisation.members.manage':
      return roleIn(actor, permission.organisationId) === 'owner' ? ALLOW : deny('forbidden');
    case 'organisation.leave':
    case 'bid.list':
      return roleIn(actor, permission.organisationId) ? ALLOW : deny('forbidden');
    case 'supplier.sheet.edit':
    case 'charter.assessment.edit':
    case 'supplier.opportunities.manage':
    case 'tender.edit':
    case 'tender.participate':
      if (!roleIn(actor, permission.organisationId)) return deny('forbidden');
      return actor.emailVerified ? ALLOW : deny('verify-email');
    case 'tender.partners.view':
      if (isModerator(actor)) return ALLOW;
      if (!permission.supplierOrganisationIds.some((id) => roleIn(actor, id))) return deny('forbidden');
      return actor.emailVerified ? ALLOW : deny('verify-email');
    case 'moderation.view':
    case 'moderation.claims.decide':
    case 'moderation.charter.review':
    case 'moderation.suppliers.suspend':
    case 'moderation.audit.view':
    case 'moderation.tenders.review':
      return isModerator(actor) ? ALLOW : deny('forbidden');
    case 'bid.view':
    case 'bid.work':
    case 'bid.lead':
    case 'bid.respond':
      return decideBid(actor, permission.action, permission.bid);
    case 'admin.users.manage':
      return actor.siteRole === 'admin' ? ALLOW : deny('forbidden');
  }
}

function decideBid(
  actor: Actor,
  action: 'bid.view' | 'bid.work' | 'bid.lead' | 'bid.respond',
  bid: BidFacts,
): Decision {
  const mine = bid.members.filter((m) => roleIn(actor, m.organisationId));
  const allowed =
    action === 'bid.view'
      ? mine.some((m) => m.acceptance !== 'declined') ||
        (bid.openedToBuyer && roleIn(actor, bid.buyerOrganisationId) !== null)
      : action === 'bid.work'
        ? mine.some((m) => m.acceptance === 'accepted')
        : action === 'bid.lead'
          ? mine.some((m) => m.acceptance === 'accepted' && m.role === 'mandataire')
          : mine.some((m) => m.acceptance === 'pending');
  if (!allowed) return deny('forbidden');
  return action === 'bid.view' || actor.emailVerified ? ALLOW : deny('verify-email');
}

export function can(actor: Actor | null, permission: Permission): boolean {
  return decide(actor, permission).allowed;
}
