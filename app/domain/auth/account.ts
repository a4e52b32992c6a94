import { type Result, fail, ok } from '../result';

// Accounts: the site roles, the purposes of single-use e-mailed tokens and how long each lives, and the
// e-mail address rules (normalisation and validation, French messages). Pure: no I/O
// (docs/decisions/100-sessions.md, 101-passwords.md). The migration's CHECKs repeat these lists;
// tests/integration/schema-checks.test.ts keeps them the same.

/** Site-wide roles beyond an ordinary account (null in `users.site_role`). */
export const SITE_ROLES = ['moderator', 'admin'] as const;
export type SiteRole = (typeof SITE_ROLES)[number];

/** What a single-use token sent by e-mail proves when it comes back. */
export const USER_TOKEN_PURPOSES = ['verify-email', 'reset-password', 'change-email'] as const;
export type UserTokenPurpose = (typeof USER_TOKEN_PURPOSES)[number];

const HOUR_MS = 60 * 60 * 1000;

/** How long a token stays usable after it was sent. A password reset link lives one hour. */
export const USER_TOKEN_LIFETIME_MS: Record<UserTokenPurpose, number> = {
  'verify-email': 48 * HOUR_MS,
  'reset-password': 1 * HOUR_MS,
  'change-email': 24 * HOUR_MS,
};

/** When a token of this purpose issued at `now` stops being usable. */
export function userTokenExpiresAt(purpose: UserTokenPurpose, now: Date): Date {
  return new Date(now.getTime() + USER_TOKEN_LIFETIME_MS[purpose]);
}

/** RFC 5321's limit on a forward path: longer addresses cannot receive mail. */
export const EMAIL_MAX_LENGTH = 254;

export const EMAIL_MESSAGES = {
  required: 'Saisissez votre adresse e-mail.',
  tooLong: `L'adresse e-mail ne doit pas dépasser ${EMAIL_MAX_LENGTH} caractères.`,
  invalid: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.',
} as const;

/**
 * The one form of an address that the database stores and compares: surrounding spaces removed, Unicode NFC,
 * lower case (no French mail provider treats the local part's case as meaningful, and two accounts for
 * « Marie@x.fr » and « marie@x.fr » would only confuse). Dots and `+tags` are kept: they are real addresses.
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

// One @, a local part and a domain with at least one dot, no spaces or angle brackets, labels that do not
// start or end with a hyphen. Deliberately simple: the verification mail is the real test of an address.
const EMAIL_PATTERN =
  /^[^\s@<>()[\]\\,;:"]+@(?:[a-z0-9\u00a0-\uffff](?:[a-z0-9\u00a0-\uffff-]*[a-z0-9\u00a0-\uffff])?\.)+[a-z\u00a0-\uffff]{2,}$/;

/** The normalised address, or the French message explaining what is wrong with it. */
export function checkEmail(raw: string): Result<string, string> {
  const email = normaliseEmail(raw);
  if (email === '') return fail(EMAIL_MESSAGES.required);
  if (email.length > EMAIL_MAX_LENGTH) return fail(EMAIL_MESSAGES.tooLong);
  if (!EMAIL_PATTERN.test(email) || email.includes('..')) return fail(EMAIL_MESSAGES.invalid);
  return ok(email);
}
