import { checkEmail } from '../auth/account';
import { GROUPEMENT_FORMS, parseGroupementForm, type GroupementForm } from '../groupements/rules';
import { type FieldIssue, type Result, fail, ok } from '../result';
import type { BidKind } from './status';

// The forms of a bid's workspace (decision 240): starting a bid, the lots answered with their prices, the
// groupement's form, inviting partners. Pure: the services parse the raw fields here and get French messages on
// the forms' field names; nothing is written when an issue is found.

export const BID_NAME_MAX_LENGTH = 200;
export const SUPPLIER_QUERY_MIN_LENGTH = 2;
export const SUPPLIER_QUERY_MAX_LENGTH = 100;
/** The largest price accepted, in euros excl. VAT (the tenders' own cap, decision 202). */
export const BID_MAX_PRICE_EUROS = 10_000_000_000;

export const BID_FORM_MESSAGES = {
  kindRequired: 'Choisissez de répondre seul ou de constituer un groupement.',
  nameRequired: 'Donnez un nom au groupement (par exemple « Groupement Espaces verts Rhône »).',
  nameTooLong: `Le nom ne doit pas dépasser ${BID_NAME_MAX_LENGTH} caractères.`,
  formUnknown: 'Choisissez la forme du groupement : conjoint, solidaire ou conjoint avec mandataire solidaire.',
  organisationRequired: 'Choisissez la structure qui répond.',
  organisationUnknown: 'Choisissez l’une de vos structures dans la liste.',
  lotsRequired: 'Choisissez au moins un lot.',
  lotUnknown: 'Choisissez les lots dans la liste.',
  priceInvalid: 'Saisissez un prix en euros HT, avec au plus deux décimales (ex. 12 500,50).',
  priceTooLarge: 'Ce prix dépasse 10 milliards d’euros : vérifiez le montant.',
  priceZero: 'Le prix doit être supérieur à zéro.',
  emailInvalid: 'Saisissez l’adresse e-mail de la structure à inviter, par exemple contact@exemple.fr.',
  supplierRequired: 'Choisissez la structure à inviter.',
  memberRequired: 'Choisissez un membre du groupement.',
  invitationRequired: 'Choisissez l’invitation à annuler.',
  queryTooShort: `Saisissez au moins ${SUPPLIER_QUERY_MIN_LENGTH} caractères : un nom ou un numéro SIRET.`,
  queryTooLong: `La recherche ne doit pas dépasser ${SUPPLIER_QUERY_MAX_LENGTH} caractères.`,
} as const;

function text(input: Record<string, unknown>, name: string): string {
  const value = input[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** Every value of a field posted several times (checkboxes), as strings. */
function texts(input: Record<string, unknown>, name: string): string[] {
  const value = input[name];
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
}

/** A positive integer id ("12"), or null. */
export function parseId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,15}$/.test(value.trim())) return null;
  const id = Number(value.trim());
  return Number.isSafeInteger(id) ? id : null;
}

/** "12 345,67" or "12345.67" € excl. VAT -> 1 234 567 cents; at most two decimals, more than zero. */
export function parsePriceEuros(input: string): Result<number, string> {
  const cleaned = input.replace(/[\s\u00a0\u202f€]/g, '').replace(/(HT)$/i, '');
  if (!/^\d{1,11}([.,]\d{1,2})?$/.test(cleaned)) return fail(BID_FORM_MESSAGES.priceInvalid);
  const [whole, decimals = ''] = cleaned.split(/[.,]/);
  const euros = Number(whole);
  if (euros > BID_MAX_PRICE_EUROS) return fail(BID_FORM_MESSAGES.priceTooLarge);
  const cents = euros * 100 + Number(decimals.padEnd(2, '0'));
  if (cents === 0) return fail(BID_FORM_MESSAGES.priceZero);
  return ok(cents);
}

/** 1 234 567 cents -> "12345,67" (the value put back in a price field). */
export function centsToPriceInput(cents: number | null): string {
  if (cents === null) return '';
  const rest = cents % 100;
  return rest === 0 ? String(Math.trunc(cents / 100)) : `${Math.trunc(cents / 100)},${String(rest).padStart(2, '0')}`;
}

/** The chosen lots among the tender's, in order; every one when the tender has a single lot and none is sent. */
function parseLots(input: Record<string, unknown>, lotNumbers: readonly number[]): Result<number[], FieldIssue> {
  const sent = texts(input, 'lots');
  if (sent.length === 0 && lotNumbers.length === 1) return ok([...lotNumbers]);
  if (sent.length === 0) return fail({ field: 'lots', message: BID_FORM_MESSAGES.lotsRequired });
  const chosen = new Set<number>();
  for (const value of sent) {
    const n = parseId(value);
    if (n === null || !lotNumbers.includes(n)) return fail({ field: 'lots', message: BID_FORM_MESSAGES.lotUnknown });
    chosen.add(n);
  }
  return ok(lotNumbers.filter((n) => chosen.has(n)));
}

export interface StartBidForm {
  kind: BidKind;
  /** The groupement's name; for a bid alone, the service names it after the supplier. */
  name: string;
  form: GroupementForm | null;
  organisationId: number;
  lots: number[];
}

