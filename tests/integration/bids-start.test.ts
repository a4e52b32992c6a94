import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '../../app/routes/appels-d-offres.$id_.repondre';
import { BID_FORM_MESSAGES } from '../../app/domain/bids/forms';
import { BID_RULE_MESSAGES } from '../../app/domain/bids/rules';
import { startBid } from '../../app/services/bids/start.server';
import { createTestDatabase } from '../support/db';
import { addMember, createUser, loaderArgs, pagePost, attempt } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { activityOf, bidRows, publishedTender, supplierWithOwner } from '../support/bid-scenarios';

// /appels-d-offres/:id/repondre (decision 240): who may start a bid, every field refused with its message and
// nothing written, quote and closed tenders refused, a bid alone and a groupement created with their rows, and the
// participation rules (one bid alone, mandataire once per tender, double participation).

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

const path = (id: number) => `/appels-d-offres/${id}/repondre`;
const get = (id: number, cookie?: string) => attempt(() => loader(loaderArgs(path(id), cookie, { id: String(id) })));
const post = (id: number, fields: [string, string][], cookie?: string) =>
  attempt(() => action(pagePost(path(id), { id: String(id) }, fields, cookie)));

describe('who may start a bid', () => {
  it('sends anonymous visitors to log in, refuses moderators, buyers and unconfirmed addresses', async () => {
    const { tenderId, buyer } = await publishedTender(db);
    expect((await get(tenderId)).status).toBe(302);
    expect((await post(tenderId, [['kind', 'seul']])).status).toBe(302);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    expect((await get(tenderId, moderator.cookie)).status).toBe(403);
    expect((await post(tenderId, [['kind', 'seul']], moderator.cookie)).status).toBe(403);
    expect((await get(tenderId, buyer.cookie)).status).toBe(403);
    const unverified = await createUser(db, { verified: false });
    await supplierWithOwner(db, unverified);
    const denied = await get(tenderId, unverified.cookie);
    expect(denied.status).toBe(403);
    expect(denied.data).toEqual({ denial: 'verify-email' });
    expect(await bidRows(db, tenderId)).toEqual([]);
  });

  it('shows the page to a supplier’s member, with the lots; 404 for a tender that is not public', async () => {
    const { tenderId } = await publishedTender(db, { lots: 3 });
    const s = await supplierWithOwner(db);
    const page = await get(tenderId, s.user.cookie);
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const loaded = page.data as { page: { tender: { lots: unknown[] }; refusal: null }; organisations: unknown[] };
    expect(loaded.page.tender.lots).toHaveLength(3);
    expect(loaded.page.refusal).toBeNull();
    const draft = await publishedTender(db, { status: 'draft' });
    expect((await get(draft.tenderId, s.user.cookie)).status).toBe(404);
  });

  it('refuses quote requests and closed tenders clearly, writing nothing', async () => {
    const s = await supplierWithOwner(db);
    const devis = await publishedTender(db, { kind: 'devis', lots: 0 });
    const page = await get(devis.tenderId, s.user.cookie);
    expect((page.data as { page: { refusal: string } }).page.refusal).toBe(BID_RULE_MESSAGES.notATender);
    const refused = await post(devis.tenderId, [['kind', 'seul']], s.user.cookie);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.data)).toContain('devis');
    const closed = await publishedTender(db, { deadline: '2026-01-01T00:00:00.000Z' });
    expect((await post(closed.tenderId, [['kind', 'seul']], s.user.cookie)).status).toBe(409);
    expect([...(await bidRows(db, devis.tenderId)), ...(await bidRows(db, closed.tenderId))]).toEqual([]);
  });
});

