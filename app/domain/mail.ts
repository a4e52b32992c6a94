import { fail, ok, type Result } from './result';

// Outgoing mail, pure: the message the outbox stores, the check of a recipient address, and the one way to
// build a message: structured French parts (greeting, paragraphs, one call-to-action link, footer) turned into
// a plain-text and an HTML version, every value HTML-escaped, so no caller ever writes raw HTML.
// See docs/decisions/084-mail-outbox.md.

declare const composed: unique symbol;

/** A message ready for the outbox. Only composeMail builds one (the brand), so its HTML is always escaped. */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  readonly [composed]: true;
}

/** The parts of a message, in French; every string is plain text (escaped in the HTML version). */
export interface MailContent {
  subject: string;
  /** First line, e.g. « Bonjour Camille, » (default « Bonjour, »). */
  greeting?: string;
  paragraphs: string[];
  /** At most one button-like link; its URL must be absolute http(s). */
  action?: { label: string; url: string };
  /** Replaces the default footer (why the person receives this, do not reply). */
  footer?: string;
}

export const MAX_RECIPIENT_LENGTH = 254;
export const MAX_SUBJECT_LENGTH = 200;
export const DEFAULT_MAIL_FOOTER =
  'Vous recevez ce message automatique de Maillage à la suite d’une action faite avec cette adresse. Merci de ne pas y répondre.';

const SITE_SUFFIX = ' — Maillage';

/**
 * « text — Maillage », the text cut with « … » so that the whole fits MAX_SUBJECT_LENGTH (a tender's title alone
 * may take 200 characters, and composeMail refuses a longer subject).
 */
export function siteSubject(text: string): string {
  const room = MAX_SUBJECT_LENGTH - SITE_SUFFIX.length;
  const one = text.replace(/\s+/g, ' ').trim();
  return `${one.length > room ? `${one.slice(0, room - 1)}…` : one}${SITE_SUFFIX}`;
}

// One address, no display name: the local part of RFC 5322's dot-atom (no quoted strings), a domain of at
// least two labels of letters (accented letters included: nodemailer encodes them), digits and hyphens.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Checks one recipient address; the value is the trimmed address. Errors are French, for a form field. */
export function checkRecipient(input: string): Result<string, string> {
  const address = input.trim();
  if (address === '') return fail('Indiquez une adresse électronique.');
  if (address.length > MAX_RECIPIENT_LENGTH)
    return fail(`Adresse électronique trop longue (${MAX_RECIPIENT_LENGTH} caractères au plus).`);
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const labels = address.slice(at + 1).split('.');
  const valid =
    at > 0 &&
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    !/^\d+$/.test(labels[labels.length - 1]);
  return valid ? ok(address) : fail('Adresse électronique invalide : attendu une adresse comme nom@exemple.fr.');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** Line breaks and other control characters become spaces: a header or a one-line part stays one line. */
function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- the control characters are what this removes
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** A paragraph's lines kept, other control characters removed, CRLF made LF. */
function paragraphText(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex -- the control characters are what this removes
      .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ')
      .trim()
  );
}

function actionUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function htmlParagraph(text: string): string {
  return `<p style="margin:0 0 16px">${escapeHtml(text).replace(/\n/g, '<br>')}</p>`;
}

/**
 * Builds a message from its parts: the plain-text version (paragraphs separated by blank lines, the link as
 * « libellé : URL », the footer after the "-- " signature line) and the HTML version (the same words, escaped).
 * Fails, in French, on a bad recipient, an empty or too long subject, no paragraph, or a link that is not http(s).
 */
export function composeMail(recipient: string, content: MailContent): Result<MailMessage, string> {
  const to = checkRecipient(recipient);
  if (!to.ok) return to;
  const subject = oneLine(content.subject);
  if (subject === '') return fail('Le sujet du message est vide.');
  if (subject.length > MAX_SUBJECT_LENGTH)
    return fail(`Sujet du message trop long (${MAX_SUBJECT_LENGTH} caractères au plus).`);
  const paragraphs = content.paragraphs.map(paragraphText).filter((p) => p !== '');
  if (paragraphs.length === 0) return fail('Le message n’a aucun paragraphe.');
  let action: { label: string; url: string } | undefined;
  if (content.action) {
    const url = actionUrl(content.action.url);
    if (!url) return fail('Le lien du message doit être une adresse http(s) complète.');
    action = { label: oneLine(content.action.label) || url, url };
  }
  const greeting = oneLine(content.greeting ?? '') || 'Bonjour,';
  const footer = paragraphText(content.footer ?? DEFAULT_MAIL_FOOTER);

  const text = [greeting, ...paragraphs, ...(action ? [`${action.label} : ${action.url}`] : []), `-- \n${footer}`].join(
    '\n\n',
  );

  const html = [
    '<!DOCTYPE html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="margin:0;padding:24px;background:#ffffff;color:#1e1e1e;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">',
    '<div style="max-width:600px;margin:0 auto">',
    htmlParagraph(greeting),
    ...paragraphs.map(htmlParagraph),
    ...(action
      ? [
          `<p style="margin:24px 0"><a href="${escapeHtml(action.url)}" style="display:inline-block;padding:12px 20px;background:#000091;color:#ffffff;text-decoration:none;border-radius:4px">${escapeHtml(action.label)}</a></p>`,
          `<p style="margin:0 0 16px;font-size:14px;color:#3a3a3a">Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur : ${escapeHtml(action.url)}</p>`,
        ]
      : []),
    `<hr style="border:none;border-top:1px solid #dddddd;margin:24px 0">`,
    `<p style="margin:0;font-size:13px;color:#666666">${escapeHtml(footer).replace(/\n/g, '<br>')}</p>`,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');

  return ok({ to: to.value, subject, text, html } as MailMessage);
}
