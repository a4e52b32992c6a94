import { describe, expect, it } from 'vitest';
import type { MembershipRole } from '../../app/domain/organisation';
import { type Actor, type BidFacts, type Denial, type Permission, decide } from '../../app/domain/permissions';

// Every permission of app/domain/permissions.ts against every kind of actor (decision 120). The routes' own
// table (tests/e2e/permissions-routes.test.ts) checks that each page asks the right permission.

const ORG = 7;
const OTHER = 8;

function actor(options: { role?: MembershipRole; siteRole?: 'moderator' | 'admin'; verified?: boolean } = {}): Actor {
  const memberships = new Map<number, MembershipRole>([[OTHER, 'owner']]);
  if (options.role) memberships.set(ORG, options.role);
  return { userId: 1, siteRole: options.siteRole ?? null, emailVerified: options.verified ?? true, memberships };
}

const ACTORS: Record<string, Actor | null> = {
  anonymous: null,
  otherOrganisation: actor(),
  editor: actor({ role: 'editor' }),
  owner: actor({ role: 'owner' }),
  moderator: actor({ siteRole: 'moderator' }),
  admin: actor({ siteRole: 'admin' }),
};

type Expected = 'allowed' | Denial;
const A = 'allowed';
const F = 'forbidden';
const S = 'sign-in';

// Columns: anonymous, otherOrganisation, editor, owner, moderator, admin.
const TABLE: [Permission, Expected[]][] = [
  [{ action: 'organisation.create' }, [S, A, A, A, A, A]],
  [{ action: 'organisation.view', organisationId: ORG }, [S, F, A, A, A, A]],
  [{ action: 'organisation.edit', organisationId: ORG }, [S, F, F, A, F, F]],
  [{ action: 'organisation.members.manage', organisationId: ORG }, [S, F, F, A, F, F]],
  [{ action: 'organisation.leave', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'supplier.sheet.edit', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'charter.assessment.edit', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'supplier.opportunities.manage', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'tender.edit', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'tender.participate', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'tender.partners.view', supplierOrganisationIds: [ORG] }, [S, F, A, A, A, A]],
  [{ action: 'bid.list', organisationId: ORG }, [S, F, A, A, F, F]],
  [{ action: 'moderation.view' }, [S, F, F, F, A, A]],
  [{ action: 'moderation.claims.decide' }, [S, F, F, F, A, A]],
  [{ action: 'moderation.charter.review' }, [S, F, F, F, A, A]],
  [{ action: 'moderation.suppliers.suspend' }, [S, F, F, F, A, A]],
  [{ action: 'moderation.audit.view' }, [S, F, F, F, A, A]],
  [{ action: 'moderation.tenders.review' }, [S, F, F, F, A, A]],
  [{ action: 'admin.users.manage' }, [S, F, F, F, F, A]],
];

// Bids (decision 231): ORG is the member in each case below; the buyer is BUYER, nobody's organisation here.
const BUYER = 9;
const bid = (member: Partial<BidFacts['members'][number]>, openedToBuyer = false): BidFacts => ({
  members: [{ organisationId: ORG, role: 'mandataire', acceptance: 'accepted', ...member }],
  buyerOrganisationId: BUYER,
  openedToBuyer,
});
TABLE.push(
  [{ action: 'bid.view', bid: bid({}) }, [S, F, A, A, F, F]],
  [{ action: 'bid.view', bid: bid({ acceptance: 'pending', role: 'membre' }) }, [S, F, A, A, F, F]],
  [{ action: 'bid.view', bid: bid({ acceptance: 'declined', role: 'membre' }) }, [S, F, F, F, F, F]],
  [{ action: 'bid.work', bid: bid({ role: 'membre' }) }, [S, F, A, A, F, F]],
  [{ action: 'bid.work', bid: bid({ acceptance: 'pending', role: 'membre' }) }, [S, F, F, F, F, F]],
  [{ action: 'bid.lead', bid: bid({}) }, [S, F, A, A, F, F]],
  [{ action: 'bid.lead', bid: bid({ role: 'membre' }) }, [S, F, F, F, F, F]],
  [{ action: 'bid.respond', bid: bid({ acceptance: 'pending', role: 'membre' }) }, [S, F, A, A, F, F]],
  [{ action: 'bid.respond', bid: bid({}) }, [S, F, F, F, F, F]],
);

describe('decide', () => {
  it('opens a submitted bid to the buyer after the deadline only, and never lets the buyer work on it', () => {
    const buyer: Actor = { ...actor(), memberships: new Map([[BUYER, 'editor']]) };
    expect(decide(buyer, { action: 'bid.view', bid: bid({}, false) }).allowed).toBe(false);
    expect(decide(buyer, { action: 'bid.view', bid: bid({}, true) }).allowed).toBe(true);
    expect(decide(buyer, { action: 'bid.work', bid: bid({}, true) }).allowed).toBe(false);
  });

  const names = Object.keys(ACTORS);
  for (const [permission, expected] of TABLE)
    names.forEach((name, i) => {
      it(`${permission.action}: ${name} → ${expected[i]}`, () => {
        const decision = decide(ACTORS[name]!, permission);
        expect(decision.allowed ? 'allowed' : decision.denial).toBe(expected[i]);
      });
    });

  it('asks an unconfirmed address to be confirmed before creating an organisation or editing a sheet', () => {
    const unverified = actor({ role: 'owner', verified: false });
    expect(decide(unverified, { action: 'organisation.create' })).toEqual({ allowed: false, denial: 'verify-email' });
    expect(decide(unverified, { action: 'supplier.sheet.edit', organisationId: ORG })).toEqual({
      allowed: false,
      denial: 'verify-email',
    });
    expect(decide(unverified, { action: 'supplier.opportunities.manage', organisationId: ORG })).toEqual({
      allowed: false,
      denial: 'verify-email',
    });
    expect(decide(unverified, { action: 'tender.participate', organisationId: ORG })).toEqual({
      allowed: false,
      denial: 'verify-email',
    });
    expect(decide(unverified, { action: 'bid.list', organisationId: ORG }).allowed).toBe(true);
    // …but an outsider is told no, not to confirm an address.
    expect(decide(actor({ verified: false }), { action: 'supplier.sheet.edit', organisationId: ORG })).toEqual({
      allowed: false,
      denial: 'forbidden',
    });
  });
});
