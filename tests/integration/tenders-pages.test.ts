import { beforeAll, describe, expect, it } from 'vitest';
import { loader as listLoader } from '../../app/routes/organisations.$orgId.appels-d-offres._index';
import {
  action as newAction,
  loader as newLoader,
} from '../../app/routes/organisations.$orgId.appels-d-offres.nouveau';
import {
  action as editAction,
  loader as editLoader,
} from '../../app/routes/organisations.$orgId.appels-d-offres.$tenderId';
import { action as queueAction, loader as queueLoader } from '../../app/routes/moderation.appels-d-offres';
import { TENDER_MESSAGES } from '../../app/domain/tenders/form';
import { TENDER_MODERATION_MESSAGES } from '../../app/services/tenders/moderation.server';
import { countModerationQueues } from '../../db/repositories/moderation';
import { findTender } from '../../db/repositories/tenders';
import { createTestDatabase } from '../support/db';
import { addMember, buyerOrganisation, createUser, mailsTo } from '../support/organisations';
import { asData, getArgs, postArgs, run, setPageContext } from '../support/pages';

// The tender pages (decisions 202, 204) called as Remix calls them: the buyer's list, the create and edit form
// (a refused form is a 400 with the messages on Conform's field names and nothing written; a saved draft
// redirects), and the moderators' queue with its decision.

const database = createTestDatabase();
const { db } = database;
let ip = 0;

beforeAll(() => setPageContext(database));

function withParams<T extends { params: unknown }>(args: T, params: Record<string, string>): T {
  return { ...args, params };
}

function post(path: string, fields: Record<string, string>, cookie: string, params: Record<string, string> = {}) {
  ip += 1;
  return withParams(postArgs(path, fields, { cookie, ip: `198.51.110.${ip}` }), params);
}

const FUTURE = '2099-01-20T12:00';
const COMPLETE: Record<string, string> = {
  title: 'Entretien des espaces verts',
  description: 'Tonte et taille des haies.',
  kind: 'appel-d-offres',
  method: 'open',
  category: 'services',
  cpvCodes: '77310000-6',
  sectors: 'accompagnement-social',
  placeKind: 'departement',
  placeCode: '69',
  estimatedValue: '125 000',
  'lots[0].title': 'Parcs du nord',
  'lots[0].estimatedValue': '60000',
  'lots[1].title': '',
  reservation: 'none',
  submissionDeadline: FUTURE,
  contractDurationMonths: '24',
  contactName: 'Service achats',
  contactEmail: 'achats@ville.fr',
};

async function buyer() {
  const owner = await createUser(db);
  const orgId = await buyerOrganisation(db, 'Ville de Lyon');
  await addMember(db, orgId, owner.id, 'owner');
  return { owner, orgId: String(orgId) };
}

