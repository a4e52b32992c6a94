// The actors, the fixture's shape and the cells of the permissions table (tests/e2e/permissions-table.ts and
// permissions-table-tenders.ts). Columns follow WHO.

export const WHO = ['anonymous', 'other', 'editor', 'owner', 'moderator', 'admin'] as const;
export type Who = (typeof WHO)[number];

export interface Fixture {
  users: Record<Who, number | null>;
  /** The supplier organisation where `editor` and `owner` are members. */
  supplierOrgId: number;
  supplierId: number;
  /** The organisation `other` owns. */
  otherOrgId: number;
  /** A submitted charter self-assessment of the supplier. */
  assessmentId: number;
  /** A draft tender of the buyer organisation `other` owns. */
  tenderId: number;
  /** Published tenders of that buyer: open, and past its deadline (closed). */
  publishedTenderId: number;
  closedTenderId: number;
  /** A groupement being formed on the open tender, led by the supplier (decision 231). */
  bidId: number;
  /** A bid of the supplier alone, submitted on the closed tender: opened to the buyer (`other`). */
  openedBidId: number;
  /** A groupement led by another supplier, where the supplier is invited (pending). */
  invitedBidId: number;
}

/** A stored-file name no file has: members get a 404, the others a 403 before any lookup. */
export const NO_FILE = '0123456789abcdef0123456789abcdef';

export type Cell = 'allow' | 'deny';

export interface RouteRow {
  /** The route file in app/routes, without its extension. */
  route: string;
  method: 'GET' | 'POST';
  label?: string;
  path: (f: Fixture) => string;
  fields?: (f: Fixture) => Record<string, string>;
  /** Where an anonymous POST is sent back to after logging in, when not the posted path. */
  redirectTo?: (f: Fixture) => string;
  expected: [Cell, Cell, Cell, Cell, Cell, Cell];
}

export const A = 'allow';
export const D = 'deny';
export const SIGNED_IN: RouteRow['expected'] = [D, A, A, A, A, A];
export const MEMBERS: RouteRow['expected'] = [D, D, A, A, D, D];
export const MEMBERS_AND_MODERATORS: RouteRow['expected'] = [D, D, A, A, A, A];
export const MODERATORS: RouteRow['expected'] = [D, D, D, D, A, A];
export const OWNERS: RouteRow['expected'] = [D, D, D, A, D, D];
export const ADMINS: RouteRow['expected'] = [D, D, D, D, D, A];
/** The owner of the buyer organisation (`other`), for its tenders (tender.edit). */
export const BUYER_MEMBERS: RouteRow['expected'] = [D, A, D, D, D, D];