describe('the start form', () => {
  it('refuses every bad field with its message and writes nothing', async () => {
    const { tenderId } = await publishedTender(db, { lots: 2 });
    const user = await createUser(db);
    const a = await supplierWithOwner(db, user);
    const b = await supplierWithOwner(db, user);
    const cases: [[string, string][], string, string][] = [
      [
        [
          ['organisationId', String(a.organisationId)],
          ['lots', '1'],
        ],
        'kind',
        BID_FORM_MESSAGES.kindRequired,
      ],
      [
        [
          ['kind', 'autre'],
          ['organisationId', String(a.organisationId)],
          ['lots', '1'],
        ],
        'kind',
        BID_FORM_MESSAGES.kindRequired,
      ],
      [
        [
          ['kind', 'groupement'],
          ['organisationId', String(a.organisationId)],
          ['lots', '1'],
        ],
        'name',
        BID_FORM_MESSAGES.nameRequired,
      ],
      [
        [
          ['kind', 'groupement'],
          ['name', 'x'.repeat(201)],
          ['organisationId', String(a.organisationId)],
          ['lots', '1'],
        ],
        'name',
        BID_FORM_MESSAGES.nameTooLong,
      ],
      [
        [
          ['kind', 'groupement'],
          ['name', 'G'],
          ['form', 'mixte'],
          ['organisationId', String(a.organisationId)],
          ['lots', '1'],
        ],
        'form',
        BID_FORM_MESSAGES.formUnknown,
      ],
      [
        [
          ['kind', 'seul'],
          ['lots', '1'],
        ],
        'organisationId',
        BID_FORM_MESSAGES.organisationRequired,
      ],
      [
        [
          ['kind', 'seul'],
          ['organisationId', '999999'],
          ['lots', '1'],
        ],
        'organisationId',
        BID_FORM_MESSAGES.organisationUnknown,
      ],
      [
        [
          ['kind', 'seul'],
          ['organisationId', String(a.organisationId)],
        ],
        'lots',
        BID_FORM_MESSAGES.lotsRequired,
      ],
      [
        [
          ['kind', 'seul'],
          ['organisationId', String(b.organisationId)],
          ['lots', '7'],
        ],
        'lots',
        BID_FORM_MESSAGES.lotUnknown,
      ],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await post(tenderId, fields, user.cookie);
      // A foreign organisation id is refused by the permission before the form (403), the others by the form.
      if (fields.some(([k, v]) => k === 'organisationId' && v === '999999')) {
        expect(answer.status).toBe(403);
        continue;
      }
      expect(answer.status, field).toBe(400);
      const result = (answer.data as { result: { error: Record<string, string[]> } }).result;
      expect(result.error[field]).toContain(message);
    }
    expect(await bidRows(db, tenderId)).toEqual([]);
  });

  it('creates a bid alone: the lead member, its lots, 100 % of each lot, the activity, a redirect', async () => {
    const { tenderId } = await publishedTender(db, { lots: 2 });
    const s = await supplierWithOwner(db);
    const answer = await post(
      tenderId,
      [
        ['kind', 'seul'],
        ['lots', '1'],
        ['lots', '2'],
      ],
      s.user.cookie,
    );
    expect(answer.status).toBe(302);
    const [bid] = await bidRows(db, tenderId);
    expect(answer.headers.get('Location')).toBe(`/reponses/${bid.id}?fait=cree`);
    expect(bid).toMatchObject({ kind: 'seul', status: 'forming', name: s.name, form: null });
    const members = await db.selectFrom('bid_members').selectAll().where('bid_id', '=', bid.id).execute();
    expect(members).toMatchObject([{ supplier_id: s.supplierId, role: 'mandataire', acceptance: 'accepted' }]);
    const lots = await db
      .selectFrom('bid_lots')
      .select(['lot_number', 'price_cents'])
      .where('bid_id', '=', bid.id)
      .execute();
    expect(lots).toEqual([
      { lot_number: 1, price_cents: null },
      { lot_number: 2, price_cents: null },
    ]);
    const shares = await db
      .selectFrom('bid_allocations')
      .select(['lot_number', 'share_bp'])
      .where('bid_id', '=', bid.id)
      .execute();
    expect(shares).toEqual([
      { lot_number: 1, share_bp: 10000 },
      { lot_number: 2, share_bp: 10000 },
    ]);
    expect((await activityOf(db, bid.id)).map((a) => a.action)).toEqual(['bid.created']);
    const again = await get(tenderId, s.user.cookie);
    expect((again.data as { page: { existing: unknown[] } }).page.existing).toEqual([
      { bidId: bid.id, name: s.name, organisationName: s.name },
    ]);
  });

  it('creates a groupement with its name and form; an editor may too', async () => {
    const { tenderId } = await publishedTender(db, { lots: 1 });
    const s = await supplierWithOwner(db);
    const editor = await createUser(db);
    await addMember(db, s.organisationId, editor.id, 'editor');
    const answer = await post(
      tenderId,
      [
        ['kind', 'groupement'],
        ['name', 'Groupement des parcs'],
        ['form', 'solidaire'],
      ],
      editor.cookie,
    );
    expect(answer.status).toBe(302);
    const [bid] = await bidRows(db, tenderId);
    expect(bid).toMatchObject({ kind: 'groupement', name: 'Groupement des parcs', form: 'solidaire' });
    expect(await db.selectFrom('bid_allocations').selectAll().where('bid_id', '=', bid.id).execute()).toEqual([]);
  });
});

