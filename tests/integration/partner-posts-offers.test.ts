import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '../../app/routes/appels-d-offres.$id_.partenaires';
import { PARTNER_MESSAGES } from '../../app/domain/tenders/partner-posts';
import { createTestDatabase } from '../support/db';
import { attempt, createUser, mailsTo } from '../support/organisations';
import { setPageContext } from '../support/pages';
import {
  buyerWithOwner,
  countRows,
  get,
  insertBid,
  insertTender,
  post,
  supplierWithMember,
} from '../support/tender-participation';

// Offers to join a partner search and the poster's answers (decision 261): the offer form's refusals, one offer
// per supplier, never on one's own or a closed post; accept (joins the poster's groupement when it leads one,
// with the activity log), decline, close; who may answer; what each side is told.

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

const MESSAGE = 'Nous cherchons une structure pour le ramassage des déchets verts du lot 2.';
const OFFER = 'Notre chantier d’insertion ramasse les déchets verts depuis 2015 sur la métropole.';

async function setUp(options: { allowDualBidding?: boolean } = {}) {
  const buyer = await buyerWithOwner(db, 4);
  const tenderId = await insertTender(db, buyer.orgId, {
    lots: [{ title: 'Parcs du nord' }, { title: 'Parcs du sud' }],
    allowDualBidding: options.allowDualBidding,
  });
  const poster = await supplierWithMember(db);
  const offerer = await supplierWithMember(db);
  const path = `/appels-d-offres/${tenderId}/partenaires`;
  const s = { buyer, tenderId, poster, offerer, path, params: { id: String(tenderId) } };
  const published = await send(s, [
    ['intent', 'publier'],
    ['organisation', String(poster.organisationId)],
    ['message', MESSAGE],
    ['lots', '2'],
  ]);
  expect(published.status).toBe(302);
  const postId = (
    await db.selectFrom('partner_posts').select('id').where('tender_id', '=', tenderId).executeTakeFirstOrThrow()
  ).id;
  return { ...s, postId };
}

type SetUp = Awaited<ReturnType<typeof setUp>>;

function send(s: { path: string; params: Record<string, string> }, body: [string, string][], cookie?: string) {
  return attempt(() => action(post(s.path, s.params, body, cookie ?? (s as unknown as SetUp).poster?.user.cookie)));
}

function offer(s: SetUp, message = OFFER, cookie = s.offerer.user.cookie, organisationId = s.offerer.organisationId) {
  return send(
    s,
    [
      ['intent', 'proposer'],
      ['postId', String(s.postId)],
      ['organisation', String(organisationId)],
      ['message', message],
    ],
    cookie,
  );
}

async function offerId(s: SetUp): Promise<number> {
  expect((await offer(s)).status).toBe(302);
  return (await db.selectFrom('partner_offers').select('id').where('post_id', '=', s.postId).executeTakeFirstOrThrow())
    .id;
}

const errorsOf = (answer: { data: Record<string, unknown> | null }) =>
  (answer.data?.result as { error: Record<string, string[]> }).error;

