import { beforeAll, describe, expect, it } from 'vitest';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi[.]json';
import { loader as listLoader } from '../../app/routes/api.v1.tenders';
import { loader as tenderLoader } from '../../app/routes/api.v1.tenders.$id';
import { parseTenderDraft } from '../../app/domain/tenders/form';
import { insertTender } from '../../db/repositories/tenders';
import { buyerOrganisation, createUser } from '../support/organisations';
import { callJson, setUpApiFixture, type ApiFixture } from './fixture';
import { createOpenApiValidator, responsePointer, type OpenApiValidator } from './openapi-validator';

// GET /api/v1/tenders and /api/v1/tenders/{id} (decision 205): every answer validated against the OpenAPI
// document (no undocumented field), filters under their English names, unknown parameters refused, drafts 404.

let fx: ApiFixture;
let validator: OpenApiValidator;
const ids: Record<string, number> = {};

beforeAll(async () => {
  fx = await setUpApiFixture();
  validator = createOpenApiValidator((await callJson(openApiLoader, '/api/v1/openapi.json')).body);
  const db = fx.database.db;
  const user = await createUser(db);
  const organisationId = await buyerOrganisation(db, 'Ville de Lyon');
  const now = new Date();
  for (const [name, status, fields] of [
    [
      'published',
      'published',
      {
        description: 'Tonte',
        category: 'services',
        method: 'open',
        cpvCodes: '77310000-6',
        sectors: ['accompagnement-social'],
        placeKind: 'departement',
        placeCode: '69',
        estimatedValue: '50000',
        lots: [{ title: 'Nord', sectors: ['accompagnement-emploi'], estimatedValue: '20000' }],
        reservation: 'L2113-13',
        socialClauseHours: '100',
        questionsDeadline: '2099-01-01T12:00',
        submissionDeadline: '2099-02-01T12:00',
        contractDurationMonths: '12',
        allowDualBidding: 'on',
        contactName: 'Achats',
        contactEmail: 'achats@ville.fr',
      },
    ],
    ['bare', 'published', {}],
    ['draft', 'draft', {}],
  ] as const) {
    const parsed = parseTenderDraft({ title: name, kind: 'appel-d-offres', ...fields }, now);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const id = await insertTender(db, { organisationId, userId: user.id, draft: parsed.value, now });
    await db.updateTable('tenders').set({ status, published_at: now.toISOString() }).where('id', '=', id).execute();
    ids[name] = id;
  }
});

function expectDocumented(pathName: string, answer: { status: number; body: unknown }) {
  expect(
    validator.errors(responsePointer(pathName, answer.status), answer.body),
    `${pathName} ${answer.status}`,
  ).toEqual([]);
}

describe('GET /api/v1/tenders', () => {
  it('lists the public tenders, filters them, and matches the document', async () => {
    const all = await callJson(listLoader, '/api/v1/tenders');
    expect(all.status).toBe(200);
    expectDocumented('/tenders', all);
    expect(all.body.items.map((t: { title: string }) => t.title).sort()).toEqual(['bare', 'published']);
    const filtered = await callJson(listLoader, '/api/v1/tenders?sector=accompagnement-emploi&value_min=1000&page=1');
    expectDocumented('/tenders', filtered);
    expect(filtered.body.items.map((t: { title: string }) => t.title)).toEqual(['published']);
  });

  it('refuses unknown, repeated and malformed parameters with their API names', async () => {
    for (const query of ['foo=1', 'page=1&page=2', 'value_min=beaucoup', 'deadline_after=demain']) {
      const answer = await callJson(listLoader, `/api/v1/tenders?${query}`);
      expect(answer.status, query).toBe(400);
      expectDocumented('/tenders', answer);
      expect(answer.body.error.issues[0].param, query).toBe(query.split('=')[0]);
    }
  });
});

describe('GET /api/v1/tenders/{id}', () => {
  it('answers a public tender, complete or bare, and 404s a draft', async () => {
    for (const name of ['published', 'bare']) {
      const answer = await callJson(tenderLoader, `/api/v1/tenders/${ids[name]}`, { id: String(ids[name]) });
      expect(answer.status, name).toBe(200);
      expectDocumented('/tenders/{id}', answer);
    }
    const full = await callJson(tenderLoader, `/api/v1/tenders/${ids.published}`, { id: String(ids.published) });
    expect(full.body).toMatchObject({
      reservation: 'L2113-13',
      place: { kind: 'departement', code: '69', name: 'Rhône' },
      lots: [{ number: 1, title: 'Nord' }],
    });
    const draft = await callJson(tenderLoader, `/api/v1/tenders/${ids.draft}`, { id: String(ids.draft) });
    expect(draft.status).toBe(404);
    expectDocumented('/tenders/{id}', draft);
    const bad = await callJson(tenderLoader, '/api/v1/tenders/abc', { id: 'abc' });
    expect(bad.status).toBe(400);
    expectDocumented('/tenders/{id}', bad);
  });
});
