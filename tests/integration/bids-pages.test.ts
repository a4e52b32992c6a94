import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '../../app/routes/reponses.$bidId._index';
import { loader as orgLoader } from '../../app/routes/organisations.$orgId.reponses';
import { BID_INTENTS } from '../../app/services/bids/workspace-actions.server';
import { inviteSupplier } from '../../app/services/bids/membership.server';
import { startBid } from '../../app/services/bids/start.server';
import { createTestDatabase } from '../support/db';
import { attempt, createUser, loaderArgs, pagePost } from '../support/organisations';
import { setPageContext } from '../support/pages';
import { publishedTender, supplierWithOwner, type TestSupplier } from '../support/bid-scenarios';

// The pages /reponses/:bidId and /organisations/:orgId/reponses (decisions 231, 240) called as Remix calls them:
// who may read and post each intent (anonymous, another supplier, the invited member, the lead, a moderator, the
// buyer before the deadline), the overview's view and the catalogue search, intents answered through the page.

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

const NOW = new Date();
const get = (bidId: number, cookie?: string, query = '') =>
  attempt(() => loader(loaderArgs(`/reponses/${bidId}${query}`, cookie, { bidId: String(bidId) })));
const post = (bidId: number, fields: [string, string][], cookie?: string) =>
  attempt(() => action(pagePost(`/reponses/${bidId}`, { bidId: String(bidId) }, fields, cookie)));

async function setup() {
  const { tenderId, buyer } = await publishedTender(db, { lots: 2 });
  const lead = await supplierWithOwner(db, undefined, `Menuiserie ${Math.random().toString(36).slice(2, 8)}`);
  const started = await startBid(
    db,
    {
      tenderId,
      actor: { userId: lead.user.id, email: lead.user.email },
      organisations: [{ organisationId: lead.organisationId, supplierId: lead.supplierId, name: lead.name }],
      fields: { kind: 'groupement', name: 'Groupement des parcs', lots: ['1', '2'] },
    },
    NOW,
  );
  if (!started.ok) throw new Error('start');
  const bidId = started.value.bidId;
  const invited = await supplierWithOwner(db);
  await inviteSupplier(
    db,
    {
      bidId,
      actor: { userId: lead.user.id, email: lead.user.email },
      actorSupplierId: lead.supplierId,
      fields: { supplierId: String(invited.supplierId) },
      origin: 'https://maillage.test',
    },
    NOW,
  );
  return { tenderId, buyer, lead, invited, bidId };
}

describe('/reponses/:bidId permissions', () => {
  it('anonymous → log in; other supplier, moderator and buyer before the deadline → 403; unknown → 404', async () => {
    const { bidId, buyer } = await setup();
    const anonymous = await get(bidId);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('Location')).toContain('/connexion?redirectTo=');
    expect((await post(bidId, [['intent', 'submit']])).status).toBe(302);
    const other: TestSupplier = await supplierWithOwner(db);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    for (const cookie of [other.user.cookie, moderator.cookie, buyer.cookie]) {
      expect((await get(bidId, cookie)).status).toBe(403);
      for (const intent of Object.keys(BID_INTENTS))
        expect((await post(bidId, [['intent', intent]], cookie)).status).toBe(403);
    }
    expect((await get(999999, other.user.cookie)).status).toBe(404);
  });

  it('the invited member reads, may only accept or decline; the lead may not answer for it', async () => {
    const { bidId, invited, lead } = await setup();
    const page = await get(bidId, invited.user.cookie);
    expect(page.status).toBe(200);
    const view = (page.data as { view: { you: { lead: boolean; pendingSupplierId: number | null } } }).view;
    expect(view.you).toMatchObject({ lead: false, pendingSupplierId: invited.supplierId });
    for (const intent of Object.keys(BID_INTENTS).filter((i) => i !== 'accept' && i !== 'decline'))
      expect((await post(bidId, [['intent', intent]], invited.user.cookie)).status, intent).toBe(403);
    expect((await post(bidId, [['intent', 'accept']], lead.user.cookie)).status).toBe(403);
    const accepted = await post(bidId, [['intent', 'accept']], invited.user.cookie);
    expect(accepted.status).toBe(200);
    expect(accepted.data).toMatchObject({ ok: true, message: 'Vous avez rejoint le groupement.' });
    // Now a working member: may leave, still not lead.
    expect((await post(bidId, [['intent', 'submit']], invited.user.cookie)).status).toBe(403);
    const left = await post(bidId, [['intent', 'leave']], invited.user.cookie);
    expect(left.status).toBe(302);
    expect(left.headers.get('Location')).toBe(`/organisations/${invited.organisationId}/reponses?fait=quitte`);
    expect((await get(bidId, invited.user.cookie)).status).toBe(403);
  });

  it('declining sends the member to its organisation’s bids; an unknown intent is a 400', async () => {
    const { bidId, invited, lead } = await setup();
    const declined = await post(bidId, [['intent', 'decline']], invited.user.cookie);
    expect(declined.headers.get('Location')).toBe(`/organisations/${invited.organisationId}/reponses?fait=refuse`);
    expect((await post(bidId, [['intent', 'pirater']], lead.user.cookie)).status).toBe(400);
  });
});

