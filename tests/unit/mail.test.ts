import { describe, expect, it } from 'vitest';
import {
  checkRecipient,
  composeMail,
  DEFAULT_MAIL_FOOTER,
  escapeHtml,
  MAX_SUBJECT_LENGTH,
  siteSubject,
  type MailContent,
} from '../../app/domain/mail';

const CONTENT: MailContent = {
  subject: 'Confirmez votre adresse électronique',
  greeting: 'Bonjour Camille,',
  paragraphs: ['Votre compte Maillage est presque prêt.', 'Ce lien est valable 24 heures.'],
  action: { label: 'Confirmer mon adresse', url: 'https://maillage.example/compte/confirmer?jeton=abc' },
};

function compose(content: MailContent = CONTENT, to = 'camille@exemple.fr') {
  const result = composeMail(to, content);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

describe('checkRecipient', () => {
  it.each([
    'camille@exemple.fr',
    ' camille.dupont+achats@mairie-lyon.fr ',
    "o'neil@exemple.com",
    'achats@élysée.fr',
    'ne-pas-repondre@maillage.localhost',
  ])('accepts %s', (address) => {
    expect(checkRecipient(address)).toEqual({ ok: true, value: address.trim() });
  });

  it.each([
    ['', 'Indiquez une adresse électronique.'],
    ['camille', 'Adresse électronique invalide'],
    ['camille@', 'Adresse électronique invalide'],
    ['@exemple.fr', 'Adresse électronique invalide'],
    ['camille@exemple', 'Adresse électronique invalide'],
    ['camille@@exemple.fr', 'Adresse électronique invalide'],
    ['camille dupont@exemple.fr', 'Adresse électronique invalide'],
    ['camille..dupont@exemple.fr', 'Adresse électronique invalide'],
    ['.camille@exemple.fr', 'Adresse électronique invalide'],
    ['camille@-exemple.fr', 'Adresse électronique invalide'],
    ['camille@exemple..fr', 'Adresse électronique invalide'],
    ['camille@127.0.0.1', 'Adresse électronique invalide'],
    ['Camille <camille@exemple.fr>', 'Adresse électronique invalide'],
    ['a@exemple.fr, b@exemple.fr', 'Adresse électronique invalide'],
    ['camille@exemple.fr\r\nBcc: x@exemple.fr', 'Adresse électronique invalide'],
    [`${'a'.repeat(65)}@exemple.fr`, 'Adresse électronique invalide'],
    [`camille@${'a'.repeat(250)}.fr`, 'Adresse électronique trop longue'],
  ])('refuses %j in French', (address, message) => {
    const result = checkRecipient(address);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('escapeHtml', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});

describe('composeMail', () => {
  it('builds the plain-text version: greeting, paragraphs, the link as « libellé : URL », then the footer', () => {
    expect(compose().text).toBe(
      [
        'Bonjour Camille,',
        'Votre compte Maillage est presque prêt.',
        'Ce lien est valable 24 heures.',
        'Confirmer mon adresse : https://maillage.example/compte/confirmer?jeton=abc',
        `-- \n${DEFAULT_MAIL_FOOTER}`,
      ].join('\n\n'),
    );
  });

  it('builds the HTML version in French with the same words, one link and the footer', () => {
    const { html, subject, to } = compose();
    expect(to).toBe('camille@exemple.fr');
    expect(subject).toBe('Confirmez votre adresse électronique');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr">/);
    expect(html).toContain('<title>Confirmez votre adresse électronique</title>');
    expect(html).toContain('>Bonjour Camille,</p>');
    expect(html).toContain('>Votre compte Maillage est presque prêt.</p>');
    expect(html).toContain('<a href="https://maillage.example/compte/confirmer?jeton=abc"');
    expect(html).toContain('>Confirmer mon adresse</a>');
    expect(html).toContain(DEFAULT_MAIL_FOOTER);
    expect(html.match(/<a /g)).toHaveLength(1);
  });

  it('escapes every value in the HTML version, so no caller writes raw HTML', () => {
    const message = compose({
      subject: 'Bienvenue <b>Camille</b>',
      greeting: 'Bonjour "Camille" <script>alert(1)</script>,',
      paragraphs: ['Structure : Café & Cie <img src=x onerror=alert(1)>', "Ligne 1\nLigne 2 'citée'"],
      action: { label: '<i>Ouvrir</i>', url: 'https://maillage.example/a?b=1&c="2"' },
      footer: 'Pied <u>de</u> page',
    });
    expect(message.html).not.toMatch(/<(script|img|b|i|u)[ >]/);
    expect(message.html).toContain('Bonjour &quot;Camille&quot; &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(message.html).toContain('Café &amp; Cie &lt;img src=x onerror=alert(1)&gt;');
    expect(message.html).toContain('Ligne 1<br>Ligne 2 &#39;citée&#39;');
    expect(message.html).toContain('href="https://maillage.example/a?b=1&amp;c=%222%22"');
    expect(message.html).toContain('&lt;i&gt;Ouvrir&lt;/i&gt;</a>');
    expect(message.html).toContain('<title>Bienvenue &lt;b&gt;Camille&lt;/b&gt;</title>');
    // The plain-text version keeps the words as they are.
    expect(message.text).toContain('Structure : Café & Cie <img src=x onerror=alert(1)>');
  });

  it('keeps the subject on one line and drops empty paragraphs', () => {
    const message = compose({ subject: 'Objet\r\nBcc: x@exemple.fr', paragraphs: ['  ', 'Seul paragraphe.'] });
    expect(message.subject).toBe('Objet Bcc: x@exemple.fr');
    expect(message.text).toBe(`Bonjour,\n\nSeul paragraphe.\n\n-- \n${DEFAULT_MAIL_FOOTER}`);
  });

  it.each([
    ['a bad recipient', { ...CONTENT }, 'pas-une-adresse', 'Adresse électronique invalide'],
    ['an empty subject', { ...CONTENT, subject: ' \n ' }, 'a@exemple.fr', 'Le sujet du message est vide.'],
    ['a subject too long', { ...CONTENT, subject: 'x'.repeat(201) }, 'a@exemple.fr', 'Sujet du message trop long'],
    ['no paragraph', { ...CONTENT, paragraphs: [''] }, 'a@exemple.fr', 'Le message n’a aucun paragraphe.'],
    [
      'a javascript: link',
      { ...CONTENT, action: { label: 'x', url: 'javascript:alert(1)' } },
      'a@exemple.fr',
      'Le lien du message doit être une adresse http(s) complète.',
    ],
    [
      'a relative link',
      { ...CONTENT, action: { label: 'x', url: '/compte' } },
      'a@exemple.fr',
      'Le lien du message doit être une adresse http(s) complète.',
    ],
  ])('refuses %s', (_label, content, to, message) => {
    const result = composeMail(to, content);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(message);
  });
});

describe('siteSubject', () => {
  it('adds « — Maillage » to a short text', () => {
    expect(siteSubject('Nouvelle question — Nettoyage')).toBe('Nouvelle question — Nettoyage — Maillage');
  });

  it('cuts a long text so that composeMail accepts the subject', () => {
    const subject = siteSubject(`Votre besoin est publié — ${'x'.repeat(200)}`);
    expect(subject.length).toBe(MAX_SUBJECT_LENGTH);
    expect(subject.endsWith('… — Maillage')).toBe(true);
    expect(composeMail('a@example.fr', { subject, paragraphs: ['Bonjour'] }).ok).toBe(true);
  });
});