describe('participation rules when starting', () => {
  const NOW = new Date('2026-12-01T12:00:00Z');
  const start = (tenderId: number, s: Awaited<ReturnType<typeof supplierWithOwner>>, fields: Record<string, unknown>) =>
    startBid(
      db,
      {
        tenderId,
        actor: { userId: s.user.id, email: s.user.email },
        organisations: [{ organisationId: s.organisationId, supplierId: s.supplierId, name: s.name }],
        fields: { lots: ['1'], ...fields },
      },
      NOW,
    );
  const messages = (r: Awaited<ReturnType<typeof start>>) =>
    !r.ok && r.error.kind === 'invalid' ? r.error.issues.map((i) => i.message) : [];

  it('one bid alone per supplier, one groupement led per supplier', async () => {
    const { tenderId } = await publishedTender(db);
    const s = await supplierWithOwner(db);
    expect((await start(tenderId, s, { kind: 'seul' })).ok).toBe(true);
    expect(messages(await start(tenderId, s, { kind: 'seul' }))).toEqual([BID_RULE_MESSAGES.soloTwice]);
    const t = await supplierWithOwner(db);
    expect((await start(tenderId, t, { kind: 'groupement', name: 'G1' })).ok).toBe(true);
    expect(messages(await start(tenderId, t, { kind: 'groupement', name: 'G2' }))).toEqual([
      'Cette structure est déjà mandataire d’un autre groupement pour cet appel d’offres.',
    ]);
    expect(await bidRows(db, tenderId)).toHaveLength(2);
  });

  it('alone and in a groupement only when the tender allows it', async () => {
    const strict = await publishedTender(db, { allowDualBidding: false });
    const s = await supplierWithOwner(db);
    expect((await start(strict.tenderId, s, { kind: 'seul' })).ok).toBe(true);
    expect(messages(await start(strict.tenderId, s, { kind: 'groupement', name: 'G' }))[0]).toContain(
      'candidate déjà seule',
    );
    const lenient = await publishedTender(db, { allowDualBidding: true });
    expect((await start(lenient.tenderId, s, { kind: 'seul' })).ok).toBe(true);
    expect((await start(lenient.tenderId, s, { kind: 'groupement', name: 'G' })).ok).toBe(true);
  });

  it('refuses after the deadline with an injected clock', async () => {
    const { tenderId } = await publishedTender(db, { deadline: '2026-12-01T12:00:00.000Z' });
    const s = await supplierWithOwner(db);
    const late = await start(tenderId, s, { kind: 'seul' });
    expect(!late.ok && late.error.kind).toBe('closed');
    expect(await bidRows(db, tenderId)).toEqual([]);
  });
});
