import { z } from 'zod';
import { checkEmail } from '../auth/account';
import { normaliseCpvCode, isValidCpvCode } from '../cpv';
import { type FieldIssue, type Result, fail, ok } from '../result';
import {
  L2113_15_MAX_MONTHS,
  MAIN_CATEGORIES,
  NEED_KINDS,
  PLACE_KINDS,
  PROCUREMENT_METHODS,
  RESERVATIONS,
  isPlaceCodeShape,
  type MainCategory,
  type NeedKind,
  type PlaceKind,
  type ProcurementMethod,
  type Reservation,
} from './tender';

// The tender form (issue 7 §1, decision 202): one zod schema for saving a draft, which may be incomplete but
// never malformed, and a completeness check for submission to moderation. French messages; the field names are
// Conform's (`lots[1].title`). Pure: sector and place codes are checked for shape here, against the reference
// data by the service. Dates are typed as `datetime-local` values, in Paris time, and kept as UTC instants.

export const TENDER_TITLE_MAX_LENGTH = 200;
export const TENDER_DESCRIPTION_MAX_LENGTH = 20_000;
export const TENDER_MAX_LOTS = 50;
export const TENDER_MAX_CPV_CODES = 20;
export const TENDER_MAX_SECTORS = 20;
export const TENDER_MAX_VALUE_EUROS = 10_000_000_000;
export const TENDER_MAX_DURATION_MONTHS = 600;
export const TENDER_MAX_SOCIAL_HOURS = 10_000_000;
export const CONTACT_MAX_LENGTH = 200;

export const TENDER_MESSAGES = {
  titleRequired: 'Saisissez le titre du besoin.',
  titleTooLong: `Le titre ne doit pas dépasser ${TENDER_TITLE_MAX_LENGTH} caractères.`,
  descriptionRequired: 'Décrivez le besoin : ce qui est attendu, où et quand.',
  descriptionTooLong: `La description ne doit pas dépasser ${TENDER_DESCRIPTION_MAX_LENGTH} caractères.`,
  kindRequired: 'Choisissez le type de besoin : demande de devis, sourcing ou appel d’offres.',
  methodUnknown: 'Choisissez une procédure de la liste.',
  methodRequired: 'Choisissez la procédure de passation de l’appel d’offres.',
  categoryUnknown: 'Choisissez une catégorie de la liste.',
  categoryRequired: 'Choisissez la catégorie principale : fournitures, travaux ou services.',
  cpvInvalid: (code: string) =>
    `« ${code} » n’est pas un code CPV : 8 chiffres, un tiret et le chiffre de contrôle, par exemple 45210000-2.`,
  cpvDuplicate: (code: string) => `Le code CPV ${code} est saisi deux fois.`,
  cpvTooMany: `Saisissez au plus ${TENDER_MAX_CPV_CODES} codes CPV.`,
  cpvRequired: 'Saisissez au moins un code CPV pour un appel d’offres.',
  sectorInvalid: 'Choisissez les secteurs dans la liste.',
  sectorsTooMany: `Choisissez au plus ${TENDER_MAX_SECTORS} secteurs.`,
  sectorsRequired: 'Choisissez au moins un secteur d’activité.',
  placeKindUnknown: 'Choisissez le type de lieu d’exécution dans la liste.',
  placeRequired: 'Indiquez le lieu d’exécution : commune, département, région ou France entière.',
  placeCodeInvalid: {
    commune: 'Saisissez le code INSEE de la commune (5 caractères, par exemple 69123).',
    departement: 'Saisissez le code du département (par exemple 69, 2A ou 974).',
    region: 'Saisissez le code de la région (2 chiffres, par exemple 84).',
    national: 'Ne saisissez pas de code pour la France entière.',
  } satisfies Record<PlaceKind, string>,
  amountInvalid: 'Saisissez un montant en euros, sans centimes, par exemple 125 000.',
  amountTooLarge: 'Ce montant est trop élevé : vérifiez-le.',
  valueRequired: 'Indiquez la valeur estimée du marché en euros.',
  lotsTooMany: `Un appel d’offres compte au plus ${TENDER_MAX_LOTS} lots.`,
  lotsOnlyForTenders: 'Seul un appel d’offres est découpé en lots : retirez les lots ou changez le type de besoin.',
  lotTitleRequired: 'Saisissez le titre du lot.',
  lotDescriptionTooLong: `La description du lot ne doit pas dépasser ${TENDER_DESCRIPTION_MAX_LENGTH} caractères.`,
  reservationUnknown: 'Choisissez une réservation de la liste.',
  reservationL2113_15Category: 'Un marché réservé au titre de l’article L2113-15 porte sur des services.',
  reservationL2113_15Duration: `Un marché réservé au titre de l’article L2113-15 dure au plus ${L2113_15_MAX_MONTHS} mois (3 ans).`,
  hoursInvalid: 'Saisissez un nombre entier d’heures d’insertion, par exemple 350.',
  dateInvalid: 'Saisissez une date et une heure valides, par exemple 15/01/2027 12:00.',
  questionsAfterSubmission: 'La date limite des questions doit précéder la date limite de remise des offres.',
  deadlinePast: 'La date limite de remise des offres doit être dans le futur.',
  deadlineRequired: 'Indiquez la date limite de remise des offres.',
  durationInvalid: `Saisissez une durée en mois, entre 1 et ${TENDER_MAX_DURATION_MONTHS}.`,
  durationRequired: 'Indiquez la durée du marché en mois.',
  contactNameRequired: 'Indiquez le nom de la personne à contacter.',
  contactTooLong: `Ce champ ne doit pas dépasser ${CONTACT_MAX_LENGTH} caractères.`,
  contactEmailRequired: 'Indiquez l’adresse e-mail de contact.',
  contactPhoneInvalid: 'Saisissez un numéro de téléphone, par exemple 04 72 10 30 30.',
} as const;

