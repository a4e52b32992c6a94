import { beforeAll, describe, expect, it } from 'vitest';
import { loader as publicLoader } from '../../app/routes/appels-d-offres.$id';
import { action, loader } from '../../app/routes/appels-d-offres.$id_.partenaires';
import { PARTNER_MESSAGES } from '../../app/domain/tenders/partner-posts';
import { createTestDatabase } from '../support/db';
import { attempt, createUser } from '../support/organisations';
import { setPageContext } from '../support/pages';
import {
  buyerWithOwner,
  countRows,
  get,
  inDays,
  insertBid,
  insertTender,
  post,
  sectorCodes,
  supplierWithMember,
} from '../support/tender-participation';

// « Recherche de partenaires » (decision 261): who reads the page, the post form (every field refused with its
// message and nothing written), the deadline. Offers and their answers: partner-offers.test.ts.

const database = createTestDatabase();
const { db } = database;
let SECTORS: string[] = [];
beforeAll(async () => {
  setPageContext(database);
  SECTORS = await sectorCodes(db, 2);
});

const MESSAGE = 'Nous cherchons une structure pour le ramassage des déchets verts du lot 2.';

async function setUp(options: Parameters<typeof insertTender>[2] = {}) {
  const buyer = await buyerWithOwner(db, 3);
  const tenderId = await insertTender(db, buyer.orgId, {
    lots: [{ title: 'Parcs du nord' }, { title: 'Parcs du sud' }],
    ...options,
  });
  const poster = await supplierWithMember(db);
  const path = `/appels-d-offres/${tenderId}/partenaires`;
  return { buyer, tenderId, poster, path, params: { id: String(tenderId) } };
}

type SetUp = Awaited<ReturnType<typeof setUp>>;

function send(s: SetUp, body: [string, string][], cookie?: string) {
  return attempt(() => action(post(s.path, s.params, body, cookie)));
}

function publish(s: SetUp, fields: [string, string][], cookie = s.poster.user.cookie) {
  return send(s, [['intent', 'publier'], ...fields], cookie);
}

const errorsOf = (answer: { data: Record<string, unknown> | null }) =>
  (answer.data?.result as { error: Record<string, string[]> }).error;

describe('reading /appels-d-offres/:id/partenaires', () => {
  it('is for members of supplier organisations and moderators', async () => {
    const s = await setUp();
    expect((await attempt(() => loader(get(s.path, s.params)))).status).toBe(302);
    const member = await attempt(() => loader(get(s.path, s.params, s.poster.user.cookie)));
    expect(member.status).toBe(200);
    expect(member.headers.get('Cache-Control')).toBe('no-store');
    expect(member.data?.organisations).toEqual([{ id: s.poster.organisationId, name: s.poster.name }]);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const read = await attempt(() => loader(get(s.path, s.params, moderator.cookie)));
    expect(read.status).toBe(200);
    expect(read.data?.organisations).toEqual([]);
    // The buyer does not see who looks for partners on its tender; nor does someone without an organisation.
    const nobody = await createUser(db);
    for (const cookie of [s.buyer.owner.cookie, nobody.cookie])
      expect((await attempt(() => loader(get(s.path, s.params, cookie)))).status).toBe(403);
    const unverified = await supplierWithMember(db, 'owner', { verified: false });
    expect(await attempt(() => loader(get(s.path, s.params, unverified.user.cookie)))).toMatchObject({
      status: 403,
      data: { denial: 'verify-email' },
    });
  });

  it('answers 404 for a tender that is not public', async () => {
    const s = await setUp({ status: 'draft' });
    expect((await attempt(() => loader(get(s.path, s.params, s.poster.user.cookie)))).status).toBe(404);
    // Rights are asked before the tender is looked up: a moderator may not act, a member learns it is gone.
    const body: [string, string][] = [
      ['organisation', String(s.poster.organisationId)],
      ['message', MESSAGE],
      ['lots', '1'],
    ];
    const moderator = await createUser(db, { siteRole: 'moderator' });
    expect((await publish(s, body, moderator.cookie)).status).toBe(403);
    expect((await publish(s, body)).status).toBe(404);
    const cancelled = await setUp({ status: 'cancelled' });
    const answer = await attempt(() => loader(get(cancelled.path, cancelled.params, cancelled.poster.user.cookie)));
    expect(answer.status).toBe(404);
  });

  it('shows the number of open searches on the public page, the list to supplier members', async () => {
    const s = await setUp();
    expect(
      (
        await publish(s, [
          ['organisation', String(s.poster.organisationId)],
          ['message', MESSAGE],
          ['lots', '2'],
        ])
      ).status,
    ).toBe(302);
    const anonymous = (await publicLoader(get(`/appels-d-offres/${s.tenderId}`, s.params))) as {
      partnerPosts: { openCount: number; canRead: boolean; signedIn: boolean };
    };
    expect(anonymous.partnerPosts).toEqual({ openCount: 1, canRead: false, signedIn: false });
    const other = await supplierWithMember(db);
    const page = await attempt(() => loader(get(s.path, s.params, other.user.cookie)));
    const posts = (page.data?.page as { posts: { supplierName: string; lotNumbers: number[]; mine: boolean }[] }).posts;
    expect(posts).toMatchObject([{ supplierName: s.poster.name, lotNumbers: [2], mine: false }]);
  });
});

