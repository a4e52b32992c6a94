import { beforeAll, describe, expect, it } from 'vitest';
import { AWARD_MESSAGES } from '../../app/domain/tenders/award';
import { action, loader } from '../../app/routes/organisations.$orgId.appels-d-offres.$tenderId_.offres';
import { loader as publicLoader } from '../../app/routes/appels-d-offres.$id';
import { createTestDatabase } from '../support/db';
import {
  FUTURE,
  bidder,
  buyerWithMembers,
  insertBid,
  insertTender,
  notificationsOf,
  tenderRow,
  writeCounts,
  type Buyer,
} from '../support/buyer-bids';
import {
  auditRows,
  createUser,
  formArgs,
  loaderArgs,
  mailsTo,
  settle,
  statusOf,
  type TestUser,
} from '../support/organisations';
import { asData, run, setPageContext } from '../support/pages';

// /organisations/:orgId/appels-d-offres/:tenderId/offres (decisions 256–258): who may open it and act, sealed
// bids before the deadline, the bids per lot after it, and the buyer's cancellation (reasons refused with nothing
// written; status, audit, bidders told in the site and by mail; shown on the public page).

const database = createTestDatabase();
const { db } = database;
let buyer: Buyer;
let otherBuyer: Buyer;
let moderator: TestUser;

beforeAll(async () => {
  setPageContext(database);
  buyer = await buyerWithMembers(db);
  otherBuyer = await buyerWithMembers(db, 'Ville de Grenoble');
  moderator = await createUser(db, { siteRole: 'moderator' });
});

const pagePath = (tenderId: number) => `/organisations/${buyer.orgId}/appels-d-offres/${tenderId}/offres`;
const params = (tenderId: number) => ({ orgId: String(buyer.orgId), tenderId: String(tenderId) });

function post(tenderId: number, fields: Record<string, string>, cookie: string | undefined = buyer.owner.cookie) {
  return run(() => action(formArgs(pagePath(tenderId), fields, cookie, params(tenderId))));
}

function issuesOf(answer: unknown) {
  const { status, data } = asData(answer);
  expect(status).toBe(400);
  return data.issues as { field: string; message: string }[];
}

interface PageData {
  sealed: boolean;
  submittedCount: number;
  canCancel: boolean;
  decisionsClosed: string | null;
  lots: {
    number: number;
    bids: {
      id: number;
      kind: string;
      members: { name: string; role: string }[];
      priceCents: number;
      allocation: { supplierName: string; shareBp: number; amountCents: number }[];
      documents: { label: string; url: string }[];
    }[];
  }[];
}

async function page(tenderId: number, cookie = buyer.owner.cookie): Promise<PageData> {
  const shown = asData(await loader(loaderArgs(pagePath(tenderId), cookie, params(tenderId))));
  expect(shown.headers.get('Cache-Control')).toBe('no-store');
  return shown.data.page as PageData;
}

