// The permissions table of the routes (issue 6 §2): which actor may GET or POST each private route. Columns
// follow WHO. `deny` for anonymous means a redirect to /connexion?redirectTo=…, for the others a 403.
// tests/e2e/permissions-routes.test.ts runs it; tests/unit/permissions.test.ts checks the module itself.

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
const NO_FILE = '0123456789abcdef0123456789abcdef';

type Cell = 'allow' | 'deny';

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

const A = 'allow';
const D = 'deny';
const SIGNED_IN: RouteRow['expected'] = [D, A, A, A, A, A];
const MEMBERS: RouteRow['expected'] = [D, D, A, A, D, D];
const MEMBERS_AND_MODERATORS: RouteRow['expected'] = [D, D, A, A, A, A];
const MODERATORS: RouteRow['expected'] = [D, D, D, D, A, A];
const OWNERS: RouteRow['expected'] = [D, D, D, A, D, D];
const ADMINS: RouteRow['expected'] = [D, D, D, D, D, A];
/** The owner of the buyer organisation (`other`), for its tenders (tender.edit). */
const BUYER_MEMBERS: RouteRow['expected'] = [D, A, D, D, D, D];

/** Routes anyone may use, and why. */
export const PUBLIC_ROUTES: Record<string, string> = {
  $: 'the French 404 page',
  _index: 'home page',
  'api.v1.$': 'JSON 404 of the API',
  'api.v1.openapi[.]json': 'public API description',
  'api.v1.reference.$list': 'public reference lists',
  'api.v1.suppliers.$id': 'public API: published suppliers only',
  'api.v1.suppliers': 'public API: published suppliers only',
  'api.v1.tenders': 'public API: published tenders only',
  'api.v1.tenders.$id': 'public API: published tenders only',
  charte: 'the charter, public',
  'appels-d-offres._index': 'public list of published tenders',
  'appels-d-offres.$id': 'public page of a published tender (others are a 404)',
  'fournisseurs.$slug': 'public sheet of a published supplier',
  'fournisseurs._index': 'public search',
  healthz: 'health check',
  'resources.communes': 'commune suggestions of the public search',
  inscription: 'sign-up (a signed-in person is sent to /compte)',
  connexion: 'log-in',
  deconnexion: 'log-out: POST ends the session if any, GET goes home',
  'mot-de-passe-oublie': 'password reset request: same answer for every address',
  'reinitialiser-mot-de-passe': 'password reset from a mailed token: the token is the right',
  'verifier-email': 'address confirmation from a mailed token: the token is the right',
  'confirmer-adresse': 'new address confirmation from a mailed token: the token is the right',
  'logos.$fileId': 'the current logo of a supplier (a logo that is no longer current is a 404)',
};

