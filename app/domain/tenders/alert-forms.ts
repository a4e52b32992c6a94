import { z } from 'zod';
import { type FieldIssue, type Result, fail, fieldIssuesOf, ok } from '../result';
import { MAX_DAILY_CAP, TENDER_ALERT_MODES, type TenderAlertMode, type TenderInterest } from './alerts';

// The forms of a supplier's tender alerts and opportunities (docs/decisions/252-opportunities-and-alert-pages.md):
// the alert setting (immediate / digest / off, a daily cap of 1 to 50 mails) and the interest in an open tender
// (« Intéressé », or « Pas intéressé » with a reason chosen in a list, made precise in free text). Pure, French.

export const TENDER_ALERT_MODE_LABELS: Record<TenderAlertMode, string> = {
  immediate: 'Un courriel par appel d’offres, dès sa publication (dans la limite du plafond quotidien)',
  digest: 'Un récapitulatif par jour',
  off: 'Aucun courriel (seulement les notifications sur le site)',
};

export const ALERT_FORM_MESSAGES = {
  modeRequired: 'Choisissez comment être prévenu des appels d’offres : immédiatement, chaque jour ou jamais.',
  capInvalid: `Saisissez un nombre entier de courriels par jour, entre 1 et ${MAX_DAILY_CAP}.`,
} as const;

const text = z.preprocess((value) => (value == null ? '' : value), z.string({ message: 'Valeur invalide.' }));
const trimmed = text.transform((value) => value.trim());

export const alertSettingsSchema = z.object({
  tenderAlerts: trimmed.refine(
    (value): value is TenderAlertMode => (TENDER_ALERT_MODES as readonly string[]).includes(value),
    { message: ALERT_FORM_MESSAGES.modeRequired },
  ),
  dailyCap: trimmed
    .refine((value) => /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_DAILY_CAP, {
      message: ALERT_FORM_MESSAGES.capInvalid,
    })
    .transform(Number),
});

export interface AlertSettingsInput {
  tenderAlerts: TenderAlertMode;
  dailyCap: number;
}

export function parseAlertSettings(fields: Record<string, unknown>): Result<AlertSettingsInput, FieldIssue[]> {
  const parsed = alertSettingsSchema.safeParse(fields);
  if (!parsed.success) return fail(fieldIssuesOf(parsed.error));
  return ok({ tenderAlerts: parsed.data.tenderAlerts as TenderAlertMode, dailyCap: parsed.data.dailyCap });
}

// ---------------------------------------------------------------------------------------------------------
// Interest in an open tender

export const NOT_INTERESTED_REASONS = {
  'hors-metier': 'Hors de notre métier',
  'hors-zone': 'Hors de notre zone d’intervention',
  capacite: 'Volume trop important pour nos capacités',
  delai: 'Délai de réponse trop court',
  'deja-engage': 'Déjà engagés sur d’autres marchés',
  autre: 'Autre raison',
} as const;
export type NotInterestedReason = keyof typeof NOT_INTERESTED_REASONS;

export const REASON_DETAILS_MIN = 3;
export const REASON_MAX_LENGTH = 500;

export const INTEREST_FORM_MESSAGES = {
  interestRequired: 'Choisissez « Intéressé » ou « Pas intéressé ».',
  reasonRequired: 'Choisissez pourquoi cet appel d’offres ne vous intéresse pas.',
  reasonUnknown: 'Choisissez une raison de la liste.',
  detailsRequired: `Précisez la raison, en ${REASON_DETAILS_MIN} caractères au moins.`,
  detailsTooShort: `La précision doit compter ${REASON_DETAILS_MIN} caractères au moins.`,
  reasonTooLong: `La raison ne doit pas dépasser ${REASON_MAX_LENGTH} caractères.`,
} as const;

export interface InterestInput {
  interest: TenderInterest;
  /** The stored reason (null when interested): the label of the reason chosen, then the details if any. */
  reason: string | null;
}

/** `interest` ('interested' | 'not-interested'), `reason` (a code of NOT_INTERESTED_REASONS), `details` (text). */
export function parseInterest(fields: Record<string, unknown>): Result<InterestInput, FieldIssue[]> {
  const str = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string).trim() : '');
  const interest = str('interest');
  if (interest === 'interested') return ok({ interest, reason: null });
  if (interest !== 'not-interested')
    return fail([{ field: 'interest', message: INTEREST_FORM_MESSAGES.interestRequired }]);
  const code = str('reason');
  const details = str('details').replace(/\s+/g, ' ');
  const issues: FieldIssue[] = [];
  if (code === '') issues.push({ field: 'reason', message: INTEREST_FORM_MESSAGES.reasonRequired });
  else if (!Object.hasOwn(NOT_INTERESTED_REASONS, code))
    issues.push({ field: 'reason', message: INTEREST_FORM_MESSAGES.reasonUnknown });
  if (details.length > REASON_MAX_LENGTH)
    issues.push({ field: 'details', message: INTEREST_FORM_MESSAGES.reasonTooLong });
  else if (code === 'autre' && details === '')
    issues.push({ field: 'details', message: INTEREST_FORM_MESSAGES.detailsRequired });
  else if (details !== '' && details.length < REASON_DETAILS_MIN)
    issues.push({ field: 'details', message: INTEREST_FORM_MESSAGES.detailsTooShort });
  if (issues.length > 0) return fail(issues);
  const label = NOT_INTERESTED_REASONS[code as NotInterestedReason];
  const reason = code === 'autre' ? details : details === '' ? label : `${label} : ${details}`;
  if (reason.length > REASON_MAX_LENGTH)
    return fail([{ field: 'details', message: INTEREST_FORM_MESSAGES.reasonTooLong }]);
  return ok({ interest: 'not-interested', reason });
}

// ---------------------------------------------------------------------------------------------------------
// The opportunities page's filter

export const OPPORTUNITY_FILTERS = ['tous', 'interesses', 'non-marques', 'pas-interesses'] as const;
export type OpportunityFilter = (typeof OPPORTUNITY_FILTERS)[number];

export const OPPORTUNITY_FILTER_LABELS: Record<OpportunityFilter, string> = {
  tous: 'Tous',
  interesses: 'Intéressé',
  'non-marques': 'Non marqués',
  'pas-interesses': 'Pas intéressé',
};

/** An unknown value is the default (`tous`, which hides the tenders marked « Pas intéressé »). */
export function parseOpportunityFilter(value: string | null): OpportunityFilter {
  return (OPPORTUNITY_FILTERS as readonly string[]).includes(value ?? '') ? (value as OpportunityFilter) : 'tous';
}

export function keepForFilter(filter: OpportunityFilter, interest: TenderInterest | null): boolean {
  switch (filter) {
    case 'tous':
      return interest !== 'not-interested';
    case 'interesses':
      return interest === 'interested';
    case 'non-marques':
      return interest === null;
    case 'pas-interesses':
      return interest === 'not-interested';
  }
}