describe('who may open the bids page and act on it', () => {
  it('redirects the anonymous to log in, and refuses a bidder, another buyer and a moderator (403)', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, lots: 2 });
    const team = await bidder(db);
    const bidId = await insertBid(db, { tenderId, members: [team], lots: [{ lot: 1, priceCents: 50_000_00 }] });
    const anonymous = (await run(() =>
      loader(loaderArgs(pagePath(tenderId), undefined, params(tenderId))),
    )) as Response;
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(pagePath(tenderId))}`);
    expect(
      ((await post(tenderId, { intent: 'shortlist', lot: '1', bidId: String(bidId) }, undefined)) as Response).status,
    ).toBe(302);
    const before = await writeCounts(db);
    for (const cookie of [team.owner.cookie, otherBuyer.owner.cookie, moderator.cookie]) {
      expect(statusOf(await settle(() => loader(loaderArgs(pagePath(tenderId), cookie, params(tenderId)))))).toBe(403);
      for (const fields of <Record<string, string>[]>[
        { intent: 'shortlist', lot: '1', bidId: String(bidId) },
        { intent: 'award', lot: '1', bidId: String(bidId) },
        { intent: 'cancel', reason: 'Le besoin a disparu entre-temps.' },
      ])
        expect(statusOf(await settle(() => post(tenderId, fields, cookie)))).toBe(403);
    }
    // Another buyer, on its own organisation, with this tender's id: 404, page and actions.
    const theirs = { orgId: String(otherBuyer.orgId), tenderId: String(tenderId) };
    expect(statusOf(await settle(() => loader(loaderArgs('/x', otherBuyer.owner.cookie, theirs))))).toBe(404);
    const cancel = formArgs(
      '/x',
      { intent: 'cancel', reason: 'Le besoin a disparu.' },
      otherBuyer.owner.cookie,
      theirs,
    );
    expect(statusOf(await settle(() => action(cancel)))).toBe(404);
    expect(await writeCounts(db)).toEqual(before);
    expect((await tenderRow(db, tenderId)).status).toBe('published');
  });
});

describe('the bids before and after the deadline', () => {
  it('shows only the number of bids before the deadline and refuses every decision', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, lots: 2, deadline: FUTURE });
    const team = await bidder(db);
    const bidId = await insertBid(db, { tenderId, members: [team], lots: [{ lot: 1, priceCents: 10_000_00 }] });
    await insertBid(db, {
      tenderId,
      members: [await bidder(db)],
      lots: [{ lot: 2, priceCents: 1 }],
      status: 'forming',
    });
    const shown = await page(tenderId, buyer.editor.cookie);
    expect(shown).toMatchObject({ sealed: true, submittedCount: 1, canCancel: true });
    expect(shown.lots.every((l) => l.bids.length === 0)).toBe(true);
    expect(shown.decisionsClosed).toBe(AWARD_MESSAGES.sealed);
    const before = await writeCounts(db);
    for (const fields of <Record<string, string>[]>[
      { intent: 'shortlist', lot: '1', bidId: String(bidId) },
      { intent: 'reject', lot: '1', bidId: String(bidId), reason: 'Prix trop élevé pour ce lot.' },
      { intent: 'award', lot: '1', bidId: String(bidId) },
      { intent: 'unsuccessful', lot: '2', reason: 'Aucune offre satisfaisante.' },
    ])
      expect(issuesOf(await post(tenderId, fields))).toEqual([{ field: '', message: AWARD_MESSAGES.sealed }]);
    expect(await writeCounts(db)).toEqual(before);
  });

  it('shows each lot’s bids after the deadline: members and roles, form, allocation, price, documents', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, lots: 2 });
    const [a, b, c] = [await bidder(db, 'Jardins de Cocagne'), await bidder(db, 'Atelier Vert'), await bidder(db)];
    const groupement = await insertBid(db, {
      tenderId,
      members: [a, b],
      lots: [
        { lot: 1, priceCents: 30_000_01 },
        { lot: 2, priceCents: 20_000_00 },
      ],
    });
    const alone = await insertBid(db, { tenderId, members: [c], lots: [{ lot: 2, priceCents: 18_000_00 }] });
    await insertBid(db, {
      tenderId,
      members: [await bidder(db)],
      lots: [{ lot: 1, priceCents: 1 }],
      status: 'withdrawn',
    });
    const shown = await page(tenderId);
    expect(shown).toMatchObject({ sealed: false, submittedCount: 2, decisionsClosed: null, canCancel: true });
    const [lot1, lot2] = shown.lots;
    expect(lot1.bids.map((x) => x.id)).toEqual([groupement]);
    expect(lot2.bids.map((x) => x.id)).toEqual([groupement, alone]);
    expect(lot1.bids[0]).toMatchObject({
      kind: 'groupement',
      form: 'conjoint',
      priceCents: 30_000_01,
      members: [
        { name: 'Jardins de Cocagne', role: 'mandataire' },
        { name: 'Atelier Vert', role: 'membre' },
      ],
      allocation: [
        { supplierName: 'Jardins de Cocagne', shareBp: 5000, amountCents: 15_000_01 },
        { supplierName: 'Atelier Vert', shareBp: 5000, amountCents: 15_000_00 },
      ],
      documents: [
        { label: 'Mémoire technique', url: expect.stringMatching(`^/reponses/${groupement}/pieces/\\d+/fichier$`) },
      ],
    });
    expect(lot2.bids[1]).toMatchObject({ kind: 'seul', members: [{ name: c.name, role: 'mandataire' }] });
  });
});

describe('cancelling a tender', () => {
  it('refuses a missing, short or long reason and a draft, writing nothing', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, deadline: FUTURE });
    const before = await writeCounts(db);
    expect(issuesOf(await post(tenderId, { intent: 'cancel', reason: ' ' }))).toEqual([
      { field: 'reason', message: AWARD_MESSAGES.reasonRequired },
    ]);
    expect(issuesOf(await post(tenderId, { intent: 'cancel', reason: 'Trop tôt' }))).toEqual([
      { field: 'reason', message: AWARD_MESSAGES.reasonTooShort },
    ]);
    const long = asData(await post(tenderId, { intent: 'cancel', reason: 'x'.repeat(1001) }));
    expect(long.data).toMatchObject({
      formKey: 'cancel',
      reason: 'x'.repeat(1001),
      issues: [{ field: 'reason', message: AWARD_MESSAGES.reasonTooLong }],
    });
    const draft = await insertTender(db, { orgId: buyer.orgId, status: 'draft', deadline: FUTURE });
    expect(issuesOf(await post(draft, { intent: 'cancel', reason: 'Le besoin a disparu.' }))).toEqual([
      { field: '', message: AWARD_MESSAGES.cancelNotPublished },
    ]);
    expect(await writeCounts(db)).toEqual(before);
    expect((await tenderRow(db, tenderId)).status).toBe('published');
  });

  it('cancels a published tender: status, reason, audit, bidders told; shown publicly; not twice', async () => {
    const tenderId = await insertTender(db, { orgId: buyer.orgId, deadline: FUTURE, title: 'Restauration scolaire' });
    const [sent, preparing] = [await bidder(db), await bidder(db)];
    const bidId = await insertBid(db, { tenderId, members: [sent], lots: [{ lot: 1, priceCents: 100 }] });
    await insertBid(db, { tenderId, members: [preparing], lots: [{ lot: 1, priceCents: 100 }], status: 'forming' });
    const reason = 'Le conseil municipal a supprimé la ligne budgétaire.';
    const done = (await post(tenderId, { intent: 'cancel', reason: ` ${reason} ` })) as Response;
    expect(done.headers.get('Location')).toBe(`${pagePath(tenderId)}?fait=cancel`);
    const row = await tenderRow(db, tenderId);
    expect(row).toMatchObject({ status: 'cancelled', cancellation_reason: reason });
    expect(row.cancelled_at).not.toBeNull();
    expect((await auditRows(db, 'tender.cancelled')).at(-1)).toMatchObject({
      subject_id: tenderId,
      reason,
      actor_email: buyer.owner.email,
    });
    expect((await notificationsOf(db, sent.organisationId)).map((n) => [n.kind, n.link])).toEqual([
      ['tender-cancelled', `/appels-d-offres/${tenderId}`],
    ]);
    expect(await notificationsOf(db, preparing.organisationId)).toEqual([]);
    const [mail] = await mailsTo(db, sent.owner.email);
    expect(mail.subject).toBe('Consultation annulée — Restauration scolaire — Maillage');
    expect(mail.text_body).toContain(reason);
    expect(await mailsTo(db, preparing.owner.email)).toEqual([]);
    expect(bidId).toBeGreaterThan(0);

    const shown = await publicLoader(loaderArgs(`/appels-d-offres/${tenderId}`, undefined, { id: String(tenderId) }));
    expect(shown.tender).toMatchObject({ status: 'cancelled', cancellationReason: reason });
    expect(issuesOf(await post(tenderId, { intent: 'cancel', reason }))).toEqual([
      { field: '', message: AWARD_MESSAGES.cancelCancelled },
    ]);
    expect(issuesOf(await post(tenderId, { intent: 'shortlist', lot: '1', bidId: String(bidId) }))).toEqual([
      { field: '', message: AWARD_MESSAGES.tenderCancelled },
    ]);
  });
});
