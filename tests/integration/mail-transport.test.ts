import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { classifyFailure } from '../../app/domain/failure';
import { composeMail, type MailMessage } from '../../app/domain/mail';
import { parseEnv } from '../../app/env.server';
import {
  createFileTransport,
  createMailTransport,
  createSmtpTransport,
  emlFileName,
  redactSmtpUrl,
} from '../../app/services/mail/transport.server';
import { parseEml, type ParsedMessage } from '../support/eml';
import { closedPort } from '../support/net';
import { TMP_DIR } from '../support/paths';
import { startSmtpSink } from '../support/smtp-sink';

const FROM = 'Maillage <ne-pas-repondre@maillage.localhost>';
const SUBJECT = 'Réinitialisation de votre mot de passe — « Maillage » été';

const dirs: string[] = [];
function mailDir(): string {
  const dir = path.join(TMP_DIR, `mail-${process.pid}-${crypto.randomUUID()}`);
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function frenchMessage(): MailMessage {
  const result = composeMail('camille.dupont@exemple.fr', {
    subject: SUBJECT,
    greeting: 'Bonjour Camille,',
    paragraphs: ['Vous avez demandé à changer votre mot de passe sur Maillage.', 'Ce lien est valable 1 heure.'],
    action: { label: 'Choisir un nouveau mot de passe', url: 'https://maillage.example/compte/mot-de-passe?jeton=x' },
  });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** The checks both transports must pass: a valid multipart/alternative message in UTF-8 with both versions. */
function expectWellFormed(parsed: ParsedMessage, message: MailMessage): void {
  expect(parsed.headers.get('from')).toBe(FROM);
  expect(parsed.headers.get('to')).toBe('camille.dupont@exemple.fr');
  expect(parsed.headers.get('subject')).toBe(SUBJECT);
  expect(parsed.headers.get('mime-version')).toBe('1.0');
  expect(parsed.headers.get('message-id')).toMatch(/^<[^@>]+@maillage\.localhost>$/);
  expect(Number.isNaN(Date.parse(parsed.headers.get('date')!))).toBe(false);
  expect(parsed.headers.get('content-type')).toMatch(/^multipart\/alternative;/);
  expect(parsed.parts.map((p) => p.headers.get('content-type'))).toEqual([
    'text/plain; charset=utf-8',
    'text/html; charset=utf-8',
  ]);
  expect(parsed.parts[0].body.replace(/\r\n/g, '\n')).toBe(message.text);
  expect(parsed.parts[1].body.replace(/\r\n/g, '\n')).toBe(message.html);
}

describe('file transport', () => {
  it('writes a parseable .eml: UTF-8, multipart/alternative with both versions, the French subject encoded', async () => {
    const dir = mailDir();
    const transport = createFileTransport(dir, FROM);
    const message = frenchMessage();
    const before = new Date();
    await transport.send(message);
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-[0-9a-f]{12}\.eml$/);
    expect(file.slice(0, 24) >= before.toISOString().replace(/[:.]/g, '-')).toBe(true);
    const raw = fs.readFileSync(path.join(dir, file), 'utf8');
    // Headers are 7-bit: the subject travels as RFC 2047 encoded words.
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    expect(headerBlock).toMatch(/^Subject: =\?UTF-8\?[QB]\?/m);
    expect(/^[\x20-\x7e\r\n\t]*$/.test(headerBlock)).toBe(true);
    expectWellFormed(parseEml(raw), message);
  });

  it('creates the directory, leaves no temporary file, and names files in time order', async () => {
    const dir = path.join(mailDir(), 'sous', 'dossier');
    const transport = createFileTransport(dir, FROM);
    for (let i = 0; i < 3; i++) await transport.send(frenchMessage());
    const files = fs.readdirSync(dir);
    expect(files).toHaveLength(3);
    expect(files.every((f) => f.endsWith('.eml') && !f.startsWith('.'))).toBe(true);
    const a = emlFileName(new Date('2026-12-01T09:59:59.999Z'));
    const b = emlFileName(new Date('2026-12-01T10:00:00.000Z'));
    expect([b, a].sort()).toEqual([a, b]);
    expect(emlFileName(new Date(0))).not.toBe(emlFileName(new Date(0)));
  });

  it('fails with a named cause when the directory cannot be written, and leaves nothing behind', async () => {
    const parent = mailDir();
    fs.mkdirSync(parent, { recursive: true });
    const blocker = path.join(parent, 'fichier');
    fs.writeFileSync(blocker, 'pas un dossier');
    const transport = createFileTransport(path.join(blocker, 'mail'), FROM);
    const error = await transport.send(frenchMessage()).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    expect(classifyFailure(error).kind).not.toBe('internal');
    expect(fs.readdirSync(parent)).toEqual(['fichier']);
  });
});

describe('SMTP transport', () => {
  it('delivers the same well-formed message to a real SMTP server', async () => {
    const sink = await startSmtpSink();
    const transport = createSmtpTransport(sink.url, FROM);
    const message = frenchMessage();
    try {
      await transport.send(message);
      expect(sink.received).toHaveLength(1);
      expect(sink.received[0]).toMatchObject({
        from: 'ne-pas-repondre@maillage.localhost',
        to: ['camille.dupont@exemple.fr'],
      });
      expectWellFormed(parseEml(sink.received[0].data), message);
    } finally {
      transport.close();
      await sink.close();
    }
  });

  it('fails with the mail-unreachable cause, naming the server without its credentials, on a closed port', async () => {
    const port = await closedPort();
    const transport = createSmtpTransport(`smtp://utilisateur:secret@127.0.0.1:${port}`, FROM, { connectionMs: 2000 });
    expect(transport.target).toBe(`smtp://127.0.0.1:${port}`);
    const error = await transport.send(frenchMessage()).then(
      () => undefined,
      (e: unknown) => e,
    );
    const failure = classifyFailure(error, { url: transport.target });
    expect(failure).toMatchObject({ kind: 'mail-unreachable', exitCode: 17, code: 'ESOCKET' });
    expect(failure.message).toBe(
      `Serveur de messagerie injoignable ou connexion refusée (smtp://127.0.0.1:${port}) : vérifiez SMTP_URL (adresse, port, identifiants) et que le serveur est démarré ; les messages restent en attente. [ESOCKET]`,
    );
    expect(failure.message).not.toContain('secret');
    transport.close();
  });
});

describe('createMailTransport', () => {
  it('writes files into MAIL_DIR without SMTP_URL, and uses SMTP with it', () => {
    const files = createMailTransport(parseEnv({ MAIL_DIR: 'data/mail-test' }));
    expect(files).toMatchObject({ kind: 'file', target: path.resolve('data/mail-test') });
    const smtp = createMailTransport(parseEnv({ SMTP_URL: 'smtps://u:p@smtp.exemple.fr:465' }));
    expect(smtp).toMatchObject({ kind: 'smtp', target: 'smtps://smtp.exemple.fr:465' });
    smtp.close();
    expect(redactSmtpUrl('pas une url')).toBe('SMTP_URL');
  });
});