export const ROUTE_TABLE: RouteRow[] = [
  { route: 'compte', method: 'GET', path: () => '/compte', expected: SIGNED_IN },
  { route: 'compte', method: 'POST', label: 'renvoyer le lien', path: () => '/compte', expected: SIGNED_IN },
  { route: 'compte_.sessions', method: 'GET', path: () => '/compte/sessions', expected: SIGNED_IN },
  { route: 'compte_.sessions', method: 'POST', path: () => '/compte/sessions', expected: SIGNED_IN },
  { route: 'compte_.mot-de-passe', method: 'GET', path: () => '/compte/mot-de-passe', expected: SIGNED_IN },
  { route: 'compte_.mot-de-passe', method: 'POST', path: () => '/compte/mot-de-passe', expected: SIGNED_IN },
  { route: 'compte_.adresse', method: 'GET', path: () => '/compte/adresse', expected: SIGNED_IN },
  { route: 'compte_.adresse', method: 'POST', path: () => '/compte/adresse', expected: SIGNED_IN },
  { route: 'compte_.supprimer', method: 'GET', path: () => '/compte/supprimer', expected: SIGNED_IN },
  { route: 'compte_.supprimer', method: 'POST', path: () => '/compte/supprimer', expected: SIGNED_IN },
  // The offer sheet (decision 130).
  {
    route: 'organisations.$orgId.fiche',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/fiche`,
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.fiche',
    method: 'POST',
    path: (f) => `/organisations/${f.supplierOrgId}/fiche`,
    expected: MEMBERS,
  },
  // The charter (decision 140).
  {
    route: 'organisations.$orgId.charte',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/charte`,
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.charte',
    method: 'POST',
    path: (f) => `/organisations/${f.supplierOrgId}/charte`,
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.charte_.pieces.$fileId',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/charte/pieces/${NO_FILE}`,
    expected: MEMBERS_AND_MODERATORS,
  },
  // Moderation (decisions 140, 142, 143).
  { route: 'moderation._index', method: 'GET', path: () => '/moderation', expected: MODERATORS },
  { route: 'moderation.chartes._index', method: 'GET', path: () => '/moderation/chartes', expected: MODERATORS },
  {
    route: 'moderation.chartes.$assessmentId',
    method: 'GET',
    path: (f) => `/moderation/chartes/${f.assessmentId}`,
    expected: MODERATORS,
  },
  {
    route: 'moderation.chartes.$assessmentId',
    method: 'POST',
    path: (f) => `/moderation/chartes/${f.assessmentId}`,
    expected: MODERATORS,
  },
  { route: 'moderation.fournisseurs', method: 'GET', path: () => '/moderation/fournisseurs', expected: MODERATORS },
  { route: 'moderation.fournisseurs', method: 'POST', path: () => '/moderation/fournisseurs', expected: MODERATORS },
  { route: 'moderation.journal', method: 'GET', path: () => '/moderation/journal', expected: MODERATORS },
  // Organisations and memberships (decisions 120–122).
  { route: 'organisations._index', method: 'GET', path: () => '/organisations', expected: SIGNED_IN },
  {
    route: 'organisations._index',
    method: 'POST',
    label: 'withdraw a request',
    path: () => '/organisations',
    fields: () => ({ intent: 'withdraw', requestId: 'x' }),
    expected: SIGNED_IN,
  },
  { route: 'organisations.nouvelle._index', method: 'GET', path: () => '/organisations/nouvelle', expected: SIGNED_IN },
  {
    route: 'organisations.nouvelle.fournisseur',
    method: 'GET',
    path: () => '/organisations/nouvelle/fournisseur',
    expected: SIGNED_IN,
  },
  {
    route: 'organisations.nouvelle.fournisseur',
    method: 'POST',
    path: () => '/organisations/nouvelle/fournisseur',
    fields: () => ({ siret: '' }),
    expected: SIGNED_IN,
  },
  {
    route: 'organisations.nouvelle.acheteur',
    method: 'GET',
    path: () => '/organisations/nouvelle/acheteur',
    expected: SIGNED_IN,
  },
  {
    route: 'organisations.nouvelle.acheteur',
    method: 'POST',
    path: () => '/organisations/nouvelle/acheteur',
    fields: () => ({ name: '' }),
    expected: SIGNED_IN,
  },
  {
    route: 'organisations.$orgId._index',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}`,
    expected: MEMBERS_AND_MODERATORS,
  },
  {
    route: 'organisations.$orgId.membres',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/membres`,
    expected: MEMBERS_AND_MODERATORS,
  },
  ...(
    [
      ['invite', { email: 'oups', role: '' }],
      ['revoke-invitation', { invitationId: 'x' }],
      ['change-role', { userId: 'x', role: '' }],
      ['remove', { userId: 'x' }],
      ['decide-join', { requestId: 'x' }],
      ['transfer', { newOwnerUserId: 'x', password: '' }],
      ['unknown', {}],
    ] as const
  ).map(([intent, fields]): RouteRow => ({
    route: 'organisations.$orgId.membres',
    method: 'POST',
    label: `intent=${intent}`,
    path: (f) => `/organisations/${f.supplierOrgId}/membres`,
    fields: () => ({ intent, ...fields }),
    expected: OWNERS,
  })),
  { route: 'invitations.$token', method: 'GET', path: () => '/invitations/x.y', expected: SIGNED_IN },
  {
    route: 'invitations.$token',
    method: 'POST',
    path: () => '/invitations/x.y',
    fields: () => ({ decision: 'accept' }),
    expected: SIGNED_IN,
  },
  { route: 'moderation.rattachements', method: 'GET', path: () => '/moderation/rattachements', expected: MODERATORS },
  {
    route: 'moderation.rattachements',
    method: 'POST',
    path: () => '/moderation/rattachements',
    fields: () => ({ requestId: 'x' }),
    expected: MODERATORS,
  },
  // A buyer's details (on the supplier organisation: its owner passes the permission, then gets a 404).
  {
    route: 'organisations.$orgId.modifier',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/modifier`,
    expected: OWNERS,
  },
  {
    route: 'organisations.$orgId.modifier',
    method: 'POST',
    path: (f) => `/organisations/${f.supplierOrgId}/modifier`,
    fields: () => ({ name: '' }),
    expected: OWNERS,
  },
  // Buyers' needs and tenders (decisions 202, 204).
  {
    route: 'organisations.$orgId.appels-d-offres._index',
    method: 'GET',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres`,
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.nouveau',
    method: 'GET',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/nouveau`,
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.nouveau',
    method: 'POST',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/nouveau`,
    fields: () => ({ intent: 'save', title: '' }),
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId',
    method: 'GET',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.tenderId}`,
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId',
    method: 'POST',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.tenderId}`,
    fields: () => ({ intent: 'save', title: '' }),
    expected: BUYER_MEMBERS,
  },
  {
    route: 'moderation.appels-d-offres',
    method: 'GET',
    path: () => '/moderation/appels-d-offres',
    expected: MODERATORS,
  },
  {
    route: 'moderation.appels-d-offres',
    method: 'POST',
    path: () => '/moderation/appels-d-offres',
    fields: () => ({ tenderId: 'x', decision: '' }),
    expected: MODERATORS,
  },
  // Site roles (decision 124).
  { route: 'admin.utilisateurs', method: 'GET', path: () => '/admin/utilisateurs', expected: ADMINS },
  {
    route: 'admin.utilisateurs',
    method: 'POST',
    path: () => '/admin/utilisateurs',
    fields: (f) => ({ userId: String(f.users.other), role: 'none', reason: '' }),
    expected: ADMINS,
  },
  // Last: the editor really leaves (the owner, the last one, is refused with a message).
  {
    route: 'organisations.$orgId.membres',
    method: 'POST',
    label: 'intent=leave',
    path: (f) => `/organisations/${f.supplierOrgId}/membres`,
    fields: () => ({ intent: 'leave' }),
    expected: MEMBERS,
  },
];
