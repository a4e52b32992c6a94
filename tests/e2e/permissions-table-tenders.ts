import { A, BUYER_MEMBERS, D, MEMBERS, MEMBERS_AND_MODERATORS, SIGNED_IN, type RouteRow } from './permissions-cells';

// Issue 7's rows of the permissions table: the buyer's tender pages (documents, bids, questions), the suppliers'
// opportunities, alerts, partner searches and questions, the notifications, and each bid's workspace
// (decision 231) for a groupement led by the supplier, a bid opened to the buyer (`other`) and a groupement
// where the supplier is only invited. Posted fields are incomplete on purpose: an allowed actor gets the form's
// 400, nothing changes, and the rows stay independent.

/** Nobody: the supplier is only invited, so it may not work on the bid yet. */
const NOBODY: RouteRow['expected'] = [D, D, D, D, D, D];
/** The members, and the buyer once the bid is opened. */
const MEMBERS_AND_BUYER: RouteRow['expected'] = [D, A, A, A, D, D];

export const TENDER_PUBLIC_ROUTES: Record<string, string> = {
  'appels-d-offres.$id_.documents.$documentId':
    'a public tender’s documents are public; otherwise its buyer’s members and moderators, others a 404',
  'api.v1.tenders.$id.ocds': 'public open data: OCDS release package of a published tender',
  'api.v1.ocds.releases': 'public open data: OCDS releases since a date',
  'donnees-ouvertes': 'the open-data publication policy, public',
};

type BidKey = 'bidId' | 'openedBidId' | 'invitedBidId';
const LABELS: Record<BidKey, string> = {
  bidId: 'groupement led by the supplier',
  openedBidId: 'bid opened to the buyer',
  invitedBidId: 'supplier invited',
};

/** The workspace's pages and actions for one of the fixture's bids, with who may use each. */
function bidPages(
  bid: BidKey,
  expected: {
    view: RouteRow['expected'];
    work: RouteRow['expected'];
    lead: RouteRow['expected'];
    discussion: RouteRow['expected'];
  },
): RouteRow[] {
  const base = (f: Parameters<RouteRow['path']>[0]) => `/reponses/${f[bid]}`;
  const label = (what: string) => `${what}, ${LABELS[bid]}`;
  return [
    { route: 'reponses.$bidId._index', method: 'GET', label: label('overview'), path: base, expected: expected.view },
    {
      route: 'reponses.$bidId._index',
      method: 'POST',
      label: label('intent=save-lots (lead)'),
      path: base,
      fields: () => ({ intent: 'save-lots' }),
      expected: expected.lead,
    },
    {
      route: 'reponses.$bidId._index',
      method: 'POST',
      label: label('intent=leave (the mandataire is refused with a 400)'),
      path: base,
      fields: () => ({ intent: 'leave' }),
      expected: expected.work,
    },
    {
      route: 'reponses.$bidId.repartition',
      method: 'GET',
      label: label('page'),
      path: (f) => `${base(f)}/repartition`,
      expected: expected.view,
    },
    {
      route: 'reponses.$bidId.repartition',
      method: 'POST',
      label: label('intent=save-allocation'),
      path: (f) => `${base(f)}/repartition`,
      fields: () => ({ intent: 'save-allocation' }),
      expected: expected.work,
    },
    {
      route: 'reponses.$bidId.pieces',
      method: 'GET',
      label: label('page'),
      path: (f) => `${base(f)}/pieces`,
      expected: expected.view,
    },
    {
      route: 'reponses.$bidId.pieces',
      method: 'POST',
      label: label('intent=update-item'),
      path: (f) => `${base(f)}/pieces`,
      fields: () => ({ intent: 'update-item', itemId: 'x' }),
      expected: expected.work,
    },
    {
      route: 'reponses.$bidId.pieces.$itemId.fichier',
      method: 'GET',
      label: label('unknown item: 404 when allowed'),
      path: (f) => `${base(f)}/pieces/999999/fichier`,
      expected: expected.view,
    },
    {
      route: 'reponses.$bidId.discussion',
      method: 'GET',
      label: label('page'),
      path: (f) => `${base(f)}/discussion`,
      expected: expected.discussion,
    },
    {
      route: 'reponses.$bidId.discussion',
      method: 'POST',
      label: label('intent=post-message'),
      path: (f) => `${base(f)}/discussion`,
      fields: () => ({ intent: 'post-message', body: '' }),
      expected: expected.work,
    },
  ];
}

