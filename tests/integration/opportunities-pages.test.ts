import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '../../app/routes/organisations.$orgId.opportunites';
import { INTEREST_FORM_MESSAGES } from '../../app/domain/tenders/alert-forms';
import { OPPORTUNITY_MESSAGES } from '../../app/services/tenders/opportunities.server';
import { createTestDatabase } from '../support/db';
import { addMatchSupplier, publishTender } from '../support/matching';
import {
  addMember,
  attempt,
  buyerOrganisation,
  createUser,
  pageGet,
  pagePost,
  type TestUser,
} from '../support/organisations';
import { setPageContext } from '../support/pages';

// « Opportunités » (decision 252): the open tenders that fit the supplier, computed live (a tender published
// before the supplier existed is there), with the interest marks and the filter; the marks' form refused field by
// field with nothing written; the permissions of the loader (members, moderators) and the action (owners and
// editors with a confirmed address), anonymous visitors sent to the log-in page.

const database = createTestDatabase();
const { db } = database;
beforeAll(() => setPageContext(database));

const OPEN = '2099-01-20T11:00:00.000Z';
type Opp = { id: number; reasons: string[]; interest: string | null; reason: string | null };

let owner: TestUser;
let editor: TestUser;
let unverifiedEditor: TestUser;
let outsider: TestUser;
let moderator: TestUser;
let orgId: string;
let tenders: { before: number; lots: number; other: number; closed: number; farAway: number };

beforeAll(async () => {
  // Published before the supplier exists: found live all the same.
  const before = await publishTender(db, { title: 'Nettoyage de la mairie', submissionDeadline: OPEN });
  owner = await createUser(db);
  editor = await createUser(db);
  unverifiedEditor = await createUser(db, { verified: false });
  outsider = await createUser(db);
  moderator = await createUser(db, { siteRole: 'moderator' });
  const supplier = await addMatchSupplier(db, {
    sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'],
    members: [
      { user: owner, role: 'owner' },
      { user: editor, role: 'editor' },
      { user: unverifiedEditor, role: 'editor' },
    ],
  });
  orgId = String(supplier.organisationId);
  await addMatchSupplier(db, { members: [{ user: outsider, role: 'owner' }] });
  const lots = await publishTender(db, {
    title: 'Entretien des sites',
    submissionDeadline: OPEN,
    lots: [
      { number: 1, title: 'Bureaux', description: '', sectors: ['nettoyage-bureaux'], estimatedValueEuros: null },
      {
        number: 2,
        title: 'Cantines',
        description: '',
        sectors: ['restauration-collective'],
        estimatedValueEuros: null,
      },
    ],
  });
  const other = await publishTender(db, { sectors: ['restauration-collective'], submissionDeadline: OPEN });
  const closed = await publishTender(db, { submissionDeadline: '2026-01-01T00:00:00.000Z' });
  const farAway = await publishTender(db, { placeCode: '13055', submissionDeadline: OPEN });
  tenders = { before, lots, other, closed, farAway };
});

const path = () => `/organisations/${orgId}/opportunites`;
const get = (user?: TestUser, query = '') =>
  attempt(() => loader(pageGet(`${path()}${query}`, { orgId }, user?.cookie)));
const post = (user: TestUser | undefined, fields: Record<string, string>) =>
  attempt(() => action(pagePost(path(), { orgId }, Object.entries(fields), user?.cookie)));

async function interests() {
  return db
    .selectFrom('tender_interests')
    .select(['tender_id', 'interest', 'reason', 'user_id'])
    .orderBy('tender_id')
    .execute();
}

