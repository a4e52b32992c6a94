// The permissions table of the routes (issue 6 §2): which actor may GET or POST each private route. Columns
// follow WHO. `deny` for anonymous means a redirect to /connexion?redirectTo=…, for the others a 403.
// tests/e2e/permissions-routes.test.ts runs it; tests/unit/permissions.test.ts checks the module itself.

import {
  ADMINS,
  BUYER_MEMBERS,
  MEMBERS,
  MEMBERS_AND_MODERATORS,
  MODERATORS,
  NO_FILE,
  OWNERS,
  SIGNED_IN,
  type RouteRow,
} from './permissions-cells';
import { TENDER_PUBLIC_ROUTES, TENDER_ROUTE_ROWS } from './permissions-table-tenders';

export { WHO, type Fixture, type RouteRow, type Who } from './permissions-cells';

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
  'healthz_.live': 'liveness probe (reads nothing)',
  'resources.communes': 'commune suggestions of the public search',
  inscription: 'sign-up (a signed-in person is sent to /compte)',
  connexion: 'log-in',
  deconnexion: 'log-out: POST ends the session if any, GET goes home',
  'mot-de-passe-oublie': 'password reset request: same answer for every address',
  'reinitialiser-mot-de-passe': 'password reset from a mailed token: the token is the right',
  'verifier-email': 'address confirmation from a mailed token: the token is the right',
  'confirmer-adresse': 'new address confirmation from a mailed token: the token is the right',
  'logos.$fileId': 'the current logo of a supplier (a logo that is no longer current is a 404)',
  ...TENDER_PUBLIC_ROUTES,
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
  // Issue 7: tenders' pages, bids and their workspace (tests/e2e/permissions-table-tenders.ts).
  ...TENDER_ROUTE_ROWS,
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
