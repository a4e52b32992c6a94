// Buyers' needs and tenders (issue 7 §1, decisions 200–205): the kinds, the life cycle, the procurement methods,
// the categories, the reserved markets of the Code de la commande publique and the place of performance. Pure.

export const NEED_KINDS = ['devis', 'sourcing', 'appel-d-offres'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

export const NEED_KIND_LABELS: Record<NeedKind, string> = {
  devis: 'Demande de devis',
  sourcing: 'Demande de sourcing',
  'appel-d-offres': 'Appel d’offres',
};

export const TENDER_STATUSES = ['draft', 'submitted', 'published', 'closed', 'awarded', 'cancelled'] as const;
export type TenderStatus = (typeof TENDER_STATUSES)[number];

export const TENDER_STATUS_LABELS: Record<TenderStatus, string> = {
  draft: 'Brouillon',
  submitted: 'En attente de validation',
  published: 'Publié',
  closed: 'Clos',
  awarded: 'Attribué',
  cancelled: 'Annulé',
};

/**
 * The allowed transitions (decision 200): a draft is submitted for moderation; the moderator publishes it or sends
 * it back to draft with a note; a published tender closes at its submission deadline; a closed one is awarded.
 * The buyer may cancel it at any point before the award. Awarded and cancelled are final.
 */
const TRANSITIONS: Record<TenderStatus, readonly TenderStatus[]> = {
  draft: ['submitted', 'cancelled'],
  submitted: ['published', 'draft', 'cancelled'],
  published: ['closed', 'cancelled'],
  closed: ['awarded', 'cancelled'],
  awarded: [],
  cancelled: [],
};

export function allowedTransitions(from: TenderStatus): readonly TenderStatus[] {
  return TRANSITIONS[from];
}

export function canTransition(from: TenderStatus, to: TenderStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** A tender whose content the buyer may still change: only before it is sent to moderation. */
export function isEditable(status: TenderStatus): boolean {
  return status === 'draft';
}

/**
 * The status shown and enforced everywhere: a published tender past its submission deadline is closed, even
 * before the job persists it (decision 203). `submissionDeadline` is an ISO 8601 instant in UTC.
 */
export function effectiveStatus(
  tender: { status: TenderStatus; submissionDeadline: string | null },
  now: Date,
): TenderStatus {
  if (
    tender.status === 'published' &&
    tender.submissionDeadline !== null &&
    Date.parse(tender.submissionDeadline) <= now.getTime()
  ) {
    return 'closed';
  }
  return tender.status;
}

export const PROCUREMENT_METHODS = ['open', 'selective', 'limited', 'direct'] as const;
export type ProcurementMethod = (typeof PROCUREMENT_METHODS)[number];

export const PROCUREMENT_METHOD_LABELS: Record<ProcurementMethod, string> = {
  open: 'Procédure ouverte',
  selective: 'Procédure restreinte',
  limited: 'Procédure négociée',
  direct: 'Marché sans publicité ni mise en concurrence',
};

export const MAIN_CATEGORIES = ['goods', 'works', 'services'] as const;
export type MainCategory = (typeof MAIN_CATEGORIES)[number];

export const MAIN_CATEGORY_LABELS: Record<MainCategory, string> = {
  goods: 'Fournitures',
  works: 'Travaux',
  services: 'Services',
};

export const RESERVATIONS = ['none', 'L2113-12', 'L2113-13', 'L2113-14', 'L2113-15'] as const;
export type Reservation = (typeof RESERVATIONS)[number];

export const RESERVATION_LABELS: Record<Reservation, string> = {
  none: 'Aucune réservation',
  'L2113-12': 'Réservé aux entreprises adaptées et ESAT (article L2113-12)',
  'L2113-13': 'Réservé aux structures d’insertion par l’activité économique (article L2113-13)',
  'L2113-14': 'Réservé aux entreprises adaptées, ESAT et structures d’insertion (article L2113-14)',
  'L2113-15': 'Réservé aux entreprises de l’économie sociale et solidaire (article L2113-15)',
};

const DISABILITY_KINDS = ['EA', 'EATT', 'ESAT'] as const;
const SIAE_KINDS = ['EI', 'AI', 'ACI', 'ETTI', 'EITI'] as const;
const ESS_KINDS = ['SCOP', 'SCIC', 'ASSO', 'ESUS'] as const;

/**
 * The structure kinds (codes of db/reference/kinds.ts, repeated: the domain does not import db/) that may bid on
 * a reserved market (decision 201), the same lists as app/domain/groupements/rules.ts on main: L2113-12 EA,
 * EATT, ESAT; L2113-13 the SIAE (EI, AI, ACI, ETTI, EITI; a GEIQ is not an SIAE); L2113-14 both; L2113-15 the
 * ESS organisations (SCOP, SCIC, associations, ESUS). `null` for `none`: every kind.
 */
export const RESERVATION_KINDS: Record<Reservation, readonly string[] | null> = {
  none: null,
  'L2113-12': DISABILITY_KINDS,
  'L2113-13': SIAE_KINDS,
  'L2113-14': [...DISABILITY_KINDS, ...SIAE_KINDS],
  'L2113-15': ESS_KINDS,
};

export function isKindEligibleForReservation(reservation: Reservation, structureKind: string): boolean {
  const kinds = RESERVATION_KINDS[reservation];
  return kinds === null || kinds.includes(structureKind);
}

/** Article L2113-15: services only, and a contract of at most three years. */
export const L2113_15_MAX_MONTHS = 36;

export const PLACE_KINDS = ['commune', 'departement', 'region', 'national'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const PLACE_KIND_LABELS: Record<PlaceKind, string> = {
  commune: 'Commune',
  departement: 'Département',
  region: 'Région',
  national: 'France entière',
};

/** « Département : Rhône (69) », « France entière »; the code alone when the name is unknown. */
export function placeLabel(place: {
  placeKind: PlaceKind | null;
  placeCode: string | null;
  placeName: string | null;
}): string {
  if (place.placeKind === null) return '—';
  if (place.placeKind === 'national') return PLACE_KIND_LABELS.national;
  const code = place.placeCode ?? '';
  return `${PLACE_KIND_LABELS[place.placeKind]} : ${place.placeName ? `${place.placeName} (${code})` : code}`;
}

/** The shape of the code for each kind of place (INSEE codes); the service checks it exists. */
export function isPlaceCodeShape(kind: PlaceKind, code: string | null): boolean {
  switch (kind) {
    case 'commune':
      return code !== null && /^(\d{5}|2[AB]\d{3})$/.test(code);
    case 'departement':
      return code !== null && /^(\d{2}|2[AB]|97\d)$/.test(code);
    case 'region':
      return code !== null && /^\d{2}$/.test(code);
    case 'national':
      return code === null;
  }
}
