import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { composeMail, type MailMessage } from '../../app/domain/mail';
import { drainMail } from '../../app/services/mail/sender.server';
import type { MailTransport } from '../../app/services/mail/transport.server';
import { claimDueMail, enqueueMail } from '../../db/repositories/mail-outbox';
import { createTestDatabase, openAgain, testsOnPostgres } from '../support/db';

// Several senders on one outbox (docs/decisions/350): two instances, each with its own connection, never send
// the same message twice; on PostgreSQL they claim disjoint messages without waiting for each other.

const database = createTestDatabase();
const { db } = database;
const other = openAgain(database);
afterAll(() => other.close());

function message(to: string): MailMessage {
  const result = composeMail(to, { subject: 'Bienvenue sur Maillage', paragraphs: [`Bonjour ${to}.`] });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** A transport that keeps what it was given, slowly enough that two senders' drains overlap. */
function recordingTransport(sent: string[]): MailTransport {
  return {
    kind: 'file',
    target: 'mémoire',
    async send(m) {
      await new Promise((resolve) => setImmediate(resolve));
      sent.push(m.to);
    },
    close() {},
  };
}

describe('two senders on one outbox', () => {
  it('send every message exactly once between them', async () => {
    await db.deleteFrom('mail_outbox').execute();
    const recipients = Array.from({ length: 40 }, (_, i) => `personne${i}@exemple.fr`);
    for (const to of recipients) await enqueueMail(db, message(to));
    const sentA: string[] = [];
    const sentB: string[] = [];
    const drainAll = async (handle: typeof db, sent: string[]) => {
      for (;;) {
        const result = await drainMail(handle, recordingTransport(sent), { batchSize: 3 });
        if (result.claimed === 0) return;
      }
    };
    await Promise.all([drainAll(db, sentA), drainAll(other.db, sentB)]);

    expect([...sentA, ...sentB].sort()).toEqual([...recipients].sort());
    expect(await db.selectFrom('mail_outbox').select('id').execute()).toEqual([]);
  });

  it.runIf(testsOnPostgres())(
    'on PostgreSQL, a sender skips the messages another holds in an open transaction instead of waiting',
    async () => {
      await db.deleteFrom('mail_outbox').execute();
      const t0 = new Date('2026-12-02T10:00:00.000Z');
      for (const to of ['a@exemple.fr', 'b@exemple.fr', 'c@exemple.fr', 'd@exemple.fr'])
        await enqueueMail(db, message(to), t0);
      const now = new Date(t0.getTime() + 1000);
      const leaseUntil = new Date(now.getTime() + 300_000);
      // A claim that waited on A's row locks would fail here instead of returning.
      await sql`set lock_timeout = '3s'`.execute(other.db);

      const [first, second] = await db.transaction().execute(async (trx) => {
        const mine = await claimDueMail(trx, { limit: 2, now, leaseUntil });
        const theirs = await claimDueMail(other.db, { limit: 10, now, leaseUntil });
        return [mine, theirs];
      });

      expect(first.map((m) => m.recipient)).toEqual(['a@exemple.fr', 'b@exemple.fr']);
      expect(second.map((m) => m.recipient)).toEqual(['c@exemple.fr', 'd@exemple.fr']);
      expect(await claimDueMail(other.db, { limit: 10, now, leaseUntil })).toEqual([]);
    },
  );
});