describe('offering to join', () => {
  it('refuses a bad message, one’s own post, a second offer, a closed post, and writes nothing', async () => {
    const s = await setUp();
    const before = await countRows(db, 'partner_offers');
    for (const [message, expected] of [
      ['', PARTNER_MESSAGES.messageRequired],
      ['Bonjour', PARTNER_MESSAGES.messageTooShort],
      ['o'.repeat(1001), PARTNER_MESSAGES.messageTooLong],
    ]) {
      const refused = await offer(s, message);
      expect(refused.status).toBe(400);
      expect(errorsOf(refused).message).toEqual([expected]);
    }
    const own = await offer(s, OFFER, s.poster.user.cookie, s.poster.organisationId);
    expect(errorsOf(own)['']).toEqual([PARTNER_MESSAGES.ownPost]);
    const noOrganisation = await send(
      s,
      [
        ['intent', 'proposer'],
        ['postId', String(s.postId)],
        ['message', OFFER],
      ],
      s.offerer.user.cookie,
    );
    expect(errorsOf(noOrganisation).organisation).toEqual([PARTNER_MESSAGES.organisationRequired]);
    expect(await countRows(db, 'partner_offers')).toBe(before);

    expect((await offer(s)).status).toBe(302);
    expect(errorsOf(await offer(s))['']).toEqual([PARTNER_MESSAGES.alreadyOffered]);
    expect(
      (
        await send(s, [
          ['intent', 'clore'],
          ['postId', String(s.postId)],
        ])
      ).status,
    ).toBe(302);
    const late = await supplierWithMember(db);
    expect(errorsOf(await offer(s, OFFER, late.user.cookie, late.organisationId))['']).toEqual([
      PARTNER_MESSAGES.postClosed,
    ]);
    expect(await countRows(db, 'partner_offers')).toBe(before + 1);
  });

  it('tells the poster in the site and by mail, and lists the offer on both sides', async () => {
    const s = await setUp();
    expect((await offer(s)).status).toBe(302);
    const notices = await db
      .selectFrom('notifications')
      .selectAll()
      .where('organisation_id', '=', s.poster.organisationId)
      .execute();
    expect(notices).toMatchObject([{ kind: 'partner-offer', body: OFFER, link: s.path }]);
    const mails = await mailsTo(db, s.poster.user.email);
    expect(mails.map((m) => m.subject)).toEqual([
      `${s.offerer.name} propose de rejoindre votre recherche de partenaires — Entretien des espaces verts — Maillage`,
    ]);
    const posterPage = await attempt(() => loader(get(s.path, s.params, s.poster.user.cookie)));
    const posts = (posterPage.data?.page as { posts: { mine: boolean; offers: { supplierName: string }[] }[] }).posts;
    expect(posts).toMatchObject([{ mine: true, offers: [{ supplierName: s.offerer.name }] }]);
    const offererPage = await attempt(() => loader(get(s.path, s.params, s.offerer.user.cookie)));
    const page = offererPage.data?.page as { myOffers: { status: string; postSupplierName: string }[] };
    expect(page.myOffers).toMatchObject([{ status: 'pending', postSupplierName: s.poster.name }]);
  });
});

