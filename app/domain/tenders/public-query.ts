import { type FieldIssue, type Result, fail, ok } from '../result';
import { RESERVATIONS, type Reservation } from './tender';

// The public list of tenders' query string (issue 7 §1, decision 205): sector, territory (département or région),
// reservation, deadline after a date, value range, page. French parameter names, as the catalogue's search.
// Malformed values are issues on their parameter (the page says so, the API answers 400).

export const PUBLIC_TENDERS_PAGE_SIZE = 20;
export const MAX_PUBLIC_TENDERS_PAGE = 500;

export interface PublicTenderQuery {
  sector: string | null;
  departement: string | null;
  region: string | null;
  reservation: Reservation | null;
  /** YYYY-MM-DD: tenders whose submission deadline is on or after this day (Paris). */
  deadlineAfter: string | null;
  valueMin: number | null;
  valueMax: number | null;
  page: number;
}

export const PUBLIC_QUERY_MESSAGES = {
  sector: 'Secteur inconnu.',
  departement: 'Code de département invalide (par exemple 69, 2A ou 974).',
  region: 'Code de région invalide (2 chiffres, par exemple 84).',
  reservation: 'Réservation inconnue.',
  deadlineAfter: 'Date invalide : AAAA-MM-JJ, par exemple 2027-01-15.',
  value: 'Montant invalide : un nombre entier d’euros.',
  valueRange: 'Le montant minimum dépasse le montant maximum.',
  page: 'Numéro de page invalide.',
} as const;

export function parsePublicTenderQuery(params: URLSearchParams): Result<PublicTenderQuery, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const get = (name: string) => {
    const value = params.get(name)?.trim() ?? '';
    return value === '' ? null : value;
  };
  const check = (name: string, value: string | null, valid: (v: string) => boolean, message: string) => {
    if (value !== null && !valid(value)) issues.push({ field: name, message });
    return value;
  };
  const sector = check(
    'secteur',
    get('secteur'),
    (v) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(v),
    PUBLIC_QUERY_MESSAGES.sector,
  );
  const departement = check(
    'departement',
    get('departement')?.toUpperCase() ?? null,
    (v) => /^(\d{2}|2[AB]|97\d)$/.test(v),
    PUBLIC_QUERY_MESSAGES.departement,
  );
  const region = check('region', get('region'), (v) => /^\d{2}$/.test(v), PUBLIC_QUERY_MESSAGES.region);
  const reservation = check(
    'reservation',
    get('reservation'),
    (v) => (RESERVATIONS as readonly string[]).includes(v),
    PUBLIC_QUERY_MESSAGES.reservation,
  );
  const deadlineAfter = check(
    'limite-apres',
    get('limite-apres'),
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)),
    PUBLIC_QUERY_MESSAGES.deadlineAfter,
  );
  const amount = (name: string) => {
    const raw = check(
      name,
      get(name)?.replace(/\s/g, '') ?? null,
      (v) => /^\d{1,12}$/.test(v),
      PUBLIC_QUERY_MESSAGES.value,
    );
    return raw !== null && /^\d{1,12}$/.test(raw) ? Number(raw) : null;
  };
  const valueMin = amount('valeur-min');
  const valueMax = amount('valeur-max');
  if (valueMin !== null && valueMax !== null && valueMin > valueMax)
    issues.push({ field: 'valeur-max', message: PUBLIC_QUERY_MESSAGES.valueRange });
  const pageText = check(
    'page',
    get('page'),
    (v) => /^[1-9]\d{0,3}$/.test(v) && Number(v) <= MAX_PUBLIC_TENDERS_PAGE,
    PUBLIC_QUERY_MESSAGES.page,
  );
  if (issues.length > 0) return fail(issues);
  return ok({
    sector,
    departement,
    region,
    reservation: reservation as Reservation | null,
    deadlineAfter,
    valueMin,
    valueMax,
    page: pageText === null ? 1 : Number(pageText),
  });
}