export const TENDER_ROUTE_ROWS: RouteRow[] = [
  // The buyer's side (decisions 255–258, 260).
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId_.documents',
    method: 'GET',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.tenderId}/documents`,
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId_.documents',
    method: 'POST',
    label: 'intent=remove',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.tenderId}/documents`,
    fields: () => ({ intent: 'remove', documentId: 'x' }),
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId_.offres',
    method: 'GET',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.closedTenderId}/offres`,
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId_.offres',
    method: 'POST',
    label: 'intent=cancel',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.closedTenderId}/offres`,
    fields: () => ({ intent: 'cancel', reason: '' }),
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId_.questions',
    method: 'GET',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.publishedTenderId}/questions`,
    expected: BUYER_MEMBERS,
  },
  {
    route: 'organisations.$orgId.appels-d-offres.$tenderId_.questions',
    method: 'POST',
    path: (f) => `/organisations/${f.otherOrgId}/appels-d-offres/${f.publishedTenderId}/questions`,
    fields: () => ({ questionId: 'x', answer: '' }),
    expected: BUYER_MEMBERS,
  },
  // The suppliers' side (decisions 250–253, 260, 261).
  {
    route: 'appels-d-offres.$id',
    method: 'POST',
    label: 'intent=poser-question',
    path: (f) => `/appels-d-offres/${f.publishedTenderId}`,
    fields: (f) => ({ intent: 'poser-question', organisation: String(f.supplierOrgId), question: '' }),
    expected: MEMBERS,
  },
  {
    route: 'appels-d-offres.$id_.partenaires',
    method: 'GET',
    path: (f) => `/appels-d-offres/${f.publishedTenderId}/partenaires`,
    expected: MEMBERS_AND_MODERATORS,
  },
  {
    route: 'appels-d-offres.$id_.partenaires',
    method: 'POST',
    label: 'intent=publier',
    path: (f) => `/appels-d-offres/${f.publishedTenderId}/partenaires`,
    fields: (f) => ({ intent: 'publier', organisation: String(f.supplierOrgId), message: '' }),
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.opportunites',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/opportunites`,
    expected: MEMBERS_AND_MODERATORS,
  },
  {
    route: 'organisations.$orgId.opportunites',
    method: 'POST',
    label: 'intent=mark',
    path: (f) => `/organisations/${f.supplierOrgId}/opportunites`,
    fields: (f) => ({ intent: 'mark', tenderId: String(f.publishedTenderId), interest: '' }),
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.alertes',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/alertes`,
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.alertes',
    method: 'POST',
    path: (f) => `/organisations/${f.supplierOrgId}/alertes`,
    fields: () => ({ tenderAlerts: '', dailyCap: '' }),
    expected: MEMBERS,
  },
  { route: 'notifications', method: 'GET', path: () => '/notifications', expected: SIGNED_IN },
  {
    route: 'notifications',
    method: 'POST',
    label: 'intent=read',
    path: () => '/notifications',
    fields: () => ({ intent: 'read', notificationId: 'x' }),
    expected: SIGNED_IN,
  },
  // Each bid's workspace (decisions 231, 245–247).
  {
    route: 'appels-d-offres.$id_.repondre',
    method: 'GET',
    path: (f) => `/appels-d-offres/${f.publishedTenderId}/repondre`,
    expected: MEMBERS,
  },
  {
    route: 'appels-d-offres.$id_.repondre',
    method: 'POST',
    path: (f) => `/appels-d-offres/${f.publishedTenderId}/repondre`,
    fields: (f) => ({ organisationId: String(f.supplierOrgId), kind: '' }),
    expected: MEMBERS,
  },
  {
    route: 'organisations.$orgId.reponses',
    method: 'GET',
    path: (f) => `/organisations/${f.supplierOrgId}/reponses`,
    expected: MEMBERS,
  },
  // An e-mailed invitation: its token is the right, for any signed-in person (an unknown token is a 404).
  {
    route: 'groupements.invitations.$token',
    method: 'GET',
    path: () => '/groupements/invitations/jeton-inconnu',
    expected: SIGNED_IN,
  },
  {
    route: 'groupements.invitations.$token',
    method: 'POST',
    label: 'intent=decline',
    path: () => '/groupements/invitations/jeton-inconnu',
    fields: () => ({ intent: 'decline' }),
    expected: SIGNED_IN,
  },
  ...bidPages('bidId', { view: MEMBERS, work: MEMBERS, lead: MEMBERS, discussion: MEMBERS }),
  // The buyer opens a submitted bid after the deadline, but not the members' conversation (decision 247).
  ...bidPages('openedBidId', { view: MEMBERS_AND_BUYER, work: MEMBERS, lead: MEMBERS, discussion: MEMBERS }),
  // An invited supplier reads before it answers, and works on nothing.
  ...bidPages('invitedBidId', { view: MEMBERS, work: NOBODY, lead: NOBODY, discussion: MEMBERS }),
];
