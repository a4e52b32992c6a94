import { z } from 'zod';
import { type FieldIssue, type Result, fail, fieldIssuesOf, ok } from '../result';
import { checkEmail } from './account';
import { PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES } from './password-rules';

// The account forms' fields, parsed with zod into the project's Result / FieldIssue (decision 057). Sign-up
// and log-in take `email` and `password`; `website` is a honeypot, hidden from people and filled by bots.
// Log-in does not apply the new-password policy (an old password may predate it) but caps the length so
// that nobody makes the server hash a megabyte. The forms that take a new password are parsed by
// ./new-password.ts, which applies the policy: this module stays free of the common-password list, so the pages
// that import these schemas do not ship that list to the browser.

export const HONEYPOT_FIELD = 'website';

export const FORM_MESSAGES = {
  honeypot: "Le formulaire n'a pas pu être envoyé. Réessayez.",
  passwordRequired: PASSWORD_MESSAGES.required,
  currentPasswordRequired: 'Saisissez votre mot de passe actuel.',
  currentPasswordWrong: 'Le mot de passe actuel est incorrect.',
  accountGone: "Ce compte n'existe plus. Reconnectez-vous.",
  tokenInvalid: 'Ce lien est invalide ou a expiré. Demandez-en un nouveau.',
  sameEmail: 'La nouvelle adresse est celle de votre compte.',
  emailTaken: 'Cette adresse est déjà celle d’un autre compte : la modification n’a pas été faite.',
  deletionNotConfirmed: 'Cochez la case pour confirmer la suppression définitive de votre compte.',
  lastOwner: (names: string) =>
    `Vous êtes le dernier propriétaire de ${names} : transférez d’abord la propriété à un autre membre (page « Membres » de l’organisation), puis supprimez votre compte.`,
} as const;

const text = z.preprocess((value) => (value == null ? '' : value), z.string({ message: 'Valeur invalide.' }));

const emailField = text.transform((raw, ctx) => {
  const checked = checkEmail(raw);
  if (!checked.ok) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.error });
    return z.NEVER;
  }
  return checked.value;
});

const honeypotField = text.refine((value) => value === '', { message: FORM_MESSAGES.honeypot });

export interface SignUpForm {
  email: string;
  password: string;
}

export const signUpSchema = z.object({ email: emailField, password: text, [HONEYPOT_FIELD]: honeypotField });

export type LogInForm = SignUpForm;

export const logInSchema = z.object({
  email: emailField,
  password: text
    .refine((value) => value !== '', { message: FORM_MESSAGES.passwordRequired })
    // In UTF-16 units: a character is at most two, so no password the policy accepted is refused here.
    .refine((value) => value.length <= PASSWORD_MAX_LENGTH * 2, { message: PASSWORD_MESSAGES.tooLong }),
  [HONEYPOT_FIELD]: honeypotField,
});

/** The log-in form: an address and a non-empty password (the policy is not applied). */
export function parseLogInForm(input: unknown): Result<LogInForm, FieldIssue[]> {
  const parsed = logInSchema.safeParse(input ?? {});
  if (!parsed.success) return fail(fieldIssuesOf(parsed.error));
  return ok({ email: parsed.data.email, password: parsed.data.password });
}

export const passwordResetRequestSchema = z.object({ email: emailField, [HONEYPOT_FIELD]: honeypotField });

/** The « mot de passe oublié » form: one address. */
export function parsePasswordResetRequestForm(input: unknown): Result<{ email: string }, FieldIssue[]> {
  const parsed = passwordResetRequestSchema.safeParse(input ?? {});
  if (!parsed.success) return fail(fieldIssuesOf(parsed.error));
  return ok({ email: parsed.data.email });
}

/** The reset link's form: the token (hidden) and the new password; the policy is checked by the service. */
export const passwordResetSchema = z.object({ token: text, password: text });

/** The « changer de mot de passe » form; the service checks the current password and the policy. */
export const changePasswordSchema = z.object({ currentPassword: text, newPassword: text });

/** The « changer d’adresse » form; the service checks the password and the address. */
export const emailChangeSchema = z.object({ password: text, newEmail: text });

/** The « supprimer mon compte » form; the service checks the password, the page the confirmation box. */
export const deleteAccountSchema = z.object({ password: text, confirm: text });
