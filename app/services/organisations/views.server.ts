import type { DB } from '../../../db/connection';
import { listPendingInvitations } from '../../../db/repositories/invitations';
import {
  listPendingClaims,
  listPendingJoinsOfOrganisation,
  listPendingRequestsOfUser,
} from '../../../db/repositories/join-requests';
import { listMembers } from '../../../db/repositories/memberships';
import {
  findOrganisationById,
  findSupplierSummary,
  listOrganisationsOfUser,
} from '../../../db/repositories/organisations';
import type { BuyerSize, BuyerType, MembershipRole, OrganisationKind } from '~/domain/organisation';
import type { PublicationStatus } from '~/domain/supplier';
import type { CharterStatus } from '~/domain/charter';

// What the organisation pages show (decision 120): the person's organisations and pending requests, one
// organisation's overview, its members page, and the moderators' queue of claims. Read-only.

export async function myOrganisations(db: DB, userId: number) {
  const [organisations, requests] = await Promise.all([
    listOrganisationsOfUser(db, userId),
    listPendingRequestsOfUser(db, userId),
  ]);
  return {
    organisations,
    pendingRequests: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      organisationName: r.organisationName,
      createdAt: r.createdAt,
    })),
  };
}

export interface OrganisationOverview {
  id: number;
  kind: OrganisationKind;
  name: string;
  siret: string | null;
  buyerType: BuyerType | null;
  buyerSize: BuyerSize | null;
  createdAt: string;
  supplier: {
    id: number;
    slug: string;
    publicationStatus: PublicationStatus;
    charterStatus: CharterStatus;
  } | null;
}

/** The organisation, or null when there is none with this id. */
export async function organisationOverview(db: DB, organisationId: number): Promise<OrganisationOverview | null> {
  const organisation = await findOrganisationById(db, organisationId);
  if (!organisation) return null;
  const supplier =
    organisation.supplier_id !== null ? await findSupplierSummary(db, organisation.supplier_id) : undefined;
  return {
    id: organisation.id,
    kind: organisation.kind,
    name: supplier?.name ?? organisation.name,
    siret: supplier?.siret ?? organisation.siret,
    buyerType: organisation.buyer_type,
    buyerSize: organisation.buyer_size,
    createdAt: organisation.created_at,
    supplier: supplier
      ? {
          id: supplier.id,
          slug: supplier.slug,
          publicationStatus: supplier.publicationStatus,
          charterStatus: supplier.charterStatus,
        }
      : null,
  };
}

/** The members page: members, and for owners the open invitations and the join requests to decide. */
export async function organisationMembers(
  db: DB,
  organisationId: number,
  viewer: { userId: number; role: MembershipRole | null },
  now: Date = new Date(),
) {
  const members = await listMembers(db, organisationId);
  const owner = viewer.role === 'owner';
  const [invitations, joinRequests] = owner
    ? await Promise.all([
        listPendingInvitations(db, organisationId, now.toISOString()),
        listPendingJoinsOfOrganisation(db, organisationId),
      ])
    : [[], []];
  return {
    members: members.map((m) => ({ ...m, you: m.userId === viewer.userId })),
    ownerCount: members.filter((m) => m.role === 'owner').length,
    invitations,
    joinRequests: joinRequests.map((r) => ({ id: r.id, email: r.email, message: r.message, createdAt: r.createdAt })),
  };
}

/** The moderators' queue of claims, oldest first. */
export async function claimsQueue(db: DB) {
  const claims = await listPendingClaims(db);
  return claims.map((c) => ({
    id: c.id,
    organisationId: c.organisationId,
    organisationName: c.organisationName,
    supplier: c.supplier,
    email: c.email,
    emailVerified: c.emailVerified,
    message: c.message,
    createdAt: c.createdAt,
  }));
}
