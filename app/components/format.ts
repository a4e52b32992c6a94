// French formatting helpers for the pages. Pure functions, usable on the server and in the browser.

const integerFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const dateFormat = new Intl.DateTimeFormat('fr-FR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'Europe/Paris',
});

/** The group separator of integerFormat (a narrow no-break space, U+202F, in current ICU data). */
const GROUP_SEPARATOR = integerFormat.formatToParts(1000).find((p) => p.type === 'group')?.value ?? '\u202f';

/**
 * 1234 -> « 1 234 » (with a narrow no-break space, as French typography wants). Safe integers (the counts
 * of the search page, hundreds per page) are grouped by hand with Intl's own separator, which is several
 * times cheaper than Intl.NumberFormat.format; other numbers go through Intl.
 */
export function formatInteger(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return integerFormat.format(n);
  const digits = String(Math.abs(n));
  if (digits.length <= 3) return n < 0 ? `-${digits}` : digits;
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += GROUP_SEPARATOR + digits.slice(i, i + 3);
  return n < 0 ? `-${grouped}` : grouped;
}

/** 12.34 -> « 12,3 ». */
export function formatDecimal(n: number): string {
  return decimalFormat.format(n);
}

/** « 0 fournisseur », « 1 fournisseur », « 1 234 fournisseurs » (French: 0 and 1 are singular). */
export function countLabel(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(n)} ${Math.abs(n) < 2 ? singular : plural}`;
}

/** « 21 novembre 2026 » from an ISO date or date-time; the input unchanged when it is not a date. */
export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date);
}

const dateTimeFormat = new Intl.DateTimeFormat('fr-FR', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Paris',
});

/** « 1 décembre 2026 à 10:00 » (Paris time) from a Date. */
export function formatDateTime(date: Date): string {
  return dateTimeFormat.format(date);
}

/** « 123 456 789 00012 »: SIREN then NIC, as printed on French documents. Other input is returned as is. */
export function formatSiret(siret: string): string {
  const digits = siret.replace(/\s+/g, '');
  if (!/^\d{14}$/.test(digits)) return siret;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6, 9)} ${digits.slice(9)}`;
}

/** French phone numbers in pairs (« 01 23 45 67 89 »); anything else is returned as is. */
export function formatPhone(phone: string): string {
  const digits = phone.replace(/[\s.-]/g, '');
  if (/^0\d{9}$/.test(digits)) return digits.replace(/(\d{2})(?=\d)/g, '$1 ');
  return phone;
}

/** A tel: URI: digits and a leading + only. */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** Only http(s) URLs become links; the visible text drops the scheme and the trailing slash. */
export function safeWebsite(url: string): { href: string; text: string } | null {
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
    return { href: parsed.href, text: parsed.href.replace(/^https?:\/\//, '').replace(/\/$/, '') };
  } catch {
    return null;
  }
}