describe('answering an offer', () => {
  it('lets only the poster answer or close: others get a 403, anonymous visitors the log-in page', async () => {
    const s = await setUp();
    const id = await offerId(s);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    for (const cookie of [s.offerer.user.cookie, s.buyer.owner.cookie, moderator.cookie]) {
      expect(
        (
          await send(
            s,
            [
              ['intent', 'accepter'],
              ['offerId', String(id)],
            ],
            cookie,
          )
        ).status,
      ).toBe(403);
      expect(
        (
          await send(
            s,
            [
              ['intent', 'clore'],
              ['postId', String(s.postId)],
            ],
            cookie,
          )
        ).status,
      ).toBe(403);
    }
    const anonymous = await attempt(() =>
      action(
        post(s.path, s.params, [
          ['intent', 'refuser'],
          ['offerId', String(id)],
        ]),
      ),
    );
    expect(anonymous.headers.get('Location')).toMatch(/^\/connexion\?redirectTo=/);
    expect(
      (
        await send(s, [
          ['intent', 'accepter'],
          ['offerId', '99999'],
        ])
      ).status,
    ).toBe(404);
    expect(
      (await db.selectFrom('partner_offers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('pending');
    expect(
      (await db.selectFrom('partner_posts').select('status').where('id', '=', s.postId).executeTakeFirstOrThrow())
        .status,
    ).toBe('open');
  });

  it('without a groupement: accepts, tells both sides, and refuses a second answer', async () => {
    const s = await setUp();
    const id = await offerId(s);
    const done = await send(s, [
      ['intent', 'accepter'],
      ['offerId', String(id)],
    ]);
    expect(done.headers.get('Location')).toBe(`${s.path}?fait=acceptee`);
    expect(
      await db.selectFrom('partner_offers').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
    ).toMatchObject({ status: 'accepted', responded_at: expect.any(String) });
    expect(
      await db.selectFrom('bid_members').selectAll().where('supplier_id', '=', s.offerer.supplierId).execute(),
    ).toEqual([]);
    const told = await db
      .selectFrom('notifications')
      .select(['organisation_id', 'kind'])
      .where('kind', 'in', ['partner-offer-answered', 'partner-offer-accepted'])
      .where('link', '=', s.path)
      .orderBy('id')
      .execute();
    expect(told).toEqual([
      { organisation_id: s.offerer.organisationId, kind: 'partner-offer-answered' },
      { organisation_id: s.poster.organisationId, kind: 'partner-offer-accepted' },
    ]);
    expect((await mailsTo(db, s.offerer.user.email)).map((m) => m.subject)).toEqual([
      'Proposition acceptée — Entretien des espaces verts — Maillage',
    ]);
    const again = await send(s, [
      ['intent', 'refuser'],
      ['offerId', String(id)],
    ]);
    expect(errorsOf(again)['']).toEqual([PARTNER_MESSAGES.offerAnswered]);
  });

  it('with a groupement it leads: the offering supplier joins as an accepted member, logged in the activity', async () => {
    const s = await setUp();
    const bidId = await insertBid(db, s.tenderId, {
      kind: 'groupement',
      members: [{ supplierId: s.poster.supplierId, role: 'mandataire' }],
    });
    const id = await offerId(s);
    expect(
      (
        await send(s, [
          ['intent', 'accepter'],
          ['offerId', String(id)],
        ])
      ).status,
    ).toBe(302);
    expect(
      await db.selectFrom('bid_members').selectAll().where('bid_id', '=', bidId).orderBy('role').execute(),
    ).toMatchObject([
      { supplier_id: s.poster.supplierId, role: 'mandataire', acceptance: 'accepted' },
      {
        supplier_id: s.offerer.supplierId,
        role: 'membre',
        acceptance: 'accepted',
        invited_by_user_id: s.poster.user.id,
      },
    ]);
    const activity = await db.selectFrom('bid_activity').selectAll().where('bid_id', '=', bidId).execute();
    expect(activity).toMatchObject([
      { action: 'member.joined-from-partner-post', supplier_id: s.poster.supplierId, user_id: s.poster.user.id },
    ]);
    const mail = (await mailsTo(db, s.offerer.user.email)).at(-1)!;
    expect(mail.text_body).toContain('fait désormais partie de son groupement');
  });

  it('refuses to add a supplier bidding alone when the tender forbids it, and writes nothing', async () => {
    const s = await setUp({ allowDualBidding: false });
    const bidId = await insertBid(db, s.tenderId, {
      kind: 'groupement',
      members: [{ supplierId: s.poster.supplierId, role: 'mandataire' }],
    });
    await insertBid(db, s.tenderId, {
      kind: 'seul',
      members: [{ supplierId: s.offerer.supplierId, role: 'mandataire' }],
    });
    const id = await offerId(s);
    const refused = await send(s, [
      ['intent', 'accepter'],
      ['offerId', String(id)],
    ]);
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)['']).toEqual([expect.stringMatching(/candidate déjà seule/)]);
    expect(await db.selectFrom('bid_members').selectAll().where('bid_id', '=', bidId).execute()).toHaveLength(1);
    expect(
      (await db.selectFrom('partner_offers').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status,
    ).toBe('pending');
  });

  it('declines and closes', async () => {
    const s = await setUp();
    const id = await offerId(s);
    expect(
      (
        await send(s, [
          ['intent', 'refuser'],
          ['offerId', String(id)],
        ])
      ).headers.get('Location'),
    ).toBe(`${s.path}?fait=refusee`);
    expect((await mailsTo(db, s.offerer.user.email)).map((m) => m.subject)).toEqual([
      'Proposition refusée — Entretien des espaces verts — Maillage',
    ]);
    expect(
      (
        await send(s, [
          ['intent', 'clore'],
          ['postId', String(s.postId)],
        ])
      ).headers.get('Location'),
    ).toBe(`${s.path}?fait=close`);
    const again = await send(s, [
      ['intent', 'clore'],
      ['postId', String(s.postId)],
    ]);
    expect(errorsOf(again)['']).toEqual([PARTNER_MESSAGES.postClosed]);
    // A closed post still shows to its poster, not to the others.
    const other = await supplierWithMember(db);
    const page = await attempt(() => loader(get(s.path, s.params, other.user.cookie)));
    expect((page.data?.page as { posts: unknown[] }).posts).toEqual([]);
  });
});