export interface TenderLotDraft {
  /** 1, 2, … in the order of the form. */
  number: number;
  title: string;
  description: string;
  sectors: string[];
  estimatedValueEuros: number | null;
}

export interface TenderDraft {
  title: string;
  description: string;
  kind: NeedKind;
  method: ProcurementMethod | null;
  category: MainCategory | null;
  cpvCodes: string[];
  sectors: string[];
  placeKind: PlaceKind | null;
  placeCode: string | null;
  estimatedValueEuros: number | null;
  /** Explicit lots only; none means one implicit lot (see `lotsOf`). */
  lots: TenderLotDraft[];
  reservation: Reservation;
  socialClauseHours: number | null;
  /** UTC ISO instants. */
  questionsDeadline: string | null;
  submissionDeadline: string | null;
  contractDurationMonths: number | null;
  allowDualBidding: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

const text = z.preprocess((value) => (value == null ? '' : value), z.string({ message: 'Valeur invalide.' }));
const trimmed = text.transform((value) => value.trim());
const list = z.preprocess(
  (value) => (value == null ? [] : Array.isArray(value) ? value : [value]),
  z.array(text, { message: 'Valeur invalide.' }),
);

function optionalOneOf<const T extends readonly string[]>(values: T, message: string) {
  return trimmed.transform((value, ctx): T[number] | null => {
    if (value === '') return null;
    if (!(values as readonly string[]).includes(value)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return value;
  });
}

function boundedText(max: number, message: string) {
  return trimmed.refine((value) => value.length <= max, { message });
}

/** A whole number, spaces (also narrow no-break ones) allowed as thousands separators; empty is null. */
function optionalInteger(message: string, min: number, max: number, tooLarge = message) {
  return trimmed.transform((value, ctx): number | null => {
    const compact = value.replace(/[\s\u00a0\u202f]/g, '').replace(/€$/, '');
    if (compact === '') return null;
    if (!/^\d+$/.test(compact) || Number(compact) < min) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    const number = Number(compact);
    if (number > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: tooLarge });
      return z.NEVER;
    }
    return number;
  });
}

const amount = optionalInteger(
  TENDER_MESSAGES.amountInvalid,
  0,
  TENDER_MAX_VALUE_EUROS,
  TENDER_MESSAGES.amountTooLarge,
);