describe('publishing a search', () => {
  it('refuses each bad field with its message and writes nothing', async () => {
    const s = await setUp();
    const org = String(s.poster.organisationId);
    const before = await countRows(db, 'partner_posts');
    const cases: [[string, string][], string, string][] = [
      [
        [
          ['organisation', org],
          ['message', ''],
          ['lots', '1'],
        ],
        'message',
        PARTNER_MESSAGES.messageRequired,
      ],
      [
        [
          ['organisation', org],
          ['message', 'Court'],
          ['lots', '1'],
        ],
        'message',
        PARTNER_MESSAGES.messageTooShort,
      ],
      [
        [
          ['organisation', org],
          ['message', 'm'.repeat(1001)],
          ['lots', '1'],
        ],
        'message',
        PARTNER_MESSAGES.messageTooLong,
      ],
      [
        [
          ['organisation', org],
          ['message', MESSAGE],
        ],
        'lots',
        PARTNER_MESSAGES.lotOrSectorRequired,
      ],
      [
        [
          ['organisation', org],
          ['message', MESSAGE],
          ['lots', '3'],
        ],
        'lots',
        PARTNER_MESSAGES.lotUnknown,
      ],
      [
        [
          ['organisation', org],
          ['message', MESSAGE],
          ['lots', 'deux'],
        ],
        'lots',
        PARTNER_MESSAGES.lotUnknown,
      ],
      [
        [
          ['organisation', org],
          ['message', MESSAGE],
          ['sectors', 'inconnu'],
        ],
        'sectors',
        PARTNER_MESSAGES.sectorUnknown,
      ],
      [
        [
          ['message', MESSAGE],
          ['lots', '1'],
        ],
        'organisation',
        PARTNER_MESSAGES.organisationRequired,
      ],
    ];
    for (const [fields, field, message] of cases) {
      const refused = await publish(s, fields);
      expect(refused.status, `${field}: ${message}`).toBe(400);
      expect(errorsOf(refused)[field]).toEqual([message]);
    }
    expect(await countRows(db, 'partner_posts')).toBe(before);
  });

  it('records the lots and sectors of the search, and links the poster’s groupement', async () => {
    const s = await setUp();
    const bidId = await insertBid(db, s.tenderId, {
      kind: 'groupement',
      members: [{ supplierId: s.poster.supplierId, role: 'mandataire' }],
    });
    const done = await publish(s, [
      ['organisation', String(s.poster.organisationId)],
      ['message', MESSAGE],
      ['lots', '1'],
      ['lots', '2'],
      ['sectors', SECTORS[1]],
      ['sectors', SECTORS[0]],
    ]);
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe(`${s.path}?fait=annonce`);
    const row = await db
      .selectFrom('partner_posts')
      .selectAll()
      .where('tender_id', '=', s.tenderId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ supplier_id: s.poster.supplierId, bid_id: bidId, message: MESSAGE, status: 'open' });
    const lots = await db
      .selectFrom('partner_post_lots')
      .select('lot_number')
      .where('post_id', '=', row.id)
      .orderBy('lot_number')
      .execute();
    expect(lots.map((l) => l.lot_number)).toEqual([1, 2]);
    const sectors = await db
      .selectFrom('partner_post_sectors')
      .select('sector_code')
      .where('post_id', '=', row.id)
      .orderBy('sector_code')
      .execute();
    expect(sectors.map((x) => x.sector_code)).toEqual([...SECTORS].sort());
    // Sectors alone are enough.
    expect(
      (
        await publish(s, [
          ['organisation', String(s.poster.organisationId)],
          ['message', MESSAGE],
          ['sectors', SECTORS[0]],
        ])
      ).status,
    ).toBe(302);
  });

  it('refuses to act for an organisation one does not belong to, a buyer or a moderator', async () => {
    const s = await setUp();
    const outsider = await supplierWithMember(db);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const body: [string, string][] = [
      ['organisation', String(s.poster.organisationId)],
      ['message', MESSAGE],
      ['lots', '1'],
    ];
    expect((await publish(s, body, outsider.user.cookie)).status).toBe(403);
    expect((await publish(s, body, moderator.cookie)).status).toBe(403);
    expect((await publish(s, body, s.buyer.owner.cookie)).status).toBe(403);
    expect((await publish(s, body, '')).headers.get('Location')).toMatch(/^\/connexion/);
    expect(await db.selectFrom('partner_posts').selectAll().where('tender_id', '=', s.tenderId).execute()).toEqual([]);
  });

  it('closes with the submission deadline', async () => {
    const s = await setUp({ submissionDeadline: inDays(-1), questionsDeadline: inDays(-2), status: 'published' });
    const refused = await publish(s, [
      ['organisation', String(s.poster.organisationId)],
      ['message', MESSAGE],
      ['lots', '1'],
    ]);
    expect(refused.status).toBe(400);
    expect(errorsOf(refused)['']).toEqual([PARTNER_MESSAGES.notOpen]);
    const page = await attempt(() => loader(get(s.path, s.params, s.poster.user.cookie)));
    expect((page.data?.page as { windowMessage: string }).windowMessage).toBe(PARTNER_MESSAGES.notOpen);
    expect(await db.selectFrom('partner_posts').selectAll().where('tender_id', '=', s.tenderId).execute()).toEqual([]);
  });

  it('answers 400 for an unknown intent', async () => {
    const s = await setUp();
    expect((await send(s, [['intent', 'effacer']], s.poster.user.cookie)).status).toBe(400);
  });
});
