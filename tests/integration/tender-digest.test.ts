import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../app/env.server';
import { runDailyJobIfDue } from '../../app/services/jobs/daily-jobs.server';
import { sendTenderDigests } from '../../app/services/tenders/digest.server';
import { saveAlertSetting } from '../../db/repositories/tender-alerts';
import { listTenderMatches } from '../../db/repositories/tender-matching';
import { createTestDatabase } from '../support/db';
import { ORIGIN, addMatchSupplier, publishTender } from '../support/matching';
import { createUser, mailsTo } from '../support/organisations';

// The daily digest (decision 251), run by the daily jobs runner (`tender-digest`, decision 144) with an injected
// clock: each organisation with matches left for it (setting « digest », or « immediate » over its cap) gets one
// mail per owner and editor listing the tenders still open; the matches are marked and last_digest_at set; a
// second run the next day has nothing to send.

const database = createTestDatabase();
const { db } = database;
const NOW = new Date('2026-12-10T09:00:00Z');
const HOUR = 60 * 60 * 1000;
const at = (hours: number) => new Date(NOW.getTime() + hours * HOUR);
const env = { ...parseEnv({}), SITE_URL: ORIGIN };

async function settingOf(organisationId: number) {
  return db
    .selectFrom('notification_settings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
}

describe('daily digest of tender alerts', () => {
  it('mails one digest per person with the open tenders, marks them, and sends nothing the next day', async () => {
    const owner = await createUser(db);
    const editor = await createUser(db);
    const s = await addMatchSupplier(db, {
      sectors: ['nettoyage-bureaux'],
      members: [
        { user: owner, role: 'owner' },
        { user: editor, role: 'editor' },
      ],
    });
    await saveAlertSetting(db, s.organisationId!, { mode: 'digest', dailyCap: 5 }, NOW);
    const first = await publishTender(db, { title: 'Nettoyage des crèches' }, at(1));
    const second = await publishTender(db, { title: 'Nettoyage des gymnases' }, at(2));
    // A tender whose deadline passes before the digest: marked, not listed.
    const gone = await publishTender(
      db,
      { title: 'Nettoyage express', submissionDeadline: at(5).toISOString() },
      at(3),
    );
    expect(await mailsTo(db, owner.email)).toEqual([]);

    expect(await runDailyJobIfDue(db, 'tender-digest', at(24), env)).toBe(true);
    for (const person of [owner, editor]) {
      const mails = await mailsTo(db, person.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('2 appels d’offres pour vous — récapitulatif Maillage');
      expect(mails[0].text_body).toContain('« Nettoyage des crèches » (Ville de Lyon)');
      expect(mails[0].text_body).toContain(`${ORIGIN}/appels-d-offres/${first}`);
      expect(mails[0].text_body).toContain(`${ORIGIN}/appels-d-offres/${second}`);
      expect(mails[0].text_body).not.toContain('Nettoyage express');
      expect(mails[0].text_body).toContain(`${ORIGIN}/organisations/${s.organisationId}/opportunites`);
    }
    for (const id of [first, second, gone])
      expect((await listTenderMatches(db, id)).find((m) => m.supplier_id === s.supplierId)).toMatchObject({
        channel: 'digest',
        mailed_at: at(24).toISOString(),
      });
    expect((await settingOf(s.organisationId!))?.last_digest_at).toBe(at(24).toISOString());
    const job = await db.selectFrom('job_runs').selectAll().where('name', '=', 'tender-digest').executeTakeFirst();
    expect(job).toMatchObject({ last_error: null, next_due_at: at(48).toISOString() });

    // Not due again before 24 h; the next day, nothing new to send.
    expect(await runDailyJobIfDue(db, 'tender-digest', at(30), env)).toBe(false);
    expect(await runDailyJobIfDue(db, 'tender-digest', at(48), env)).toBe(true);
    expect(await mailsTo(db, owner.email)).toHaveLength(1);
  });

  it('sends the capped matches of an « immediate » organisation, skips one turned off, and one with no match', async () => {
    const owner = await createUser(db);
    const capped = await addMatchSupplier(db, {
      sectors: ['collecte-dechets'],
      members: [{ user: owner, role: 'owner' }],
    });
    await saveAlertSetting(db, capped.organisationId!, { mode: 'immediate', dailyCap: 1 }, NOW);
    const offOwner = await createUser(db);
    const turnedOff = await addMatchSupplier(db, {
      sectors: ['collecte-dechets'],
      members: [{ user: offOwner, role: 'owner' }],
    });
    await saveAlertSetting(db, turnedOff.organisationId!, { mode: 'digest', dailyCap: 5 }, NOW);
    const quietOwner = await createUser(db);
    const quiet = await addMatchSupplier(db, {
      sectors: ['restauration-collective'],
      members: [{ user: quietOwner, role: 'owner' }],
    });

    const mailed = await publishTender(db, { sectors: ['collecte-dechets'], title: 'Collecte A' }, at(1));
    const over = await publishTender(db, { sectors: ['collecte-dechets'], title: 'Collecte B' }, at(2));
    expect((await listTenderMatches(db, over)).find((m) => m.supplier_id === capped.supplierId)?.channel).toBe(
      'capped',
    );
    await saveAlertSetting(db, turnedOff.organisationId!, { mode: 'off', dailyCap: 5 }, at(3));

    const result = await sendTenderDigests(db, at(20), ORIGIN);
    expect(result.mailedOrganisations).toEqual([capped.organisationId]);
    const mails = await mailsTo(db, owner.email);
    expect(mails.map((m) => m.subject)).toEqual([
      'Un appel d’offres pour vous — Collecte A — Maillage',
      'Un appel d’offres pour vous — récapitulatif Maillage',
    ]);
    expect(mails[1].text_body).toContain('« Collecte B »');
    expect(mails[1].text_body).not.toContain('« Collecte A »');
    expect(await mailsTo(db, offOwner.email)).toEqual([]);
    expect(await mailsTo(db, quietOwner.email)).toEqual([]);
    expect((await settingOf(turnedOff.organisationId!))?.last_digest_at).toBeNull();
    expect(await settingOf(quiet.organisationId!)).toBeUndefined();
    // Everything pending was handled: the capped match mailed, the turned-off one marked without a mail.
    const pending = await db
      .selectFrom('tender_matches')
      .select('supplier_id')
      .where('channel', 'in', ['digest', 'capped'])
      .where('mailed_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
    expect(mailed).toBeLessThan(over);
  });
});