const SECTOR_CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const sectorList = list.transform((values, ctx) => {
  const codes = [...new Set(values.map((value) => value.trim()).filter((value) => value !== ''))];
  if (codes.some((code) => !SECTOR_CODE.test(code) || code.length > 60)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: TENDER_MESSAGES.sectorInvalid });
    return z.NEVER;
  }
  if (codes.length > TENDER_MAX_SECTORS) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: TENDER_MESSAGES.sectorsTooMany });
    return z.NEVER;
  }
  return codes;
});

/** CPV codes, one per field or several in one field separated by commas, semicolons or line breaks. */
const cpvList = list.transform((values, ctx) => {
  const raw = values.flatMap((value) => value.split(/[,;\n]/)).map((value) => value.trim());
  const codes: string[] = [];
  for (const input of raw.filter((value) => value !== '')) {
    const code = normaliseCpvCode(input);
    if (code === undefined || !isValidCpvCode(code)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: TENDER_MESSAGES.cpvInvalid(input) });
      return z.NEVER;
    }
    if (codes.includes(code)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: TENDER_MESSAGES.cpvDuplicate(code) });
      return z.NEVER;
    }
    codes.push(code);
  }
  if (codes.length > TENDER_MAX_CPV_CODES) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: TENDER_MESSAGES.cpvTooMany });
    return z.NEVER;
  }
  return codes;
});

const dateTime = trimmed.transform((value, ctx): string | null => {
  if (value === '') return null;
  const iso = parisLocalToUtc(value);
  if (iso === undefined) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: TENDER_MESSAGES.dateInvalid });
    return z.NEVER;
  }
  return iso;
});

const checkbox = text.transform((value) => value === 'on' || value === 'true' || value === '1');

const lotSchema = z.object({
  title: boundedText(TENDER_TITLE_MAX_LENGTH, TENDER_MESSAGES.titleTooLong),
  description: boundedText(TENDER_DESCRIPTION_MAX_LENGTH, TENDER_MESSAGES.lotDescriptionTooLong),
  sectors: sectorList,
  estimatedValue: amount,
});

const tenderSchema = z.object({
  title: trimmed
    .transform((value) => value.replace(/\s+/g, ' '))
    .refine((value) => value !== '', { message: TENDER_MESSAGES.titleRequired })
    .refine((value) => value.length <= TENDER_TITLE_MAX_LENGTH, { message: TENDER_MESSAGES.titleTooLong }),
  description: boundedText(TENDER_DESCRIPTION_MAX_LENGTH, TENDER_MESSAGES.descriptionTooLong),
  kind: trimmed.refine((value): value is NeedKind => (NEED_KINDS as readonly string[]).includes(value), {
    message: TENDER_MESSAGES.kindRequired,
  }),
  method: optionalOneOf(PROCUREMENT_METHODS, TENDER_MESSAGES.methodUnknown),
  category: optionalOneOf(MAIN_CATEGORIES, TENDER_MESSAGES.categoryUnknown),
  cpvCodes: cpvList,
  sectors: sectorList,
  placeKind: optionalOneOf(PLACE_KINDS, TENDER_MESSAGES.placeKindUnknown),
  placeCode: trimmed.transform((value) => (value === '' ? null : value.toUpperCase())),
  estimatedValue: amount,
  lots: z.preprocess((value) => (value == null ? [] : value), z.array(z.unknown(), { message: 'Valeur invalide.' })),
  reservation: optionalOneOf(RESERVATIONS, TENDER_MESSAGES.reservationUnknown),
  socialClauseHours: optionalInteger(TENDER_MESSAGES.hoursInvalid, 0, TENDER_MAX_SOCIAL_HOURS),
  questionsDeadline: dateTime,
  submissionDeadline: dateTime,
  contractDurationMonths: optionalInteger(TENDER_MESSAGES.durationInvalid, 1, TENDER_MAX_DURATION_MONTHS),
  allowDualBidding: checkbox,
  contactName: boundedText(CONTACT_MAX_LENGTH, TENDER_MESSAGES.contactTooLong),
  contactEmail: boundedText(CONTACT_MAX_LENGTH, TENDER_MESSAGES.contactTooLong),
  contactPhone: boundedText(CONTACT_MAX_LENGTH, TENDER_MESSAGES.contactTooLong),
});