describe('/organisations/:orgId/opportunites', () => {
  it('lists the open tenders that fit, live, with why', async () => {
    const page = await get(owner);
    expect(page.status).toBe(200);
    expect(page.headers.get('Cache-Control')).toBe('no-store');
    const list = page.data!.opportunities as (Opp & { lots: { number: number; covered: boolean }[] })[];
    expect(new Set(list.map((o) => o.id))).toEqual(new Set([tenders.before, tenders.lots]));
    const lots = list.find((o) => o.id === tenders.lots)!;
    expect(lots.lots).toEqual([
      expect.objectContaining({ number: 1, covered: true }),
      expect.objectContaining({ number: 2, covered: false }),
    ]);
    expect(lots.reasons).toContain('Couvre le lot 1 sur 2');
    expect(page.data).toMatchObject({ published: true, canManage: true, filter: 'tous' });
  });

  it('lets members and moderators see it, not others; a buyer organisation is a 404', async () => {
    expect((await get(undefined)).headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(path())}`);
    expect((await get(outsider)).status).toBe(403);
    expect((await get(editor)).data).toMatchObject({ canManage: true });
    expect((await get(unverifiedEditor)).data).toMatchObject({ canManage: false });
    expect((await get(moderator)).data).toMatchObject({ canManage: false });
    const buyerOwner = await createUser(db);
    const buyer = await buyerOrganisation(db, 'Département');
    await addMember(db, buyer, buyerOwner.id, 'owner');
    expect(
      (
        await attempt(() =>
          loader(pageGet(`/organisations/${buyer}/opportunites`, { orgId: String(buyer) }, buyerOwner.cookie)),
        )
      ).status,
    ).toBe(404);
  });

  it('refuses the interest form field by field, and a tender that does not fit, writing nothing', async () => {
    const base = { tenderId: String(tenders.before), intent: 'mark', filtre: 'tous' };
    const cases: [Record<string, string>, { field: string; message: string }][] = [
      [{ interest: '' }, { field: 'interest', message: INTEREST_FORM_MESSAGES.interestRequired }],
      [{ interest: 'peut-etre' }, { field: 'interest', message: INTEREST_FORM_MESSAGES.interestRequired }],
      [
        { interest: 'not-interested', reason: '' },
        { field: 'reason', message: INTEREST_FORM_MESSAGES.reasonRequired },
      ],
      [
        { interest: 'not-interested', reason: 'lune' },
        { field: 'reason', message: INTEREST_FORM_MESSAGES.reasonUnknown },
      ],
      [
        { interest: 'not-interested', reason: 'autre', details: ' ' },
        { field: 'details', message: INTEREST_FORM_MESSAGES.detailsRequired },
      ],
      [
        { interest: 'not-interested', reason: 'autre', details: 'no' },
        { field: 'details', message: INTEREST_FORM_MESSAGES.detailsTooShort },
      ],
      [
        { interest: 'not-interested', reason: 'autre', details: 'x'.repeat(501) },
        { field: 'details', message: INTEREST_FORM_MESSAGES.reasonTooLong },
      ],
    ];
    for (const [fields, issue] of cases) {
      const answer = await post(owner, { ...base, ...fields });
      expect(answer.status).toBe(400);
      const result = (answer.data as { result: { error: Record<string, string[]> } }).result;
      expect(result.error[issue.field]).toEqual([issue.message]);
    }
    for (const id of [tenders.other, tenders.closed, tenders.farAway]) {
      const answer = await post(owner, { ...base, tenderId: String(id), interest: 'interested' });
      expect(answer.status).toBe(400);
      expect((answer.data as { result: { error: Record<string, string[]> } }).result.error['']).toEqual([
        OPPORTUNITY_MESSAGES.notOpen,
      ]);
    }
    expect((await post(owner, { ...base, tenderId: 'abc', interest: 'interested' })).status).toBe(404);
    expect(await interests()).toEqual([]);
  });

  it('lets owners and editors with a confirmed address mark, not others', async () => {
    const fields = { tenderId: String(tenders.before), intent: 'mark', interest: 'interested', filtre: 'tous' };
    expect((await post(undefined, fields)).status).toBe(302);
    expect((await post(outsider, fields)).status).toBe(403);
    expect((await post(moderator, fields)).status).toBe(403);
    const unverified = await post(unverifiedEditor, fields);
    expect(unverified.status).toBe(403);
    expect(unverified.data).toEqual({ denial: 'verify-email' });
    expect(await interests()).toEqual([]);
  });

  it('marks, filters, hides « Pas intéressé » by default, and clears a mark', async () => {
    const done = await post(editor, {
      tenderId: String(tenders.before),
      intent: 'mark',
      interest: 'interested',
      filtre: 'interesses',
    });
    expect(done.status).toBe(302);
    expect(done.headers.get('Location')).toBe(
      `${path()}?filtre=interesses&fait=enregistre#opportunite-${tenders.before}`,
    );
    await post(owner, {
      tenderId: String(tenders.lots),
      intent: 'mark',
      interest: 'not-interested',
      reason: 'capacite',
      details: 'Trop de sites',
      filtre: 'tous',
    });
    expect(await interests()).toEqual([
      { tender_id: tenders.before, interest: 'interested', reason: null, user_id: editor.id },
      {
        tender_id: tenders.lots,
        interest: 'not-interested',
        reason: 'Volume trop important pour nos capacités : Trop de sites',
        user_id: owner.id,
      },
    ]);
    const ids = async (query: string) => ((await get(owner, query)).data!.opportunities as Opp[]).map((o) => o.id);
    expect(await ids('')).toEqual([tenders.before]);
    expect(await ids('?filtre=interesses')).toEqual([tenders.before]);
    expect(await ids('?filtre=non-marques')).toEqual([]);
    expect(await ids('?filtre=pas-interesses')).toEqual([tenders.lots]);
    // An unknown or empty filter falls back to « tous », not to an error or an empty list.
    expect(await ids('?filtre=n-importe-quoi')).toEqual([tenders.before]);
    expect(await ids('?filtre=')).toEqual([tenders.before]);
    expect((await get(owner)).data!.counts).toEqual({ tous: 1, interesses: 1, 'non-marques': 0, 'pas-interesses': 1 });

    expect((await post(owner, { tenderId: String(tenders.lots), intent: 'clear', filtre: 'tous' })).status).toBe(302);
    expect(await ids('?filtre=non-marques')).toEqual([tenders.lots]);
  });

  it('lists nothing while the supplier’s sheet is not published', async () => {
    const person = await createUser(db);
    const draft = await addMatchSupplier(db, { published: false, members: [{ user: person, role: 'owner' }] });
    const page = await attempt(() =>
      loader(
        pageGet(
          `/organisations/${draft.organisationId}/opportunites`,
          { orgId: String(draft.organisationId) },
          person.cookie,
        ),
      ),
    );
    expect(page.data).toMatchObject({ published: false, opportunities: [] });
  });
});
