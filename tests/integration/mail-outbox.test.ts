import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { composeMail, type MailMessage } from '../../app/domain/mail';
import { drainMail, MAIL_RETRY_BASE_MS, retryDelayMs, startMailWorker } from '../../app/services/mail/sender.server';
import { createFileTransport, createSmtpTransport, type MailTransport } from '../../app/services/mail/transport.server';
import { claimDueMail, enqueueMail, releaseMail } from '../../db/repositories/mail-outbox';
import { readQueueLag } from '../../db/repositories/queue-lag';
import { createTestDatabase } from '../support/db';
import { parseEml } from '../support/eml';
import { closedPort } from '../support/net';
import { TMP_DIR } from '../support/paths';
import { startSmtpSink } from '../support/smtp-sink';

const FROM = 'Maillage <ne-pas-repondre@maillage.localhost>';
const database = createTestDatabase();
const { db } = database;

const dirs: string[] = [];
function mailDir(): string {
  const dir = path.join(TMP_DIR, `mail-${process.pid}-${crypto.randomUUID()}`);
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function message(to: string, subject = 'Bienvenue sur Maillage'): MailMessage {
  const result = composeMail(to, { subject, paragraphs: [`Bonjour ${to}, votre compte est créé.`] });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

async function clearOutbox(): Promise<void> {
  await db.deleteFrom('mail_outbox').execute();
}

function emlFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
}

describe('enqueueMail', () => {
  it('writes nothing when the transaction it was called in rolls back', async () => {
    await clearOutbox();
    await expect(
      db.transaction().execute(async (trx) => {
        await enqueueMail(trx, message('camille@exemple.fr'));
        throw new Error('the action failed after enqueueing');
      }),
    ).rejects.toThrow('the action failed after enqueueing');
    expect(await readQueueLag(db, 'mail_outbox')).toEqual({
      pending: 0,
      failing: 0,
      oldestCreatedAt: null,
      lastError: null,
    });
  });

  it('writes the message, due at once, when the transaction commits', async () => {
    await clearOutbox();
    const now = new Date('2026-12-01T10:00:00.000Z');
    const id = await db.transaction().execute((trx) => enqueueMail(trx, message('camille@exemple.fr'), now));
    const row = await db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      recipient: 'camille@exemple.fr',
      subject: 'Bienvenue sur Maillage',
      created_at: now.toISOString(),
      next_attempt_at: now.toISOString(),
      attempts: 0,
      last_error: null,
    });
    expect(row.text_body).toContain('votre compte est créé.');
    expect(row.html_body).toContain('<html lang="fr">');
  });
});

describe('claimDueMail', () => {
  it('claims due messages once, oldest first, until their lease ends or they are released', async () => {
    await clearOutbox();
    const t0 = new Date('2026-12-01T10:00:00.000Z');
    const a = await enqueueMail(db, message('a@exemple.fr'), t0);
    const b = await enqueueMail(db, message('b@exemple.fr'), new Date(t0.getTime() + 1000));
    await enqueueMail(db, message('futur@exemple.fr'), new Date(t0.getTime() + 3_600_000));
    const now = new Date(t0.getTime() + 60_000);
    const leaseUntil = new Date(now.getTime() + 300_000);

    const first = await claimDueMail(db, { limit: 10, now, leaseUntil });
    expect(first.map((m) => m.recipient)).toEqual(['a@exemple.fr', 'b@exemple.fr']);
    expect(await claimDueMail(db, { limit: 10, now, leaseUntil })).toEqual([]);

    await releaseMail(db, [b], now);
    expect((await claimDueMail(db, { limit: 10, now, leaseUntil })).map((m) => m.id)).toEqual([b]);
    const afterLease = new Date(leaseUntil.getTime() + 1);
    expect((await claimDueMail(db, { limit: 1, now: afterLease, leaseUntil: afterLease })).map((m) => m.id)).toEqual([
      a,
    ]);
  });
});

