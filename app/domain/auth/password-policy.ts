import { type Result, fail, ok } from '../result';
import { PASSWORD_MAX_LENGTH, PASSWORD_MESSAGES, PASSWORD_MIN_LENGTH } from './password-rules';
import COMMON_PASSWORDS_FR from './common-passwords-fr.json';
import COMMON_PASSWORDS from './common-passwords.json';

// The password policy (docs/decisions/101-passwords.md): the lengths of ./password-rules.ts, and not in the
// built-in list of common passwords. No composition rules (NIST SP 800-63B): length and the list do the work.
// Server code only (actions, services): this module carries the list (about 100 kB); a component that shows
// the rules imports ./password-rules.ts instead.
//
// The list: common-passwords.json is the 10,000 most frequent passwords of the MIT-licensed list shipped by
// @zxcvbn-ts/language-common 4.1.3 (src/passwords.json, ranked by frequency in public leaks), lower-cased;
// common-passwords-fr.json is a hand-made list of French bases (azerty, motdepasse, soleil, chouchou, first
// names, cities, clubs, months, words of this platform…). A password is refused when, lower-cased and without
// accents, it is in either list, or when it is a listed word of 4 letters or more followed only by digits and
// symbols (« Soleil2026! », « motdepasse123 »).

const COMMON = new Set<string>([...(COMMON_PASSWORDS as string[]), ...(COMMON_PASSWORDS_FR as string[])]);

/** How many passwords the built-in list holds (for the decision record and the tests). */
export const COMMON_PASSWORD_COUNT = COMMON.size;

function simplify(password: string): string {
  return password
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

/** Whether the password is, or is a listed word followed by digits and symbols, in the built-in list. */
export function isCommonPassword(password: string): boolean {
  const simple = simplify(password);
  if (COMMON.has(simple)) return true;
  const base = simple.replace(/[^a-z]+$/, '');
  return base.length >= 4 && base !== simple && COMMON.has(base);
}

/** Length in characters as a person counts them (an emoji is one), not UTF-16 units. */
export function passwordLength(password: string): number {
  return [...password].length;
}

/**
 * The password if the policy accepts it, else the French message. `email` (optional) refuses a password that
 * is the address or its local part. The password is never trimmed: spaces are characters like others.
 */
export function checkNewPassword(password: string, email?: string): Result<string, string> {
  if (password === '') return fail(PASSWORD_MESSAGES.required);
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return fail(PASSWORD_MESSAGES.tooShort);
  if (length > PASSWORD_MAX_LENGTH) return fail(PASSWORD_MESSAGES.tooLong);
  if (isCommonPassword(password)) return fail(PASSWORD_MESSAGES.common);
  if (email) {
    const simple = simplify(password);
    const address = simplify(email);
    if (simple === address || simple === address.split('@')[0]) return fail(PASSWORD_MESSAGES.sameAsEmail);
  }
  return ok(password);
}
