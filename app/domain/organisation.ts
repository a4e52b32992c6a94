// Organisations and memberships (issue 6): the kinds of organisation, the roles of their members, the types
// and sizes of buyers, and the states of a request to join. Pure: no I/O
// (docs/decisions/120-organisations-and-permissions.md). The migration's CHECK lists repeat these lists;
// tests/integration/schema-checks.test.ts keeps them the same.

/** A supplier organisation is one catalogue supplier; a buyer organisation buys. */
export const ORGANISATION_KINDS = ['supplier', 'buyer'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  supplier: 'Fournisseur (structure de l’ESS)',
  buyer: 'Acheteur',
};

/** owner: everything, including the members; editor: the sheet and the charter, not the members. */
export const MEMBERSHIP_ROLES = ['owner', 'editor'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  owner: 'Propriétaire',
  editor: 'Éditeur',
};

/** Whether a buyer is bound by the public procurement code (public body) or buys privately. */
export const BUYER_SECTORS = ['public', 'private'] as const;
export type BuyerSector = (typeof BUYER_SECTORS)[number];

/** The buyer's type, within its sector. */
export const BUYER_TYPES = [
  'commune',
  'intercommunalite',
  'departement',
  'region',
  'etat',
  'etablissement-public',
  'etablissement-sante',
  'bailleur-social',
  'autre-public',
  'grande-entreprise',
  'eti',
  'pme',
  'autre-prive',
] as const;
export type BuyerType = (typeof BUYER_TYPES)[number];

export const BUYER_TYPE_LABELS: Record<BuyerType, string> = {
  commune: 'Commune',
  intercommunalite: 'Intercommunalité (EPCI)',
  departement: 'Département',
  region: 'Région',
  etat: 'Service de l’État',
  'etablissement-public': 'Établissement public',
  'etablissement-sante': 'Établissement de santé',
  'bailleur-social': 'Bailleur social',
  'autre-public': 'Autre acheteur public',
  'grande-entreprise': 'Grande entreprise',
  eti: 'Entreprise de taille intermédiaire',
  pme: 'PME ou TPE',
  'autre-prive': 'Autre acheteur privé (association, fondation…)',
};

export const BUYER_TYPE_SECTOR: Record<BuyerType, BuyerSector> = {
  commune: 'public',
  intercommunalite: 'public',
  departement: 'public',
  region: 'public',
  etat: 'public',
  'etablissement-public': 'public',
  'etablissement-sante': 'public',
  'bailleur-social': 'public',
  'autre-public': 'public',
  'grande-entreprise': 'private',
  eti: 'private',
  pme: 'private',
  'autre-prive': 'private',
};

/** Headcount bands (INSEE's tranches, grouped). */
export const BUYER_SIZES = ['lt-10', '10-49', '50-249', '250-4999', 'gte-5000'] as const;
export type BuyerSize = (typeof BUYER_SIZES)[number];

export const BUYER_SIZE_LABELS: Record<BuyerSize, string> = {
  'lt-10': 'Moins de 10 agents ou salariés',
  '10-49': 'De 10 à 49',
  '50-249': 'De 50 à 249',
  '250-4999': 'De 250 à 4 999',
  'gte-5000': '5 000 ou plus',
};

/**
 * A request to join a supplier organisation found by SIRET. `claim`: the supplier had no member, a moderator
 * decides; `join`: it has members, its owners decide.
 */
export const JOIN_REQUEST_KINDS = ['claim', 'join'] as const;
export type JoinRequestKind = (typeof JOIN_REQUEST_KINDS)[number];

export const JOIN_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type JoinRequestStatus = (typeof JOIN_REQUEST_STATUSES)[number];

export const INVITATION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;

/** The last owner of an organisation cannot leave it nor lose the role: someone must be able to manage it. */
export function canLoseOwner(owners: number, isOwner: boolean): boolean {
  return !isOwner || owners > 1;
}