/** Conform's name of a path: ['lots', 1, 'title'] -> 'lots[1].title'. */
function fieldName(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (name, segment) =>
      typeof segment === 'number' ? `${name}[${segment}]` : name === '' ? segment : `${name}.${segment}`,
    '',
  );
}

function issuesOf(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({ field: fieldName([...prefix, ...issue.path]), message: issue.message }));
}

/**
 * A draft: the title and the kind are required, everything else may be missing but nothing may be malformed
 * (unknown values, bad codes or amounts, questions deadline after the submission deadline, a deadline in the
 * past). Entirely empty lot rows are dropped; lots are numbered in the order of the form.
 */
export function parseTenderDraft(input: unknown, now: Date): Result<TenderDraft, FieldIssue[]> {
  const parsed = tenderSchema.safeParse(input ?? {});
  const issues: FieldIssue[] = parsed.success ? [] : issuesOf(parsed.error);
  const rawLots = parsed.success ? parsed.data.lots : readLots(input);
  if (rawLots.length > TENDER_MAX_LOTS) issues.push({ field: 'lots', message: TENDER_MESSAGES.lotsTooMany });
  const lots: TenderLotDraft[] = [];
  rawLots.slice(0, TENDER_MAX_LOTS).forEach((raw, index) => {
    const lot = lotSchema.safeParse(raw ?? {});
    if (!lot.success) {
      issues.push(...issuesOf(lot.error, ['lots', index]));
      return;
    }
    const { title, description, sectors, estimatedValue } = lot.data;
    if (title === '' && description === '' && sectors.length === 0 && estimatedValue === null) return;
    if (title === '') {
      issues.push({ field: `lots[${index}].title`, message: TENDER_MESSAGES.lotTitleRequired });
      return;
    }
    lots.push({ number: lots.length + 1, title, description, sectors, estimatedValueEuros: estimatedValue });
  });
  if (!parsed.success) return fail(issues);

  const data = parsed.data;
  if (data.placeKind !== null && !isPlaceCodeShape(data.placeKind, data.placeCode)) {
    issues.push({ field: 'placeCode', message: TENDER_MESSAGES.placeCodeInvalid[data.placeKind] });
  }
  if (data.placeKind === null && data.placeCode !== null) {
    issues.push({ field: 'placeKind', message: TENDER_MESSAGES.placeKindUnknown });
  }
  if (lots.length > 0 && data.kind !== 'appel-d-offres') {
    issues.push({ field: 'lots', message: TENDER_MESSAGES.lotsOnlyForTenders });
  }
  let contactEmail = '';
  if (data.contactEmail !== '') {
    const email = checkEmail(data.contactEmail);
    if (email.ok) contactEmail = email.value;
    else issues.push({ field: 'contactEmail', message: email.error });
  }
  if (data.contactPhone !== '' && !/^\+?[\d\s.()-]{6,30}$/.test(data.contactPhone)) {
    issues.push({ field: 'contactPhone', message: TENDER_MESSAGES.contactPhoneInvalid });
  }
  if (data.submissionDeadline !== null && Date.parse(data.submissionDeadline) <= now.getTime()) {
    issues.push({ field: 'submissionDeadline', message: TENDER_MESSAGES.deadlinePast });
  }
  if (
    data.questionsDeadline !== null &&
    data.submissionDeadline !== null &&
    Date.parse(data.questionsDeadline) >= Date.parse(data.submissionDeadline)
  ) {
    issues.push({ field: 'questionsDeadline', message: TENDER_MESSAGES.questionsAfterSubmission });
  }
  if (issues.length > 0) return fail(issues);

  return ok({
    title: data.title,
    description: data.description,
    kind: data.kind,
    method: data.method,
    category: data.category,
    cpvCodes: data.cpvCodes,
    sectors: data.sectors,
    placeKind: data.placeKind,
    placeCode: data.placeKind === 'national' ? null : data.placeCode,
    estimatedValueEuros: data.estimatedValue,
    lots,
    reservation: data.reservation ?? 'none',
    socialClauseHours: data.socialClauseHours,
    questionsDeadline: data.questionsDeadline,
    submissionDeadline: data.submissionDeadline,
    contractDurationMonths: data.contractDurationMonths,
    allowDualBidding: data.allowDualBidding,
    contactName: data.contactName,
    contactEmail,
    contactPhone: data.contactPhone,
  });
}

