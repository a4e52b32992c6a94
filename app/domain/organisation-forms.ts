import { z } from 'zod';
import { checkEmail } from './auth/account';
import {
  BUYER_SIZES,
  BUYER_TYPES,
  MEMBERSHIP_ROLES,
  type BuyerSize,
  type BuyerType,
  type MembershipRole,
} from './organisation';
import { type FieldIssue, type Result, fail, fieldIssuesOf, ok } from './result';
import { checkSiret } from './siret';

// The forms of organisations and memberships (issue 6, decisions 120–122), parsed with zod into the project's
// Result / FieldIssue (decision 057), French messages. Pure: the codes that need the database (structure kind,
// commune) are only checked for shape here; the services check them against the reference data.

export const ORGANISATION_NAME_MAX_LENGTH = 200;
export const JOIN_MESSAGE_MAX_LENGTH = 1000;
export const DECISION_NOTE_MAX_LENGTH = 1000;
export const COMMUNE_TEXT_MAX_LENGTH = 100;

export const ORGANISATION_MESSAGES = {
  nameRequired: 'Saisissez le nom de la structure.',
  nameTooLong: `Le nom ne doit pas dépasser ${ORGANISATION_NAME_MAX_LENGTH} caractères.`,
  messageTooLong: `Le message ne doit pas dépasser ${JOIN_MESSAGE_MAX_LENGTH} caractères.`,
  structureKindRequired: 'Choisissez le type de structure.',
  structureKindUnknown: 'Choisissez un type de structure de la liste.',
  communeRequired: 'Saisissez la commune du siège, par exemple « Lyon » ou « 69123 ».',
  communeTooLong: `La commune ne doit pas dépasser ${COMMUNE_TEXT_MAX_LENGTH} caractères.`,
  communeUnknown: (text: string) =>
    `Aucune commune ne s’appelle « ${text} » : saisissez son nom exact ou son code INSEE (5 caractères).`,
  buyerNameRequired: 'Saisissez le nom de l’organisation.',
  buyerTypeRequired: 'Choisissez le type d’acheteur.',
  buyerSizeRequired: 'Choisissez la taille de l’organisation.',
  roleRequired: 'Choisissez un rôle : propriétaire ou éditeur.',
  memberRequired: 'Choisissez un membre de l’organisation.',
  passwordRequired: 'Saisissez votre mot de passe actuel.',
  decisionRequired: 'Choisissez d’accepter ou de refuser la demande.',
  noteRequired: 'Expliquez le refus en quelques mots : la personne recevra cette note.',
  noteTooLong: `La note ne doit pas dépasser ${DECISION_NOTE_MAX_LENGTH} caractères.`,
} as const;

const text = z.preprocess((value) => (value == null ? '' : value), z.string({ message: 'Valeur invalide.' }));

const siretField = text.transform((raw, ctx) => {
  const checked = checkSiret(raw);
  if (!checked.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.error });
    return z.NEVER;
  }
  return checked.value;
});

/** Empty is null; anything else must be a valid SIRET. */
const optionalSiretField = text.transform((raw, ctx) => {
  if (raw.trim() === '') return null;
  const checked = checkSiret(raw);
  if (!checked.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.error });
    return z.NEVER;
  }
  return checked.value;
});

const messageField = text
  .transform((value) => value.trim())
  .refine((value) => value.length <= JOIN_MESSAGE_MAX_LENGTH, { message: ORGANISATION_MESSAGES.messageTooLong });

function requiredName(requiredMessage: string) {
  return text
    .transform((value) => value.trim().replace(/\s+/g, ' '))
    .refine((value) => value !== '', { message: requiredMessage })
    .refine((value) => value.length <= ORGANISATION_NAME_MAX_LENGTH, { message: ORGANISATION_MESSAGES.nameTooLong });
}

function oneOf<const T extends readonly string[]>(values: T, message: string) {
  return text.refine((value): value is T[number] => (values as readonly string[]).includes(value), { message });
}

/** First step of « rejoindre ou créer un fournisseur »: the SIRET and a word for whoever decides. */
export const supplierSiretSchema = z.object({ siret: siretField, message: messageField });

/** Second step, for a SIRET the catalogue does not hold: what the new (unpublished) supplier needs. */
export const newSupplierSchema = supplierSiretSchema.extend({
  name: requiredName(ORGANISATION_MESSAGES.nameRequired),
  structureKind: text
    .transform((value) => value.trim())
    .refine((value) => value !== '', { message: ORGANISATION_MESSAGES.structureKindRequired }),
  commune: text
    .transform((value) => value.trim())
    .refine((value) => value !== '', { message: ORGANISATION_MESSAGES.communeRequired })
    .refine((value) => value.length <= COMMUNE_TEXT_MAX_LENGTH, { message: ORGANISATION_MESSAGES.communeTooLong }),
});

export interface SupplierSiretForm {
  siret: string;
  message: string;
}

export interface NewSupplierForm extends SupplierSiretForm {
  name: string;
  structureKind: string;
  /** The text typed in the commune field (a code, « Lyon (69123) » or a name), resolved by the service. */
  commune: string;
}

