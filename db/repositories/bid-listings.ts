import type { BidKind, BidStatus } from '../../app/domain/bids/status';
import type { MemberAcceptance, MemberRole } from '../../app/domain/groupements/types';
import type { Executor } from '../connection';
import { positionFunction } from '../dialect';
import { isPublished } from './suppliers';

// Reads around bids (decision 240): a supplier's bids and invitations, the supplier organisations a person may
// answer for, and the catalogue's published suppliers a groupement's lead may invite. Functions take the database
// or a transaction first.

export interface SupplierBidListing {
  bidId: number;
  name: string;
  kind: BidKind;
  status: BidStatus;
  role: MemberRole;
  acceptance: MemberAcceptance;
  tenderId: number;
  tenderTitle: string;
  submissionDeadline: string | null;
  submittedAt: string | null;
  updatedAt: string;
}

/** The bids a supplier is a member of or invited to (declined ones left out), the most recently changed first. */
export async function listBidsOfSupplier(db: Executor, supplierId: number): Promise<SupplierBidListing[]> {
  const rows = await db
    .selectFrom('bid_members as m')
    .innerJoin('bids as b', 'b.id', 'm.bid_id')
    .innerJoin('tenders as t', 't.id', 'b.tender_id')
    .select([
      'b.id',
      'b.name',
      'b.kind',
      'b.status',
      'm.role',
      'm.acceptance',
      't.id as tender_id',
      't.title',
      't.submission_deadline',
      'b.submitted_at',
      'b.updated_at',
    ])
    .where('m.supplier_id', '=', supplierId)
    .where('m.acceptance', '!=', 'declined')
    .orderBy('b.updated_at', 'desc')
    .orderBy('b.id', 'desc')
    .execute();
  return rows.map((r) => ({
    bidId: r.id,
    name: r.name,
    kind: r.kind,
    status: r.status,
    role: r.role,
    acceptance: r.acceptance,
    tenderId: r.tender_id,
    tenderTitle: r.title,
    submissionDeadline: r.submission_deadline,
    submittedAt: r.submitted_at,
    updatedAt: r.updated_at,
  }));
}

export interface PartnerCandidate {
  supplierId: number;
  name: string;
  slug: string;
  siret: string;
  communeName: string | null;
  /** Someone manages it on Maillage (it can be told of the invitation). */
  hasOrganisation: boolean;
}

/** Published suppliers whose name contains `query` (case-insensitive) or whose SIRET starts with it. */
export async function searchPartnerSuppliers(
  db: Executor,
  query: { kind: 'siret'; digits: string } | { kind: 'name'; text: string },
  limit: number,
): Promise<PartnerCandidate[]> {
  let q = db
    .selectFrom('suppliers as s')
    .leftJoin('organisations as o', 'o.supplier_id', 's.id')
    .leftJoin('communes as c', 'c.code', 's.commune_code')
    .select(['s.id', 's.name', 's.slug', 's.siret', 'c.name as commune_name', 'o.id as organisation_id'])
    .where(isPublished('s'));
  q =
    query.kind === 'siret'
      ? q.where('s.siret', 'like', `${query.digits}%`)
      : q.where((eb) =>
          eb(eb.fn(positionFunction(db), [eb.fn('lower', ['s.name']), eb.val(query.text.toLowerCase())]), '>', 0),
        );
  const rows = await q.orderBy('s.name').orderBy('s.id').limit(limit).execute();
  return rows.map((r) => ({
    supplierId: r.id,
    name: r.name,
    slug: r.slug,
    siret: r.siret,
    communeName: r.commune_name,
    hasOrganisation: r.organisation_id !== null,
  }));
}

/** A published supplier (the catalogue's partner search proposes only those), with its organisation if any. */
export async function findPartnerSupplier(db: Executor, supplierId: number): Promise<PartnerCandidate | undefined> {
  const r = await db
    .selectFrom('suppliers as s')
    .leftJoin('organisations as o', 'o.supplier_id', 's.id')
    .leftJoin('communes as c', 'c.code', 's.commune_code')
    .select(['s.id', 's.name', 's.slug', 's.siret', 'c.name as commune_name', 'o.id as organisation_id'])
    .where('s.id', '=', supplierId)
    .where(isPublished('s'))
    .executeTakeFirst();
  return r
    ? {
        supplierId: r.id,
        name: r.name,
        slug: r.slug,
        siret: r.siret,
        communeName: r.commune_name,
        hasOrganisation: r.organisation_id !== null,
      }
    : undefined;
}
