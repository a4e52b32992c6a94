import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Env } from '../../env.server';

// How a message leaves Maillage (docs/decisions/084-mail-outbox.md): through an SMTP server when SMTP_URL is
// set, otherwise as one .eml file per message in MAIL_DIR (development, demos, tests). Both build the message
// with nodemailer: RFC 5322, UTF-8, multipart/alternative with the plain-text and HTML versions.

/** What a transport sends: one recipient, the subject, and the two versions built by app/domain/mail.ts. */
export interface OutgoingMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  /** Where messages go, for logs and failure messages: the SMTP URL without credentials, or the directory. */
  readonly target: string;
  /** Sends one message; rejects when the transport did not take it (the sender retries later). */
  send(message: OutgoingMessage): Promise<void>;
  close(): void;
}

/** An SMTP URL without its user name, password, path or query: safe to log and to show in /healthz. */
export function redactSmtpUrl(smtpUrl: string): string {
  try {
    const url = new URL(smtpUrl);
    return `${url.protocol}//${url.host}`;
  } catch {
    return 'SMTP_URL';
  }
}

/** The full message (headers and MIME parts, CRLF line ends), as the .eml file holds it. */
export async function buildRawMessage(from: string, message: OutgoingMessage): Promise<Buffer> {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  const info = await builder.sendMail({
    from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
  });
  // `buffer: true` makes the message a Buffer (a stream otherwise).
  if (!Buffer.isBuffer(info.message)) throw new TypeError('nodemailer did not return the message as a Buffer');
  return info.message;
}

/** A file name that sorts by time (UTC, to the millisecond), with a random part so two never collide. */
export function emlFileName(now: Date = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${crypto.randomBytes(6).toString('hex')}.eml`;
}

/**
 * Writes each message as an .eml file into `dir` (created when missing), atomically: a hidden temporary file
 * in the same directory, renamed once complete, so a reader never sees half a message.
 */
export function createFileTransport(dir: string, from: string): MailTransport {
  const target = path.resolve(dir);
  return {
    kind: 'file',
    target,
    async send(message) {
      const raw = await buildRawMessage(from, message);
      await fs.mkdir(target, { recursive: true });
      const file = path.join(target, emlFileName());
      const temporary = path.join(target, `.${path.basename(file)}.tmp`);
      try {
        await fs.writeFile(temporary, raw, { flag: 'wx' });
        await fs.rename(temporary, file);
      } catch (error) {
        await fs.rm(temporary, { force: true }).catch(() => undefined);
        throw error;
      }
    },
    close() {},
  };
}

/**
 * Sends through the SMTP server of `smtpUrl` (smtp:// with STARTTLS when the server offers it, or smtps://),
 * one connection per message. Timeouts are short so a server that does not answer fails the attempt in
 * seconds instead of minutes, and the sender backs off.
 */
export function createSmtpTransport(
  smtpUrl: string,
  from: string,
  timeouts: { connectionMs?: number; socketMs?: number } = {},
): MailTransport {
  const transporter = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: timeouts.connectionMs ?? 10_000,
    greetingTimeout: timeouts.connectionMs ?? 10_000,
    socketTimeout: timeouts.socketMs ?? 30_000,
  });
  return {
    kind: 'smtp',
    target: redactSmtpUrl(smtpUrl),
    async send(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html,
      });
    },
    close() {
      transporter.close();
    },
  };
}

/** SMTP when SMTP_URL is set, else .eml files in MAIL_DIR. */
export function createMailTransport(env: Pick<Env, 'SMTP_URL' | 'MAIL_DIR' | 'MAIL_FROM'>): MailTransport {
  return env.SMTP_URL
    ? createSmtpTransport(env.SMTP_URL, env.MAIL_FROM)
    : createFileTransport(env.MAIL_DIR, env.MAIL_FROM);
}