function readLots(input: unknown): unknown[] {
  if (typeof input !== 'object' || input === null) return [];
  const lots = (input as { lots?: unknown }).lots;
  return Array.isArray(lots) ? lots : [];
}

/**
 * What a draft lacks to be submitted to moderation (decision 202), as field issues; empty when complete. The
 * deadline must still be in the future at `now`. Quote and sourcing requests need neither a procedure, CPV codes
 * nor a contract duration; a tender needs them all.
 */
export function submissionIssues(draft: TenderDraft, now: Date): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const require = (missing: boolean, field: string, message: string) => {
    if (missing) issues.push({ field, message });
  };
  const isTender = draft.kind === 'appel-d-offres';
  require(draft.description === '', 'description', TENDER_MESSAGES.descriptionRequired);
  require(isTender && draft.method === null, 'method', TENDER_MESSAGES.methodRequired);
  require(draft.category === null, 'category', TENDER_MESSAGES.categoryRequired);
  require(isTender && draft.cpvCodes.length === 0, 'cpvCodes', TENDER_MESSAGES.cpvRequired);
  require(draft.sectors.length === 0, 'sectors', TENDER_MESSAGES.sectorsRequired);
  require(draft.placeKind === null, 'placeKind', TENDER_MESSAGES.placeRequired);
  require(isTender && draft.estimatedValueEuros === null, 'estimatedValue', TENDER_MESSAGES.valueRequired);
  require(draft.submissionDeadline === null, 'submissionDeadline', TENDER_MESSAGES.deadlineRequired);
  require(draft.submissionDeadline !== null &&
    Date.parse(draft.submissionDeadline) <= now.getTime(), 'submissionDeadline', TENDER_MESSAGES.deadlinePast);
  require(isTender &&
    draft.contractDurationMonths === null, 'contractDurationMonths', TENDER_MESSAGES.durationRequired);
  require(draft.contactName === '', 'contactName', TENDER_MESSAGES.contactNameRequired);
  require(draft.contactEmail === '', 'contactEmail', TENDER_MESSAGES.contactEmailRequired);
  if (draft.reservation === 'L2113-15') {
    require(draft.category !== null &&
      draft.category !== 'services', 'reservation', TENDER_MESSAGES.reservationL2113_15Category);
    require(draft.contractDurationMonths !== null &&
      draft.contractDurationMonths >
        L2113_15_MAX_MONTHS, 'contractDurationMonths', TENDER_MESSAGES.reservationL2113_15Duration);
  }
  return issues;
}

/** The lots bidders answer: the explicit ones, or one implicit lot numbered 1 that is the whole tender. */
export function lotsOf(draft: Pick<TenderDraft, 'title' | 'description' | 'sectors' | 'estimatedValueEuros' | 'lots'>) {
  if (draft.lots.length > 0) return draft.lots;
  return [
    {
      number: 1,
      title: draft.title,
      description: draft.description,
      sectors: draft.sectors,
      estimatedValueEuros: draft.estimatedValueEuros,
    },
  ];
}

/**
 * A `datetime-local` value ('2027-01-15T12:00', seconds optional) read as Paris time, as a UTC ISO instant; undefined
 * when malformed or not a real date. Uses the Intl time zone data (pure, no I/O).
 */
export function parisLocalToUtc(value: string): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(wall);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return undefined;
  }
  let instant = wall - parisOffsetMs(wall);
  instant = wall - parisOffsetMs(instant);
  return new Date(instant).toISOString();
}

/** The UTC instant shown as a `datetime-local` value in Paris time ('2027-01-15T12:00'). */
export function utcToParisLocal(iso: string): string {
  const instant = Date.parse(iso);
  return new Date(instant + parisOffsetMs(instant)).toISOString().slice(0, 16);
}

const PARIS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Paris's offset from UTC at an instant, in milliseconds (+1 h in winter, +2 h in summer). */
function parisOffsetMs(instant: number): number {
  const parts = Object.fromEntries(PARIS.formatToParts(new Date(instant)).map((part) => [part.type, part.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}
