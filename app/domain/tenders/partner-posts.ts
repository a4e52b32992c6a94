import { fail, ok, type FieldIssue, type Result } from '../result';
import { textOf } from './questions';
import { effectiveStatus, type TenderStatus } from './tender';

// « Recherche de partenaires » (issue 7 §3, decision 261): a supplier looking for partners on a tender for lots
// and/or sectors, the offers other suppliers make to join, the poster's answer. Pure: the form rules, the
// French messages and when each step is allowed.

export const PARTNER_MESSAGE_MIN_LENGTH = 10;
export const PARTNER_MESSAGE_MAX_LENGTH = 1000;

/** The intents of the forms of /appels-d-offres/:id/partenaires. */
export const PARTNER_INTENTS = ['publier', 'proposer', 'accepter', 'refuser', 'clore'] as const;
export type PartnerIntent = (typeof PARTNER_INTENTS)[number];

export const PARTNER_MESSAGES = {
  messageRequired: 'Écrivez un message.',
  messageTooShort: `Le message est trop court (${PARTNER_MESSAGE_MIN_LENGTH} caractères au moins).`,
  messageTooLong: `Le message est trop long (${PARTNER_MESSAGE_MAX_LENGTH} caractères au plus).`,
  lotOrSectorRequired: 'Indiquez au moins un lot ou un secteur pour lequel vous cherchez des partenaires.',
  lotUnknown: 'Un des lots choisis n’existe pas dans ce besoin.',
  sectorUnknown: 'Un des secteurs choisis n’existe pas dans la liste des secteurs.',
  organisationRequired: 'Choisissez la structure au nom de laquelle vous agissez.',
  notOpen: 'Ce besoin n’est plus ouvert aux réponses : la recherche de partenaires est close.',
  postClosed: 'Cette annonce est close : elle n’accepte plus de propositions.',
  postUnknown: 'Cette annonce n’existe pas ou ne concerne pas ce besoin.',
  ownPost: 'Vous ne pouvez pas proposer de rejoindre votre propre annonce.',
  alreadyOffered: 'Votre structure a déjà proposé de rejoindre cette annonce.',
  offerUnknown: 'Cette proposition n’existe pas ou ne concerne pas vos annonces.',
  offerAnswered: 'Cette proposition a déjà reçu une réponse.',
} as const;

export interface PartnerPostDraft {
  message: string;
  lotNumbers: number[];
  sectorCodes: string[];
}

/** A repeated form field (checkboxes) as a list of strings. */
export function listOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string' && v !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

export function parsePartnerMessage(value: unknown): Result<string, FieldIssue[]> {
  const text = textOf(value);
  const length = [...text].length;
  if (text === '') return fail([{ field: 'message', message: PARTNER_MESSAGES.messageRequired }]);
  if (length < PARTNER_MESSAGE_MIN_LENGTH)
    return fail([{ field: 'message', message: PARTNER_MESSAGES.messageTooShort }]);
  if (length > PARTNER_MESSAGE_MAX_LENGTH)
    return fail([{ field: 'message', message: PARTNER_MESSAGES.messageTooLong }]);
  return ok(text);
}

/**
 * The post form: a message, lots of the tender (`lots`, their numbers) and sectors of the reference list
 * (`sectors`, their codes), at least one lot or sector.
 */
export function parsePartnerPost(
  fields: Record<string, unknown>,
  known: { lotNumbers: readonly number[]; sectorCodes: ReadonlySet<string> },
): Result<PartnerPostDraft, FieldIssue[]> {
  const issues: FieldIssue[] = [];
  const message = parsePartnerMessage(fields.message);
  if (!message.ok) issues.push(...message.error);
  const lots = [...new Set(listOf(fields.lots))];
  const lotNumbers = lots.map((l) => (/^[1-9]\d{0,3}$/.test(l) ? Number(l) : NaN));
  if (lotNumbers.some((n) => !known.lotNumbers.includes(n)))
    issues.push({ field: 'lots', message: PARTNER_MESSAGES.lotUnknown });
  const sectorCodes = [...new Set(listOf(fields.sectors))];
  if (sectorCodes.some((code) => !known.sectorCodes.has(code)))
    issues.push({ field: 'sectors', message: PARTNER_MESSAGES.sectorUnknown });
  if (lots.length === 0 && sectorCodes.length === 0)
    issues.push({ field: 'lots', message: PARTNER_MESSAGES.lotOrSectorRequired });
  if (issues.length > 0 || !message.ok) return fail(issues);
  return ok({ message: message.value, lotNumbers: lotNumbers.sort((a, b) => a - b), sectorCodes: sectorCodes.sort() });
}

/**
 * Posting, offering and answering offers happen while the tender is effectively published (before its
 * submission deadline): after it, bids are sealed and groupements can no longer change.
 */
export function partnerWindow(
  tender: { status: TenderStatus; submissionDeadline: string | null },
  now: Date,
): Result<true, string> {
  return effectiveStatus(tender, now) === 'published' ? ok(true) : fail(PARTNER_MESSAGES.notOpen);
}

/** Whether a supplier may offer to join a post. */
export function checkOffer(
  post: { supplierId: number; status: 'open' | 'closed' },
  supplierId: number,
  alreadyOffered: boolean,
): Result<true, string> {
  if (post.status !== 'open') return fail(PARTNER_MESSAGES.postClosed);
  if (post.supplierId === supplierId) return fail(PARTNER_MESSAGES.ownPost);
  if (alreadyOffered) return fail(PARTNER_MESSAGES.alreadyOffered);
  return ok(true);
}
