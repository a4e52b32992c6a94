import { describe, expect, it } from 'vitest';
import { decideTender } from '../../app/services/tenders/moderation.server';
import { rankTenderMatches } from '../../app/services/tenders/matching.server';
import { saveAlertSetting } from '../../db/repositories/tender-alerts';
import { listTenderMatches } from '../../db/repositories/tender-matching';
import { changeTenderStatus, insertTender } from '../../db/repositories/tenders';
import { createTestDatabase, refuseInserts } from '../support/db';
import { ORIGIN, addMatchSupplier, publishTender, tenderDraft } from '../support/matching';
import { auditRows, buyerOrganisation, createUser, mailsTo } from '../support/organisations';

// The matching at publication (decisions 250, 251): the moderator's decideTender ranks the suppliers that fit
// (SQL pre-filter + the domain's rules), stores tender_matches with rank, score, reasons and channel, notifies
// every matched supplier organisation in the site, mails the owners and editors of those set to « immediate »
// within their daily cap (injected clock), and tells unclaimed suppliers nothing.

const database = createTestDatabase();
const { db } = database;
const NOW = new Date('2026-12-10T09:00:00Z');
const HOUR = 60 * 60 * 1000;

async function notificationsOf(organisationId: number) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
}

describe('matching at publication', () => {
  it('ranks the suppliers that fit, tells each as its setting says, and unclaimed ones nothing', async () => {
    const owner = await createUser(db);
    const editor = await createUser(db);
    const unverified = await createUser(db, { verified: false });
    const digestOwner = await createUser(db);
    const offOwner = await createUser(db);
    // Fits, charter verified, near: first. Owner and editor mailed.
    const a = await addMatchSupplier(db, {
      name: 'Alpha',
      charter: 'verified',
      commune: '69266',
      members: [
        { user: owner, role: 'owner' },
        { user: editor, role: 'editor' },
      ],
    });
    const b = await addMatchSupplier(db, { name: 'Beta', members: [{ user: digestOwner, role: 'owner' }] });
    await saveAlertSetting(db, b.organisationId!, { mode: 'digest', dailyCap: 5 }, NOW);
    const c = await addMatchSupplier(db, { name: 'Gamma', members: [{ user: offOwner, role: 'owner' }] });
    await saveAlertSetting(db, c.organisationId!, { mode: 'off', dailyCap: 5 }, NOW);
    const unclaimed = await addMatchSupplier(db, { name: 'Delta' });
    const nobodyToMail = await addMatchSupplier(db, {
      name: 'Epsilon',
      members: [{ user: unverified, role: 'owner' }],
    });
    // From Grenoble (38), a 120 km radius reaches Lyon: pre-filtered by its bounding box, kept by the exact rule.
    const radius = await addMatchSupplier(db, { commune: '38185', areas: [{ kind: 'radius', radiusKm: 120 }] });
    // Do not fit: unpublished, another sector, another département, a radius too short.
    const draft = await addMatchSupplier(db, { published: false });
    const otherSector = await addMatchSupplier(db, { sectors: ['restauration-collective'] });
    const otherPlace = await addMatchSupplier(db, { areas: [{ kind: 'departement', code: '38' }] });
    const short = await addMatchSupplier(db, { commune: '38185', areas: [{ kind: 'radius', radiusKm: 50 }] });

    const tenderId = await publishTender(db, {}, NOW);
    const matches = await listTenderMatches(db, tenderId);
    const ids = matches.map((m) => m.supplier_id);
    expect(ids[0]).toBe(a.supplierId);
    expect(new Set(ids)).toEqual(new Set([a, b, c, unclaimed, nobodyToMail, radius].map((s) => s.supplierId)));
    for (const s of [draft, otherSector, otherPlace, short]) expect(ids).not.toContain(s.supplierId);
    expect(matches.map((m) => m.rank)).toEqual(matches.map((_, i) => i + 1));
    const bySupplier = new Map(matches.map((m) => [m.supplier_id, m]));
    expect(bySupplier.get(a.supplierId)).toMatchObject({ channel: 'immediate', mailed_at: NOW.toISOString() });
    expect(bySupplier.get(a.supplierId)?.reasons).toContain('Charte vérifiée');
    expect(bySupplier.get(b.supplierId)).toMatchObject({ channel: 'digest', mailed_at: null });
    expect(bySupplier.get(c.supplierId)).toMatchObject({ channel: 'none', mailed_at: null });
    expect(bySupplier.get(unclaimed.supplierId)).toMatchObject({ channel: 'none' });
    expect(bySupplier.get(nobodyToMail.supplierId)).toMatchObject({ channel: 'none' });
    expect(bySupplier.get(radius.supplierId)?.reasons).toContain('Intervient dans un rayon de 120 km');

    // In-site: every matched organisation; mail: the owners and editors of the « immediate » one only.
    for (const org of [a, b, c, nobodyToMail])
      expect(await notificationsOf(org.organisationId!)).toEqual([
        expect.objectContaining({
          kind: 'tender-match',
          title: 'Nouvel appel d’offres pour vous : Nettoyage des écoles',
          link: `/appels-d-offres/${tenderId}`,
          read_at: null,
        }),
      ]);
    expect(await db.selectFrom('notifications').select('id').execute()).toHaveLength(4);
    for (const person of [owner, editor]) {
      const mails = await mailsTo(db, person.email);
      expect(mails).toHaveLength(1);
      expect(mails[0].subject).toBe('Un appel d’offres pour vous — Nettoyage des écoles — Maillage');
      expect(mails[0].text_body).toContain(`${ORIGIN}/appels-d-offres/${tenderId}`);
      expect(mails[0].text_body).toContain('Date limite de remise des offres : 20 janvier 2027 à 12:00');
      expect(mails[0].text_body).toContain(`${ORIGIN}/organisations/${a.organisationId}/alertes`);
    }
    for (const person of [digestOwner, offOwner, unverified]) expect(await mailsTo(db, person.email)).toEqual([]);
  });

  it('caps immediate mails per supplier over a sliding 24 hours, the rest left for the digest', async () => {
    const owner = await createUser(db);
    const s = await addMatchSupplier(db, {
      sectors: ['collecte-dechets'],
      members: [{ user: owner, role: 'owner' }],
    });
    await saveAlertSetting(db, s.organisationId!, { mode: 'immediate', dailyCap: 2 }, NOW);
    const channels: string[] = [];
    for (const at of [0, 1, 2, 25, 26]) {
      const id = await publishTender(db, { sectors: ['collecte-dechets'] }, new Date(NOW.getTime() + at * HOUR));
      channels.push((await listTenderMatches(db, id)).find((m) => m.supplier_id === s.supplierId)!.channel);
    }
    // 0 h, 1 h: mailed; 2 h: capped; 25 h: the 0 h mail left the window; 26 h: the 1 h one too, but 25 h counts.
    expect(channels).toEqual(['immediate', 'immediate', 'capped', 'immediate', 'immediate']);
    expect(await mailsTo(db, owner.email)).toHaveLength(4);
    expect(await notificationsOf(s.organisationId!)).toHaveLength(5);
  });

  it('matches nothing when the tender is sent back, and respects the reservation', async () => {
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const buyer = await buyerOrganisation(db, 'Métropole');
    const esat = await addMatchSupplier(db, { kind: 'ESAT', sectors: ['peinture-batiment'] });
    const ei = await addMatchSupplier(db, { kind: 'EI', sectors: ['peinture-batiment'] });
    const id = await insertTender(db, {
      organisationId: buyer,
      userId: moderator.id,
      draft: tenderDraft({ sectors: ['peinture-batiment'], reservation: 'L2113-12' }),
      now: NOW,
    });
    await changeTenderStatus(db, id, { from: 'draft', to: 'submitted', now: NOW, submittedAt: NOW.toISOString() });
    const actor = { userId: moderator.id, email: moderator.email };
    await decideTender(
      db,
      { tenderId: id, fields: { decision: 'reject', note: 'Précisez les lieux.' }, actor, origin: ORIGIN },
      NOW,
    );
    expect(await listTenderMatches(db, id)).toEqual([]);
    await changeTenderStatus(db, id, { from: 'draft', to: 'submitted', now: NOW, submittedAt: NOW.toISOString() });
    await decideTender(db, { tenderId: id, fields: { decision: 'publish' }, actor, origin: ORIGIN }, NOW);
    expect((await listTenderMatches(db, id)).map((m) => m.supplier_id)).toEqual([esat.supplierId]);
    expect(ei.supplierId).not.toBe(esat.supplierId);
  });

  it('publishes and announces in one transaction: a failing matching publishes nothing', async () => {
    const owner = await createUser(db);
    await addMatchSupplier(db, { sectors: ['elagage-abattage'], members: [{ user: owner, role: 'owner' }] });
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const buyer = await buyerOrganisation(db, 'Commune');
    const id = await insertTender(db, {
      organisationId: buyer,
      userId: moderator.id,
      draft: tenderDraft({ sectors: ['elagage-abattage'] }),
      now: NOW,
    });
    await changeTenderStatus(db, id, { from: 'draft', to: 'submitted', now: NOW, submittedAt: NOW.toISOString() });
    const allowInserts = await refuseInserts(database, 'tender_matches', 'disque plein');
    const actor = { userId: moderator.id, email: moderator.email };
    try {
      await expect(
        decideTender(db, { tenderId: id, fields: { decision: 'publish' }, actor, origin: ORIGIN }, NOW),
      ).rejects.toThrow('disque plein');
    } finally {
      await allowInserts();
    }
    const tender = await db
      .selectFrom('tenders')
      .select(['status', 'published_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    expect(tender).toEqual({ status: 'submitted', published_at: null });
    expect((await auditRows(db, 'tender.published')).filter((r) => r.subject_id === id)).toEqual([]);
    expect(await mailsTo(db, owner.email)).toEqual([]);
    // Retried, it goes through.
    await decideTender(db, { tenderId: id, fields: { decision: 'publish' }, actor, origin: ORIGIN }, NOW);
    expect(await listTenderMatches(db, id)).toHaveLength(1);
    expect(await mailsTo(db, owner.email)).toHaveLength(1);
  });

  it('resolves a département, a région and the whole country as the place', async () => {
    const sectors = ['accompagnement-social'];
    const dep = await addMatchSupplier(db, { sectors, commune: '69266', areas: [{ kind: 'departement', code: '69' }] });
    const region = await addMatchSupplier(db, { sectors, commune: '38185', areas: [{ kind: 'region', code: '84' }] });
    const national = await addMatchSupplier(db, { sectors, commune: '75056', areas: [{ kind: 'national' }] });
    const commune = await addMatchSupplier(db, { sectors, areas: [{ kind: 'commune', code: '69123' }] });
    const rank = async (placeKind: 'departement' | 'region' | 'national', placeCode: string | null) =>
      new Set(
        (await rankTenderMatches(db, { reservation: 'none', sectors, lots: [], placeKind, placeCode })).ranked.map(
          (m) => m.supplierId,
        ),
      );
    expect(await rank('departement', '69')).toEqual(new Set([dep.supplierId, region.supplierId, national.supplierId]));
    expect(await rank('region', '84')).toEqual(new Set([region.supplierId, national.supplierId]));
    expect(await rank('national', null)).toEqual(new Set([national.supplierId]));
    expect(commune.supplierId).toBeGreaterThan(0);
    expect(
      (
        await rankTenderMatches(db, {
          reservation: 'none',
          sectors,
          lots: [],
          placeKind: 'departement',
          placeCode: '00',
        })
      ).ranked,
    ).toEqual([]);
  });
});