describe('drainMail', () => {
  it('sends each due message once and removes it from the outbox', async () => {
    await clearOutbox();
    const dir = mailDir();
    const transport = createFileTransport(dir, FROM);
    await enqueueMail(db, message('a@exemple.fr'));
    await enqueueMail(db, message('b@exemple.fr'));

    expect(await drainMail(db, transport)).toEqual({ claimed: 2, sent: 2, failed: 0, released: 0 });
    expect(await drainMail(db, transport)).toEqual({ claimed: 0, sent: 0, failed: 0, released: 0 });
    const files = emlFiles(dir);
    expect(files).toHaveLength(2);
    const recipients = files.map((f) => parseEml(fs.readFileSync(path.join(dir, f), 'utf8')).headers.get('to'));
    expect(recipients.sort()).toEqual(['a@exemple.fr', 'b@exemple.fr']);
    expect((await readQueueLag(db, 'mail_outbox')).pending).toBe(0);
  });

  it('keeps a message the SMTP server cannot take, with the cause and a backed-off next attempt', async () => {
    await clearOutbox();
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    const down = createSmtpTransport(url, FROM, { connectionMs: 2000 });
    const first = await enqueueMail(db, message('a@exemple.fr'));
    const second = await enqueueMail(db, message('b@exemple.fr'));
    const now = new Date();

    const result = await drainMail(db, down, { now: () => now });
    expect(result).toMatchObject({ claimed: 2, sent: 0, failed: 1, released: 1 });
    const rows = await db.selectFrom('mail_outbox').selectAll().orderBy('id').execute();
    expect(rows[0]).toMatchObject({
      id: first,
      attempts: 1,
      next_attempt_at: new Date(now.getTime() + MAIL_RETRY_BASE_MS).toISOString(),
    });
    expect(rows[0].last_error).toMatch(
      new RegExp(
        `^Serveur de messagerie injoignable ou connexion refusée \\(${url.replace(/[.]/g, '\\.')}\\).*\\[ESOCKET\\]$`,
      ),
    );
    // The second was not tried: the server being down concerns every message.
    expect(rows[1]).toMatchObject({ id: second, attempts: 0, last_error: null, next_attempt_at: now.toISOString() });
    expect(await readQueueLag(db, 'mail_outbox')).toMatchObject({
      pending: 2,
      failing: 1,
      lastError: rows[0].last_error,
    });

    // The first is not due again before its back-off; once due, a working transport sends both.
    const dir = mailDir();
    const files = createFileTransport(dir, FROM);
    expect(await drainMail(db, files, { now: () => now })).toMatchObject({ claimed: 1, sent: 1 });
    const later = new Date(now.getTime() + MAIL_RETRY_BASE_MS);
    expect(await drainMail(db, files, { now: () => later })).toMatchObject({ claimed: 1, sent: 1 });
    expect(emlFiles(dir)).toHaveLength(2);
    expect(await readQueueLag(db, 'mail_outbox')).toMatchObject({ pending: 0, failing: 0 });
  });

  it('goes on with the batch after a failure that concerns one message only (a refused recipient)', async () => {
    await clearOutbox();
    const sink = await startSmtpSink({ reject: ['inconnu@exemple.fr'] });
    const smtp = createSmtpTransport(sink.url, FROM);
    try {
      await enqueueMail(db, message('a@exemple.fr'));
      await enqueueMail(db, message('inconnu@exemple.fr'));
      await enqueueMail(db, message('c@exemple.fr'));
      expect(await drainMail(db, smtp)).toMatchObject({ claimed: 3, sent: 2, failed: 1, released: 0 });
      expect(sink.received.map((m) => m.to)).toEqual([['a@exemple.fr'], ['c@exemple.fr']]);
      const kept = await db.selectFrom('mail_outbox').selectAll().executeTakeFirstOrThrow();
      expect(kept).toMatchObject({ recipient: 'inconnu@exemple.fr', attempts: 1 });
      expect(kept.last_error).toBe(
        `Message refusé par le serveur de messagerie (${sink.url}) : Can't send mail - all recipients were rejected: 550 5.1.1 No such user ; il sera réessayé plus tard. [EENVELOPE]`,
      );
    } finally {
      smtp.close();
      await sink.close();
    }
  });

  it('doubles the wait after each failure of a message, up to an hour', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(50)).toBe(3_600_000);
  });
});

