import { beforeAll, describe, expect, it } from 'vitest';
import { AWARD_MESSAGES, NOT_RETAINED_REASON } from '../../app/domain/tenders/award';
import { action } from '../../app/routes/organisations.$orgId.appels-d-offres.$tenderId_.offres';
import { loader as publicLoader } from '../../app/routes/appels-d-offres.$id';
import { createTestDatabase } from '../support/db';
import {
  bidLot,
  bidder,
  buyerWithMembers,
  insertBid,
  insertTender,
  notificationsOf,
  tenderRow,
  writeCounts,
  type Bidder,
  type Buyer,
} from '../support/buyer-bids';
import { auditRows, formArgs, loaderArgs, mailsTo } from '../support/organisations';
import { asData, run, setPageContext } from '../support/pages';

// The buyer's decisions per bid and lot (decisions 257–258), through the page's action: every bad input refused
// with its message and nothing written; shortlist, reject, award (the others rejected « Offre non retenue »),
// unsuccessful lots; each one audited and told to the bidders (in the site, and by mail to their owners); the
// tender awarded (or cancelled) once every lot has an outcome; nothing twice on a lot.

const database = createTestDatabase();
const { db } = database;
let buyer: Buyer;

beforeAll(async () => {
  setPageContext(database);
  buyer = await buyerWithMembers(db);
});

const pagePath = (tenderId: number) => `/organisations/${buyer.orgId}/appels-d-offres/${tenderId}/offres`;

function post(tenderId: number, fields: Record<string, string>) {
  const params = { orgId: String(buyer.orgId), tenderId: String(tenderId) };
  return run(() => action(formArgs(pagePath(tenderId), fields, buyer.editor.cookie, params)));
}

async function refused(tenderId: number, fields: Record<string, string>) {
  const { status, data } = asData(await post(tenderId, fields));
  expect(status).toBe(400);
  return data.issues as { field: string; message: string }[];
}

async function decided(tenderId: number, fields: Record<string, string>) {
  const answer = (await post(tenderId, fields)) as Response;
  expect(answer.status).toBe(302);
  expect(answer.headers.get('Location')).toBe(`${pagePath(tenderId)}?fait=${fields.intent}`);
}

/** A tender past its deadline (still stored `published`: the hourly job has not run) with three lots and bids. */
async function scenario() {
  const tenderId = await insertTender(db, { orgId: buyer.orgId, lots: 3, title: 'Espaces verts' });
  const [a, b, c] = [await bidder(db), await bidder(db), await bidder(db)];
  const groupement = await insertBid(db, {
    tenderId,
    members: [a, b],
    lots: [
      { lot: 1, priceCents: 30_000_00 },
      { lot: 2, priceCents: 20_000_00 },
    ],
  });
  const alone = await insertBid(db, {
    tenderId,
    members: [c],
    lots: [
      { lot: 1, priceCents: 28_000_00 },
      { lot: 2, priceCents: 21_000_00 },
    ],
  });
  return { tenderId, a, b, c, groupement, alone };
}

const kinds = async (member: Bidder) => (await notificationsOf(db, member.organisationId)).map((n) => n.title);

describe('bad decisions are refused and write nothing', () => {
  it('refuses unknown intents, lots, bids and bad reasons', async () => {
    const { tenderId, groupement } = await scenario();
    const other = await insertTender(db, { orgId: buyer.orgId });
    const foreignBid = await insertBid(db, {
      tenderId: other,
      members: [await bidder(db)],
      lots: [{ lot: 1, priceCents: 1 }],
    });
    const before = await writeCounts(db);
    const bid = String(groupement);
    expect(await refused(tenderId, { intent: 'supprimer', lot: '1', bidId: bid })).toEqual([
      { field: '', message: AWARD_MESSAGES.intentUnknown },
    ]);
    for (const lot of ['', '0', '4', 'abc'])
      expect(await refused(tenderId, { intent: 'shortlist', lot, bidId: bid })).toEqual([
        { field: '', message: AWARD_MESSAGES.lotUnknown },
      ]);
    for (const bidId of ['', 'x', String(foreignBid), '99999'])
      expect(await refused(tenderId, { intent: 'award', lot: '1', bidId })).toEqual([
        { field: '', message: AWARD_MESSAGES.bidNotOnLot },
      ]);
    // The groupement does not answer lot 3.
    expect(await refused(tenderId, { intent: 'shortlist', lot: '3', bidId: bid })).toEqual([
      { field: '', message: AWARD_MESSAGES.bidNotOnLot },
    ]);
    expect(await refused(tenderId, { intent: 'reject', lot: '1', bidId: bid, reason: '' })).toEqual([
      { field: 'reason', message: AWARD_MESSAGES.reasonRequired },
    ]);
    expect(await refused(tenderId, { intent: 'reject', lot: '1', bidId: bid, reason: 'Trop cher' })).toEqual([
      { field: 'reason', message: AWARD_MESSAGES.reasonTooShort },
    ]);
    expect(await refused(tenderId, { intent: 'unsuccessful', lot: '3', reason: 'y'.repeat(1001) })).toEqual([
      { field: 'reason', message: AWARD_MESSAGES.reasonTooLong },
    ]);
    expect(await writeCounts(db)).toEqual(before);
    expect((await tenderRow(db, tenderId)).status).toBe('published');
  });
});