describe('buyer tender pages', () => {
  it('refuses a malformed form with its messages, writes nothing, then saves and submits', async () => {
    const { owner, orgId } = await buyer();
    const base = `/organisations/${orgId}/appels-d-offres`;
    const shown = asData(await newLoader(withParams(getArgs(`${base}/nouveau`, owner.cookie), { orgId })));
    expect(shown.headers.get('Cache-Control')).toBe('no-store');

    const refused = asData(
      await newAction(
        post(
          `${base}/nouveau`,
          { ...COMPLETE, intent: 'save', title: '', estimatedValue: 'cher', 'lots[1].description': 'sans titre' },
          owner.cookie,
          { orgId },
        ),
      ),
    );
    expect(refused.status).toBe(400);
    const result = refused.data.result as { error: Record<string, string[]>; initialValue: Record<string, unknown> };
    expect(result.error.title).toEqual([TENDER_MESSAGES.titleRequired]);
    expect(result.error['lots[1].title']).toEqual([TENDER_MESSAGES.lotTitleRequired]);
    expect(result.initialValue.description).toBe(COMPLETE.description);
    expect(
      await db.selectFrom('tenders').select('id').where('buyer_organisation_id', '=', Number(orgId)).execute(),
    ).toEqual([]);

    const saved = (await run(() =>
      newAction(post(`${base}/nouveau`, { ...COMPLETE, intent: 'save' }, owner.cookie, { orgId })),
    )) as Response;
    expect(saved.status).toBe(302);
    const location = saved.headers.get('Location') ?? '';
    const tenderId = /appels-d-offres\/(\d+)\?fait=enregistre$/.exec(location)?.[1];
    expect(tenderId).toBeDefined();
    const tender = await findTender(db, Number(tenderId));
    expect(tender).toMatchObject({ status: 'draft', estimatedValueEuros: 125000, lots: [{ title: 'Parcs du nord' }] });

    const edit = asData(await editLoader(withParams(getArgs(location, owner.cookie), { orgId, tenderId: tenderId! })));
    expect(edit.data).toMatchObject({ status: 'draft', done: 'enregistre' });

    const submitted = (await run(() =>
      editAction(post(location, { ...COMPLETE, intent: 'submit' }, owner.cookie, { orgId, tenderId: tenderId! })),
    )) as Response;
    expect(submitted.headers.get('Location')).toBe(`${base}?fait=envoye`);
    const list = asData(await listLoader(withParams(getArgs(base, owner.cookie), { orgId })));
    expect((list.data.tenders as { id: number; status: string }[]).map((t) => [t.id, t.status])).toEqual([
      [Number(tenderId), 'submitted'],
    ]);
  });

  it('answers 404 for another organisation’s tender', async () => {
    const { owner, orgId } = await buyer();
    const other = await buyer();
    const created = (await run(() =>
      newAction(post('/x', { ...COMPLETE, intent: 'save' }, other.owner.cookie, { orgId: other.orgId })),
    )) as Response;
    const tenderId = /(\d+)\?/.exec(created.headers.get('Location') ?? '')?.[1] ?? '';
    const answer = await editLoader(withParams(getArgs('/x', owner.cookie), { orgId, tenderId })).catch(
      (thrown: unknown) => thrown,
    );
    expect(asData(answer).status).toBe(404);
  });
});

describe('/moderation/appels-d-offres', () => {
  it('lists the submitted tenders, refuses a rejection without a note, publishes', async () => {
    const { owner, orgId } = await buyer();
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const created = (await run(() =>
      newAction(post('/x', { ...COMPLETE, title: 'À modérer', intent: 'submit' }, owner.cookie, { orgId })),
    )) as Response;
    expect(created.status).toBe(302);
    const queue = asData(await queueLoader(getArgs('/moderation/appels-d-offres', moderator.cookie)));
    const tenders = queue.data.tenders as { id: number; title: string }[];
    const tender = tenders.find((t) => t.title === 'À modérer')!;
    expect(tender).toBeDefined();
    // The dashboard counts it.
    expect((await countModerationQueues(db)).submittedTenders).toBe(tenders.length);

    const refused = asData(
      await queueAction(
        post(
          '/moderation/appels-d-offres',
          { tenderId: String(tender.id), decision: 'reject', note: '' },
          moderator.cookie,
        ),
      ),
    );
    expect(refused.status).toBe(400);
    expect(refused.data.issues).toEqual([{ field: 'note', message: TENDER_MODERATION_MESSAGES.noteRequired }]);

    const published = (await run(() =>
      queueAction(
        post('/moderation/appels-d-offres', { tenderId: String(tender.id), decision: 'publish' }, moderator.cookie),
      ),
    )) as Response;
    expect(published.headers.get('Location')).toBe('/moderation/appels-d-offres?fait=publie');
    expect((await findTender(db, tender.id))?.status).toBe('published');
    expect((await mailsTo(db, owner.email)).map((m) => m.subject)).toEqual([
      'Votre besoin est publié — À modérer — Maillage',
    ]);
  });
});