describe('/reponses/:bidId for the lead', () => {
  it('shows the overview with what submission lacks, searches the catalogue and invites from the results', async () => {
    const { bidId, lead } = await setup();
    const partner = await supplierWithOwner(db, undefined, 'Jardins du Rhône solidaires');
    const page = await get(bidId, lead.user.cookie, '?q=jardins du rh');
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const view = (
      page.data as {
        view: {
          you: { lead: boolean };
          submissionIssues: string[];
          search: { results: { supplierId: number }[] };
          members: unknown[];
        };
      }
    ).view;
    expect(view.you.lead).toBe(true);
    expect(view.members).toHaveLength(2);
    expect(view.submissionIssues).toContain('Indiquez le prix du lot 1.');
    expect(view.search.results.map((r) => r.supplierId)).toEqual([partner.supplierId]);
    const short = await get(bidId, lead.user.cookie, '?q=j');
    expect((short.data as { view: { search: { error: string } } }).view.search.error).toContain(
      'au moins 2 caractères',
    );

    const invited = await post(
      bidId,
      [
        ['intent', 'invite-supplier'],
        ['supplierId', String(partner.supplierId)],
      ],
      lead.user.cookie,
    );
    expect(invited.status).toBe(200);
    expect(invited.data).toMatchObject({ ok: true });
    const again = await post(
      bidId,
      [
        ['intent', 'invite-supplier'],
        ['supplierId', String(partner.supplierId)],
      ],
      lead.user.cookie,
    );
    expect(again.status).toBe(400);
  });

  it('answers a refused price next to its field, keeping the values, and saves a good one', async () => {
    const { bidId, lead } = await setup();
    const refused = await post(
      bidId,
      [
        ['intent', 'save-lots'],
        ['lots', '1'],
        ['lots', '2'],
        ['price-1', '12,5'],
        ['price-2', 'beaucoup'],
      ],
      lead.user.cookie,
    );
    expect(refused.status).toBe(400);
    const result = (
      refused.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
    ).result;
    expect(result.error['price-2']).toEqual([
      'Saisissez un prix en euros HT, avec au plus deux décimales (ex. 12 500,50).',
    ]);
    expect(result.initialValue['price-1']).toBe('12,5');
    expect(
      await db
        .selectFrom('bid_lots')
        .select('price_cents')
        .where('bid_id', '=', bidId)
        .where('price_cents', 'is not', null)
        .execute(),
    ).toEqual([]);
    const saved = await post(
      bidId,
      [
        ['intent', 'save-lots'],
        ['lots', '1'],
        ['lots', '2'],
        ['price-1', '12,5'],
      ],
      lead.user.cookie,
    );
    expect(saved.status).toBe(200);
    const priced = await db
      .selectFrom('bid_lots')
      .select('price_cents')
      .where('bid_id', '=', bidId)
      .orderBy('lot_number')
      .execute();
    expect(priced).toEqual([{ price_cents: 1250 }, { price_cents: null }]);
  });

  it('refuses submission through the page with the list of what is missing', async () => {
    const { bidId, lead } = await setup();
    const refused = await post(bidId, [['intent', 'submit']], lead.user.cookie);
    expect(refused.status).toBe(400);
    expect((refused.data as { issues: string[] }).issues).toContain('Pièce à compléter : DC1 — lettre de candidature.');
  });
});

describe('/organisations/:orgId/reponses', () => {
  it('lists an organisation’s bids and invitations to its members only', async () => {
    const { bidId, lead, invited, buyer } = await setup();
    const mine = await attempt(() =>
      orgLoader(loaderArgs('/x', lead.user.cookie, { orgId: String(lead.organisationId) })),
    );
    expect(mine.status).toBe(200);
    const page = (mine.data as { page: { bids: { bidId: number; role: string }[]; invitations: unknown[] } }).page;
    expect(page.bids).toMatchObject([{ bidId, role: 'mandataire' }]);
    const theirs = await attempt(() =>
      orgLoader(loaderArgs('/x', invited.user.cookie, { orgId: String(invited.organisationId) })),
    );
    expect((theirs.data as { page: { invitations: { bidId: number }[] } }).page.invitations).toMatchObject([{ bidId }]);
    const moderator = await createUser(db, { siteRole: 'moderator' });
    for (const cookie of [invited.user.cookie, moderator.cookie])
      expect(
        (await attempt(() => orgLoader(loaderArgs('/x', cookie, { orgId: String(lead.organisationId) })))).status,
      ).toBe(403);
    expect(
      (await attempt(() => orgLoader(loaderArgs('/x', undefined, { orgId: String(lead.organisationId) })))).status,
    ).toBe(302);
    const buyerOrg = await db
      .selectFrom('memberships')
      .select('organisation_id')
      .where('user_id', '=', buyer.id)
      .executeTakeFirstOrThrow();
    expect(
      (await attempt(() => orgLoader(loaderArgs('/x', buyer.cookie, { orgId: String(buyerOrg.organisation_id) }))))
        .status,
    ).toBe(404);
  });
});
