import { fail, ok, type Result } from '../result';

// Parsing of single cells that are not codes: phone, e-mail, website, counts. Pure functions returning
// either the normalised value or a French message.

/**
 * French phone numbers: 10 digits starting with 0, or +33 (or 0033) followed by the 9 digits without the 0;
 * spaces, dots, hyphens and a "(0)" are tolerated. Normalised to the national form `01 23 45 67 89`.
 */
export function parseFrenchPhone(value: string): Result<string, string> {
  const compact = value.replace(/[\s.\-\u00a0]/g, '').replace(/^(\+33|0033)\(0\)/, '$1');
  let national: string | undefined;
  if (/^0[1-9]\d{8}$/.test(compact)) national = compact;
  else if (/^(\+33|0033)[1-9]\d{8}$/.test(compact)) national = `0${compact.slice(compact.startsWith('+') ? 3 : 4)}`;
  if (!national) {
    return fail(`numéro de téléphone invalide « ${value} » (10 chiffres commençant par 0, ou +33 suivi de 9 chiffres)`);
  }
  return ok(national.replace(/(\d\d)(?=\d)/g, '$1 '));
}

const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
export const EMAIL_MAX_LENGTH = 254;

export function parseEmail(value: string): Result<string, string> {
  if (value.length > EMAIL_MAX_LENGTH || !EMAIL.test(value) || value.startsWith('.') || value.includes('..')) {
    return fail(`adresse e-mail invalide « ${value} »`);
  }
  return ok(value);
}

export const WEBSITE_MAX_LENGTH = 500;

/** An absolute http or https URL with a host name that has a dot (www.example.fr). Kept as written. */
export function parseWebsite(value: string): Result<string, string> {
  if (value.length > WEBSITE_MAX_LENGTH)
    return fail(`adresse du site trop longue (${WEBSITE_MAX_LENGTH} caractères au plus)`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return fail(`adresse du site invalide « ${value} » (elle doit commencer par https:// ou http://)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return fail(`adresse du site invalide « ${value} » : seuls http:// et https:// sont acceptés`);
  }
  if (!url.hostname.includes('.') || /\s/.test(value) || url.username || url.password) {
    return fail(`adresse du site invalide « ${value} »`);
  }
  return ok(value);
}

export const MAX_HEADCOUNT = 1_000_000;

/** A non-negative whole number; spaces as thousands separators are tolerated (`1 200`). */
export function parseCount(value: string): Result<number, string> {
  const compact = value.replace(/[\s\u00a0\u202f]/g, '');
  if (!/^\d+$/.test(compact)) return fail(`nombre entier positif ou nul attendu, reçu « ${value} »`);
  const n = Number(compact);
  if (n > MAX_HEADCOUNT) return fail(`effectif invraisemblable (${MAX_HEADCOUNT.toLocaleString('fr-FR')} au plus)`);
  return ok(n);
}

/** `a|b|c` into trimmed, non-empty items. */
export function splitList(value: string): string[] {
  return value
    .split('|')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}