/**
 * Fields: `kind` (seul | groupement), `name` and `form` (groupement; the form may be chosen later),
 * `organisationId` (one of `organisationIds`; may be left out when there is only one), `lots` (repeated).
 */
export function parseStartBidForm(
  input: Record<string, unknown>,
  options: { organisationIds: readonly number[]; lotNumbers: readonly number[] },
): Result<StartBidForm> {
  const issues: FieldIssue[] = [];
  const kindText = text(input, 'kind');
  const kind: BidKind | null = kindText === 'seul' || kindText === 'groupement' ? kindText : null;
  if (kind === null) issues.push({ field: 'kind', message: BID_FORM_MESSAGES.kindRequired });
  const name = text(input, 'name');
  let form: GroupementForm | null = null;
  if (kind === 'groupement') {
    if (name === '') issues.push({ field: 'name', message: BID_FORM_MESSAGES.nameRequired });
    else if (name.length > BID_NAME_MAX_LENGTH) issues.push({ field: 'name', message: BID_FORM_MESSAGES.nameTooLong });
    const formText = text(input, 'form');
    if (formText !== '') {
      const parsed = parseGroupementForm(formText);
      if (parsed.ok) form = parsed.value;
      else issues.push({ field: 'form', message: BID_FORM_MESSAGES.formUnknown });
    }
  }
  let organisationId: number | null = null;
  const orgText = text(input, 'organisationId');
  if (orgText === '' && options.organisationIds.length === 1) organisationId = options.organisationIds[0];
  else if (orgText === '') issues.push({ field: 'organisationId', message: BID_FORM_MESSAGES.organisationRequired });
  else {
    organisationId = parseId(orgText);
    if (organisationId === null || !options.organisationIds.includes(organisationId)) {
      organisationId = null;
      issues.push({ field: 'organisationId', message: BID_FORM_MESSAGES.organisationUnknown });
    }
  }
  const lots = parseLots(input, options.lotNumbers);
  if (!lots.ok) issues.push(lots.error);
  if (issues.length > 0 || kind === null || organisationId === null || !lots.ok) return fail(issues);
  return ok({ kind, name: kind === 'groupement' ? name : '', form, organisationId, lots: lots.value });
}

export interface LotPrice {
  lotNumber: number;
  /** Euro cents excl. VAT; null while not known. */
  priceCents: number | null;
}

/** Fields: `lots` (the answered lots, repeated) and `price-<lot>` (euros excl. VAT, empty while not known). */
export function parseLotsForm(input: Record<string, unknown>, lotNumbers: readonly number[]): Result<LotPrice[]> {
  const issues: FieldIssue[] = [];
  const lots = parseLots(input, lotNumbers);
  if (!lots.ok) return fail([lots.error]);
  const prices: LotPrice[] = [];
  for (const lotNumber of lots.value) {
    const raw = text(input, `price-${lotNumber}`);
    if (raw === '') {
      prices.push({ lotNumber, priceCents: null });
      continue;
    }
    const price = parsePriceEuros(raw);
    if (price.ok) prices.push({ lotNumber, priceCents: price.value });
    else issues.push({ field: `price-${lotNumber}`, message: price.error });
  }
  return issues.length > 0 ? fail(issues) : ok(prices);
}

/** Field `form`: one of GROUPEMENT_FORMS. */
export function parseFormChange(input: Record<string, unknown>): Result<GroupementForm> {
  const value = text(input, 'form');
  return (GROUPEMENT_FORMS as readonly string[]).includes(value)
    ? ok(value as GroupementForm)
    : fail([{ field: 'form', message: BID_FORM_MESSAGES.formUnknown }]);
}

/** Field `email`: the address invited to join the groupement. */
export function parseInviteEmail(input: Record<string, unknown>): Result<string> {
  const email = checkEmail(text(input, 'email'));
  return email.ok ? ok(email.value) : fail([{ field: 'email', message: BID_FORM_MESSAGES.emailInvalid }]);
}

/** A positive id in field `name`, or an issue with `message`. */
export function parseIdField(input: Record<string, unknown>, name: string, message: string): Result<number> {
  const id = parseId(input[name]);
  return id === null ? fail([{ field: name, message }]) : ok(id);
}

export type SupplierQuery = { kind: 'siret'; digits: string } | { kind: 'name'; text: string };

/** The partner search: a name (2 to 100 characters) or a SIRET / SIREN (9 or 14 digits, spaces allowed). */
export function parseSupplierQuery(raw: string): Result<SupplierQuery, string> {
  const q = raw.trim().replace(/\s+/g, ' ');
  const digits = q.replace(/\s/g, '');
  if (/^\d{9}$|^\d{14}$/.test(digits)) return ok({ kind: 'siret', digits });
  if (q.length < SUPPLIER_QUERY_MIN_LENGTH) return fail(BID_FORM_MESSAGES.queryTooShort);
  if (q.length > SUPPLIER_QUERY_MAX_LENGTH) return fail(BID_FORM_MESSAGES.queryTooLong);
  return ok({ kind: 'name', text: q });
}