describe('deciding lot by lot', () => {
  it('shortlists, rejects with a reason, awards, declares a lot unsuccessful, then awards the tender', async () => {
    const { tenderId, a, b, c, groupement, alone } = await scenario();

    await decided(tenderId, { intent: 'shortlist', lot: '1', bidId: String(groupement) });
    expect(await bidLot(db, groupement, 1)).toMatchObject({ decision: 'shortlisted', decision_reason: null });
    expect(await kinds(a)).toEqual(['Offre présélectionnée — Espaces verts']);
    expect(await kinds(b)).toEqual(['Offre présélectionnée — Espaces verts']);
    expect((await mailsTo(db, b.owner.email)).map((m) => m.subject)).toEqual([
      'Offre présélectionnée — Espaces verts — Maillage',
    ]);
    expect(await refused(tenderId, { intent: 'shortlist', lot: '1', bidId: String(groupement) })).toEqual([
      { field: '', message: AWARD_MESSAGES.alreadyShortlisted },
    ]);

    const reason = 'Le prix du lot 2 dépasse le budget prévu.';
    await decided(tenderId, { intent: 'reject', lot: '2', bidId: String(alone), reason });
    expect(await bidLot(db, alone, 2)).toMatchObject({ decision: 'rejected', decision_reason: reason });
    expect((await mailsTo(db, c.owner.email)).at(-1)?.text_body).toContain(reason);
    expect(await refused(tenderId, { intent: 'award', lot: '2', bidId: String(alone) })).toEqual([
      { field: '', message: AWARD_MESSAGES.cannotAwardRejected },
    ]);

    // Awarding lot 1 to the groupement rejects the other bid on lot 1 automatically.
    await decided(tenderId, { intent: 'award', lot: '1', bidId: String(groupement) });
    expect(await bidLot(db, groupement, 1)).toMatchObject({ decision: 'awarded' });
    expect(await bidLot(db, alone, 1)).toMatchObject({ decision: 'rejected', decision_reason: NOT_RETAINED_REASON });
    expect(await kinds(c)).toEqual(['Offre non retenue — Espaces verts', 'Offre non retenue — Espaces verts']);
    expect(await kinds(a)).toContain('Offre retenue — Espaces verts');
    const outcome = await db.selectFrom('tender_lot_outcomes').selectAll().where('tender_id', '=', tenderId).execute();
    expect(outcome).toMatchObject([{ lot_number: 1, outcome: 'awarded', decided_by_user_id: buyer.editor.id }]);
    for (const fields of <Record<string, string>[]>[
      { intent: 'award', lot: '1', bidId: String(groupement) },
      { intent: 'reject', lot: '1', bidId: String(groupement), reason: 'Changement d’avis du service.' },
      { intent: 'unsuccessful', lot: '1', reason: 'Changement d’avis du service.' },
    ])
      expect(await refused(tenderId, fields)).toEqual([{ field: '', message: AWARD_MESSAGES.lotAwarded }]);
    expect((await tenderRow(db, tenderId)).status).toBe('published');

    await decided(tenderId, { intent: 'award', lot: '2', bidId: String(groupement) });
    // Lot 3 had no bid: declared unsuccessful, the last outcome awards the tender.
    await decided(tenderId, { intent: 'unsuccessful', lot: '3', reason: 'Aucune offre reçue pour ce lot.' });
    const row = await tenderRow(db, tenderId);
    expect(row.status).toBe('awarded');
    expect(row.awarded_at).not.toBeNull();
    expect(row.closed_at).not.toBeNull();
    expect((await auditRows(db, 'tender.awarded')).at(-1)).toMatchObject({ subject_id: tenderId });
    expect((await auditRows(db, 'tender.bid-awarded')).filter((r) => r.subject_id === tenderId)).toHaveLength(2);
    expect((await auditRows(db, 'tender.bid-rejected')).filter((r) => r.subject_id === tenderId)).toHaveLength(1);
    expect(await refused(tenderId, { intent: 'shortlist', lot: '2', bidId: String(alone) })).toEqual([
      { field: '', message: AWARD_MESSAGES.tenderAwarded },
    ]);

    const shown = await publicLoader(loaderArgs(`/appels-d-offres/${tenderId}`, undefined, { id: String(tenderId) }));
    expect(shown.tender.status).toBe('awarded');
    expect(shown.extras.award).toMatchObject([
      {
        number: 1,
        outcome: 'awarded',
        groupement: true,
        winners: [
          { name: a.name, role: 'mandataire' },
          { name: b.name, role: 'membre' },
        ],
      },
      { number: 2, outcome: 'awarded' },
      { number: 3, outcome: 'unsuccessful', winners: [] },
    ]);
  });

  it('cancels the tender with the reasons when every lot is unsuccessful', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, title: 'Nettoyage' });
    const team = await bidder(db);
    const bidId = await insertBid(db, { tenderId, members: [team], lots: [{ lot: 1, priceCents: 5_000_00 }] });
    await decided(tenderId, { intent: 'unsuccessful', lot: '1', reason: 'Offre irrégulière, pièces manquantes.' });
    expect(await bidLot(db, bidId, 1)).toMatchObject({
      decision: 'rejected',
      decision_reason: 'Lot déclaré infructueux : Offre irrégulière, pièces manquantes.',
    });
    expect(await tenderRow(db, tenderId)).toMatchObject({
      status: 'cancelled',
      cancellation_reason: 'Consultation infructueuse — Offre irrégulière, pièces manquantes.',
    });
    expect(await kinds(team)).toEqual(['Offre non retenue — Nettoyage']);
    expect((await mailsTo(db, team.owner.email)).map((m) => m.subject)).toEqual([
      'Offre non retenue — Nettoyage — Maillage',
    ]);
    expect(await refused(tenderId, { intent: 'unsuccessful', lot: '1', reason: 'Encore une fois, non.' })).toEqual([
      { field: '', message: AWARD_MESSAGES.tenderCancelled },
    ]);
  });
});