export function parseSupplierSiretForm(input: unknown): Result<SupplierSiretForm, FieldIssue[]> {
  const parsed = supplierSiretSchema.safeParse(input ?? {});
  return parsed.success ? ok(parsed.data) : fail(fieldIssuesOf(parsed.error));
}

export function parseNewSupplierForm(input: unknown): Result<NewSupplierForm, FieldIssue[]> {
  const parsed = newSupplierSchema.safeParse(input ?? {});
  return parsed.success ? ok(parsed.data) : fail(fieldIssuesOf(parsed.error));
}

export const buyerOrganisationSchema = z.object({
  name: requiredName(ORGANISATION_MESSAGES.buyerNameRequired),
  buyerType: oneOf(BUYER_TYPES, ORGANISATION_MESSAGES.buyerTypeRequired),
  buyerSize: oneOf(BUYER_SIZES, ORGANISATION_MESSAGES.buyerSizeRequired),
  siret: optionalSiretField,
});

export interface BuyerOrganisationForm {
  name: string;
  buyerType: BuyerType;
  buyerSize: BuyerSize;
  siret: string | null;
}

export function parseBuyerOrganisationForm(input: unknown): Result<BuyerOrganisationForm, FieldIssue[]> {
  const parsed = buyerOrganisationSchema.safeParse(input ?? {});
  return parsed.success ? ok(parsed.data as BuyerOrganisationForm) : fail(fieldIssuesOf(parsed.error));
}

const emailField = text.transform((raw, ctx) => {
  const checked = checkEmail(raw);
  if (!checked.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.error });
    return z.NEVER;
  }
  return checked.value;
});

const roleField = oneOf(MEMBERSHIP_ROLES, ORGANISATION_MESSAGES.roleRequired);

export const invitationSchema = z.object({ email: emailField, role: roleField });

export function parseInvitationForm(input: unknown): Result<{ email: string; role: MembershipRole }, FieldIssue[]> {
  const parsed = invitationSchema.safeParse(input ?? {});
  return parsed.success
    ? ok(parsed.data as { email: string; role: MembershipRole })
    : fail(fieldIssuesOf(parsed.error));
}

const memberField = text.transform((value, ctx) => {
  if (!/^[1-9][0-9]{0,15}$/.test(value.trim())) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: ORGANISATION_MESSAGES.memberRequired });
    return z.NEVER;
  }
  return Number(value.trim());
});

/** « Changer le rôle »: which member, which role. */
export const roleChangeSchema = z.object({ userId: memberField, role: roleField });

export function parseRoleChangeForm(input: unknown): Result<{ userId: number; role: MembershipRole }, FieldIssue[]> {
  const parsed = roleChangeSchema.safeParse(input ?? {});
  return parsed.success
    ? ok(parsed.data as { userId: number; role: MembershipRole })
    : fail(fieldIssuesOf(parsed.error));
}

/** « Retirer un membre »: which member. */
export const memberSchema = z.object({ userId: memberField });

export function parseMemberForm(input: unknown): Result<{ userId: number }, FieldIssue[]> {
  const parsed = memberSchema.safeParse(input ?? {});
  return parsed.success ? ok(parsed.data) : fail(fieldIssuesOf(parsed.error));
}

/** « Transférer la propriété »: the member who becomes owner, and the current password (a sensitive action). */
export const transferSchema = z.object({
  newOwnerUserId: memberField,
  password: text.refine((value) => value !== '', { message: ORGANISATION_MESSAGES.passwordRequired }),
});

export function parseTransferForm(input: unknown): Result<{ newOwnerUserId: number; password: string }, FieldIssue[]> {
  const parsed = transferSchema.safeParse(input ?? {});
  return parsed.success ? ok(parsed.data) : fail(fieldIssuesOf(parsed.error));
}

export const DECISIONS = ['approve', 'reject'] as const;
export type Decision = (typeof DECISIONS)[number];

export const decisionSchema = z.object({
  requestId: memberField,
  decision: oneOf(DECISIONS, ORGANISATION_MESSAGES.decisionRequired),
  note: text
    .transform((value) => value.trim())
    .refine((value) => value.length <= DECISION_NOTE_MAX_LENGTH, { message: ORGANISATION_MESSAGES.noteTooLong }),
});

export interface DecisionForm {
  requestId: number;
  decision: Decision;
  /** Null when empty. */
  note: string | null;
}

/**
 * A decision on a join request. `noteRequiredOnReject`: a moderator refusing a claim says why (the person
 * receives the note); owners may refuse a join without one.
 */
export function parseDecisionForm(
  input: unknown,
  options: { noteRequiredOnReject: boolean },
): Result<DecisionForm, FieldIssue[]> {
  const parsed = decisionSchema.safeParse(input ?? {});
  if (!parsed.success) return fail(fieldIssuesOf(parsed.error));
  const { requestId, decision, note } = parsed.data as { requestId: number; decision: Decision; note: string };
  if (decision === 'reject' && options.noteRequiredOnReject && note === '')
    return fail([{ field: 'note', message: ORGANISATION_MESSAGES.noteRequired }]);
  return ok({ requestId, decision, note: note === '' ? null : note });
}