describe('startMailWorker', () => {
  it('sends what is due at start and what is enqueued later, each once', async () => {
    await clearOutbox();
    const dir = mailDir();
    await enqueueMail(db, message('a@exemple.fr'));
    const worker = startMailWorker(db, createFileTransport(dir, FROM), { intervalMs: 20 });
    try {
      await expect.poll(() => emlFiles(dir).length, { timeout: 5000, interval: 20 }).toBe(1);
      await db.transaction().execute((trx) => enqueueMail(trx, message('b@exemple.fr')));
      await expect.poll(() => emlFiles(dir).length, { timeout: 5000, interval: 20 }).toBe(2);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(emlFiles(dir)).toHaveLength(2);
      // Polled: with a 20 ms interval the next (empty) drain may be running when the status is read, more so when
      // each query is a round trip to PostgreSQL.
      await expect
        .poll(() => worker.status(), { timeout: 5000, interval: 5 })
        .toMatchObject({ state: 'idle', consecutiveFailures: 0, lastError: null });
      expect(worker.status().lastSuccessAt).not.toBeNull();
    } finally {
      await worker.stop();
    }
    expect(worker.status().state).toBe('stopped');
  });

  it('never runs two drains at once', async () => {
    await clearOutbox();
    const dir = mailDir();
    const files = createFileTransport(dir, FROM);
    let inFlight = 0;
    let maxInFlight = 0;
    // The real file transport, made slow: ticks come every 5 ms while one message takes 40 ms.
    const slow: MailTransport = {
      ...files,
      async send(outgoing) {
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 40));
        await files.send(outgoing);
        inFlight--;
      },
    };
    for (const to of ['a@exemple.fr', 'b@exemple.fr', 'c@exemple.fr', 'd@exemple.fr'])
      await enqueueMail(db, message(to));
    const worker = startMailWorker(db, slow, { intervalMs: 5, batchSize: 2 });
    try {
      await expect.poll(() => emlFiles(dir).length, { timeout: 5000, interval: 20 }).toBe(4);
    } finally {
      await worker.stop();
    }
    expect(maxInFlight).toBe(1);
    expect(emlFiles(dir)).toHaveLength(4);
  });

  it('backs off while the SMTP server is down, keeps the cause in its state, and recovers', async () => {
    await clearOutbox();
    const url = `smtp://127.0.0.1:${await closedPort()}`;
    await enqueueMail(db, message('a@exemple.fr'));
    const errors: string[] = [];
    const worker = startMailWorker(db, createSmtpTransport(url, FROM, { connectionMs: 2000 }), {
      intervalMs: 10,
      retryBaseMs: 1,
      onError: (_error, failure) => errors.push(failure.kind),
    });
    try {
      await expect
        .poll(() => worker.status().consecutiveFailures, { timeout: 10_000, interval: 20 })
        .toBeGreaterThan(1);
      const status = worker.status();
      expect(status).toMatchObject({ state: 'failing' });
      expect(status.lastError).toContain(`Serveur de messagerie injoignable ou connexion refusée (${url})`);
      expect(Date.parse(status.nextAttemptAt!)).toBeGreaterThan(Date.parse(status.lastErrorAt!));
      expect(new Set(errors)).toEqual(new Set(['mail-unreachable']));
    } finally {
      await worker.stop();
    }
    expect((await readQueueLag(db, 'mail_outbox')).failing).toBe(1);

    const sink = await startSmtpSink();
    await db.updateTable('mail_outbox').set({ next_attempt_at: new Date().toISOString() }).execute();
    const smtp = createSmtpTransport(sink.url, FROM);
    const recovered = startMailWorker(db, smtp, { intervalMs: 10 });
    try {
      await expect.poll(() => sink.received.length, { timeout: 5000, interval: 20 }).toBe(1);
      await expect.poll(() => recovered.status().state, { timeout: 5000, interval: 20 }).toBe('idle');
      expect((await readQueueLag(db, 'mail_outbox')).pending).toBe(0);
    } finally {
      await recovered.stop();
      smtp.close();
      await sink.close();
    }
  });
});
