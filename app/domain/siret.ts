import { fail, ok, type Result } from './result';
// SIREN (company, 9 digits) and SIRET (establishment, 14 digits) identifiers of the INSEE register.
// Pure, no I/O. Both carry a Luhn check; La Poste (SIREN 356000000) numbers its many establishments
// outside the Luhn scheme: for it, a SIRET whose digits add up to a multiple of 5 is also valid
// (its head office, 35600000000048, is an ordinary Luhn number).

export const LA_POSTE_SIREN = '356000000';

/** Luhn checksum over a string of digits: true when the sum, doubling every second digit from the right, ends in 0. */
export function luhnValid(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  return luhnSum(digits) % 10 === 0;
}

function luhnSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += digits.charCodeAt(i) - 48;
  return sum;
}

/** Removes the spaces (including non-breaking ones) and dots people type in a SIREN or SIRET: "732 829 320 00074" -> "73282932000074". */
export function normaliseSiret(input: string): string {
  return input.replace(/[\s\u00a0\u202f.]/g, '');
}

export function isValidSiren(siren: string): boolean {
  return /^\d{9}$/.test(siren) && luhnValid(siren);
}

/** 14 digits whose first nine form a valid SIREN, with the Luhn check (or La Poste's sum-of-digits rule). */
export function isValidSiret(siret: string): boolean {
  if (!/^\d{14}$/.test(siret)) return false;
  const siren = siret.slice(0, 9);
  if (!isValidSiren(siren)) return false;
  if (luhnValid(siret)) return true;
  return siren === LA_POSTE_SIREN && digitSum(siret) % 5 === 0;
}

/**
 * Normalises then validates a SIRET typed by a person: the 14 digits, or a French sentence saying what is wrong.
 */
export function checkSiret(input: string): Result<string, string> {
  const siret = normaliseSiret(input);
  if (siret === '') return fail('Le SIRET est obligatoire.');
  if (!/^\d+$/.test(siret)) return fail('Le SIRET ne doit contenir que des chiffres.');
  if (siret.length !== 14) return fail(`Le SIRET doit comporter 14 chiffres (${siret.length} saisis).`);
  if (!isValidSiret(siret)) return fail('SIRET invalide (clé de contrôle incorrecte).');
  return ok(siret);
}

/**
 * Completes a 13-digit prefix (SIREN + 4 digits of the establishment number) with the one last digit
 * that makes a Luhn-valid SIRET. The prefix's SIREN must itself be valid. Used by the demo-data generator.
 */
export function completeSiret(prefix13: string): string {
  if (!/^\d{13}$/.test(prefix13)) throw new RangeError(`Expected 13 digits, got "${prefix13}"`);
  if (!isValidSiren(prefix13.slice(0, 9))) throw new RangeError(`Invalid SIREN in "${prefix13}"`);
  const check = (10 - (luhnSum(`${prefix13}0`) % 10)) % 10;
  return `${prefix13}${check}`;
}

/** Completes an 8-digit prefix into a valid SIREN with its Luhn check digit. */
export function completeSiren(prefix8: string): string {
  if (!/^\d{8}$/.test(prefix8)) throw new RangeError(`Expected 8 digits, got "${prefix8}"`);
  const check = (10 - (luhnSum(`${prefix8}0`) % 10)) % 10;
  return `${prefix8}${check}`;
}
