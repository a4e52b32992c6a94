import type { LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { loader as tenderOcds, action as tenderOcdsAction } from '../../app/routes/api.v1.tenders.$id.ocds';
import { loader as releases } from '../../app/routes/api.v1.ocds.releases';
import { OCDS_QUERY_MESSAGES, PAGINATION_EXTENSION } from '../../app/domain/ocds/listing';
import { LOTS_EXTENSION } from '../../app/domain/ocds/package';
import type { OcdsRelease } from '../../app/domain/ocds/types';
import { loader as openApiLoader } from '../../app/routes/api.v1.openapi[.]json';
import { createOpenApiValidator, responsePointer } from '../api/openapi-validator';
import { createTestDatabase } from '../support/db';
import { codelist, ocdsValidators } from '../support/ocds';
import { buyerOrganisation } from '../support/organisations';
import { setPageContext } from '../support/pages';
import {
  buyerWithOwner,
  insertBid,
  insertOutcome,
  insertTender,
  supplierWithMember,
} from '../support/tender-participation';

// The OCDS routes (decision 262) on real rows: one tender's release package (published, awarded with a
// groupement and a single supplier, cancelled), the listing since a date with its pages, and the refusals. Every
// answer is validated against the OCDS 1.1.5 release and release package schemas (ajv, draft-04).

const database = createTestDatabase();
const { db } = database;
const validate = ocdsValidators();
const partyRoles = codelist('partyRole.csv');
const tenderStatuses = codelist('tenderStatus.csv');

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers are walked freely
type Json = Record<string, any>;

async function call(
  loader: (args: LoaderFunctionArgs) => Promise<Response>,
  path: string,
  params: Record<string, string> = {},
) {
  const response = await loader({
    request: new Request(`http://localhost${path}`),
    params,
    context: {},
  } as unknown as LoaderFunctionArgs);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Json };
}

function expectValidPackage(body: Json) {
  const ok = validate.releasePackage(body);
  expect(validate.releasePackage.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  for (const release of body.releases as OcdsRelease[]) {
    expect(validate.release(release)).toBe(true);
    expect(tenderStatuses.has(release.tender.status)).toBe(true);
    for (const p of release.parties) for (const role of p.roles) expect(partyRoles.has(role)).toBe(true);
  }
}

const ids: Record<string, number> = {};
let groupement: { mandataire: string; membre: string; single: string };

beforeAll(async () => {
  setPageContext(database);
  const buyer = await buyerWithOwner(db, 5);
  ids.published = await insertTender(db, buyer.orgId, {
    title: 'Restauration scolaire',
    lots: [
      { title: 'Cuisine', value: 50_000 },
      { title: 'Livraison', value: 20_000 },
    ],
    publishedAt: '2026-03-01T09:00:00.000Z',
  });
  ids.awarded = await insertTender(db, buyer.orgId, {
    title: 'Entretien des espaces verts',
    status: 'awarded',
    lots: [{ title: 'Parcs du nord' }, { title: 'Parcs du sud' }, { title: 'Déchets verts' }],
    publishedAt: '2026-02-01T09:00:00.000Z',
    submissionDeadline: '2026-03-01T12:00:00.000Z',
    questionsDeadline: '2026-02-20T12:00:00.000Z',
    awardedAt: '2026-04-01T10:00:00.000Z',
  });
  const a = await supplierWithMember(db);
  const b = await supplierWithMember(db);
  const c = await supplierWithMember(db);
  groupement = { mandataire: a.name, membre: b.name, single: c.name };
  await insertBid(db, ids.awarded, {
    kind: 'groupement',
    form: 'solidaire',
    status: 'submitted',
    members: [
      { supplierId: b.supplierId, role: 'membre' },
      { supplierId: a.supplierId, role: 'mandataire' },
    ],
    lots: [{ lot: 1, priceCents: 4_000_050, decision: 'awarded' }],
  });
  await insertBid(db, ids.awarded, {
    kind: 'seul',
    status: 'submitted',
    members: [{ supplierId: c.supplierId, role: 'mandataire' }],
    lots: [
      { lot: 2, priceCents: 3_500_000, decision: 'awarded' },
      { lot: 1, priceCents: 4_500_000, decision: 'rejected' },
    ],
  });
  await insertOutcome(db, ids.awarded, 1, 'awarded', '2026-03-20T10:00:00.000Z');
  await insertOutcome(db, ids.awarded, 2, 'awarded', '2026-03-21T10:00:00.000Z');
  await insertOutcome(db, ids.awarded, 3, 'unsuccessful', '2026-03-21T10:00:00.000Z');
  ids.cancelled = await insertTender(db, buyer.orgId, {
    title: 'Nettoyage des locaux',
    status: 'cancelled',
    publishedAt: '2026-05-01T09:00:00.000Z',
    cancelledAt: '2026-05-10T09:00:00.000Z',
  });
  ids.draft = await insertTender(db, buyer.orgId, { status: 'draft' });
  ids.devis = await insertTender(db, buyer.orgId, { kind: 'devis', publishedAt: '2026-06-01T09:00:00.000Z' });
  const noSiret = await buyerOrganisation(db, 'Buyer without SIRET');
  ids.noSiret = await insertTender(db, noSiret, { publishedAt: '2026-07-01T09:00:00.000Z' });
});

describe('GET /api/v1/tenders/:id/ocds', () => {
  const get = (id: number | string, query = '') =>
    call(tenderOcds, `/api/v1/tenders/${id}/ocds${query}`, { id: String(id) });

  it('gives a published tender as one valid `tender` release', async () => {
    const { status, headers, body } = await get(ids.published);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expectValidPackage(body);
    expect(body.uri).toBe(`http://localhost/api/v1/tenders/${ids.published}/ocds`);
    expect(body.extensions).toEqual([LOTS_EXTENSION]);
    expect(body.releases).toHaveLength(1);
    expect(body.releases[0]).toMatchObject({
      ocid: `ocds-maillage-${ids.published}`,
      tag: ['tender'],
      date: '2026-03-01T09:00:00.000Z',
      tender: {
        status: 'active',
        lots: [
          { id: '1', title: 'Cuisine' },
          { id: '2', title: 'Livraison' },
        ],
      },
    });
  });

  it('adds the award of an awarded tender: groupement members as suppliers, mandataire first', async () => {
    const { status, body } = await get(ids.awarded);
    expect(status).toBe(200);
    expectValidPackage(body);
    expect(body.publishedDate).toBe('2026-04-01T10:00:00.000Z');
    const [tender, award] = body.releases;
    expect(tender.tag).toEqual(['tender']);
    expect(award).toMatchObject({ tag: ['award'], date: '2026-04-01T10:00:00.000Z', tender: { status: 'complete' } });
    expect(award.tender.lots.map((l: Json) => l.status)).toEqual(['complete', 'complete', 'unsuccessful']);
    const [lot1, lot2] = award.awards;
    expect(lot1).toMatchObject({ id: 'lot-1', relatedLots: ['1'], value: { amount: 40_000.5, currency: 'EUR' } });
    expect(lot1.suppliers.map((s: Json) => s.name)).toEqual([groupement.mandataire, groupement.membre]);
    expect(lot1.description).toContain('groupement solidaire dont le mandataire est');
    expect(lot2.suppliers.map((s: Json) => s.name)).toEqual([groupement.single]);
    const mandataire = award.parties.find((p: Json) => p.name === groupement.mandataire);
    expect(mandataire).toMatchObject({
      roles: ['tenderer', 'supplier'],
      details: { groupements: [{ awardId: 'lot-1', form: 'solidaire', role: 'mandataire' }] },
    });
  });

  it('adds the cancellation of a cancelled tender', async () => {
    const { status, body } = await get(ids.cancelled);
    expect(status).toBe(200);
    expectValidPackage(body);
    expect(body.releases.map((r: Json) => [r.tag[0], r.date, r.tender.status])).toEqual([
      ['tender', '2026-05-01T09:00:00.000Z', 'active'],
      ['tenderCancellation', '2026-05-10T09:00:00.000Z', 'cancelled'],
    ]);
  });

  it('answers 404 JSON outside the open data, 400 for a bad id or parameter, 405 for a write', async () => {
    for (const id of [ids.draft, ids.devis, 999_999]) {
      const { status, body } = await get(id);
      expect(status).toBe(404);
      expect(body.error.message).toMatch(/introuvable ou absent des données ouvertes/);
    }
    const noSiret = await get(ids.noSiret);
    expect(noSiret.status).toBe(404);
    expect(noSiret.body.error.issues).toContainEqual({
      param: 'buyer',
      message: 'Le SIRET de l’organisation est invalide.',
    });
    expect((await get('abc')).status).toBe(400);
    expect((await get(ids.published, '?format=xml')).body.error.issues[0].param).toBe('format');
    expect((await tenderOcdsAction()).status).toBe(405);
  });
});

describe('GET /api/v1/ocds/releases', () => {
  const list = (query: string) => call(releases, `/api/v1/ocds/releases${query}`);

  it('refuses a missing or malformed since, a bad limit or cursor, an unknown parameter, with French messages', async () => {
    const cases: [string, string, string][] = [
      ['', 'since', OCDS_QUERY_MESSAGES.sinceRequired],
      ['?since=', 'since', OCDS_QUERY_MESSAGES.sinceRequired],
      ['?since=hier', 'since', OCDS_QUERY_MESSAGES.sinceInvalid],
      ['?since=2026-13-01T00:00:00Z', 'since', OCDS_QUERY_MESSAGES.sinceInvalid],
      ['?since=2026-02-30', 'since', OCDS_QUERY_MESSAGES.sinceInvalid],
      ['?since=2026-01-01T00:00:00', 'since', OCDS_QUERY_MESSAGES.sinceInvalid],
      ['?since=2026-01-01&limit=0', 'limit', OCDS_QUERY_MESSAGES.limitInvalid],
      ['?since=2026-01-01&limit=101', 'limit', OCDS_QUERY_MESSAGES.limitInvalid],
      ['?since=2026-01-01&limit=abc', 'limit', OCDS_QUERY_MESSAGES.limitInvalid],
      ['?since=2026-01-01&limit=2.5', 'limit', OCDS_QUERY_MESSAGES.limitInvalid],
      ['?since=2026-01-01&limit=-1', 'limit', OCDS_QUERY_MESSAGES.limitInvalid],
      ['?since=2026-01-01&limit=', 'limit', OCDS_QUERY_MESSAGES.limitInvalid],
      ['?since=2026-01-01&limit=2&limit=3', 'limit', 'Le paramètre limit ne peut apparaître qu’une fois.'],
      ['?since=2026-01-01&after=x', 'after', OCDS_QUERY_MESSAGES.afterInvalid],
      ['?since=2026-01-01&after=0.tender', 'after', OCDS_QUERY_MESSAGES.afterInvalid],
      ['?since=2026-01-01&after=12.bid', 'after', OCDS_QUERY_MESSAGES.afterInvalid],
      ['?since=2026-01-01&page=2', 'page', OCDS_QUERY_MESSAGES.unknown('page')],
    ];
    for (const [query, param, message] of cases) {
      const { status, headers, body } = await list(query);
      expect(status, query).toBe(400);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(body).toEqual({ error: { message: 'Paramètres invalides', issues: [{ param, message }] } });
    }
  });

  it('lists every release since the date in date order, in one valid package', async () => {
    const { status, body } = await list('?since=2026-01-01T00:00:00Z');
    expect(status).toBe(200);
    expectValidPackage(body);
    expect(body.links).toBeUndefined();
    expect(body.releases.map((r: Json) => [r.ocid, r.tag[0], r.date])).toEqual([
      [`ocds-maillage-${ids.awarded}`, 'tender', '2026-02-01T09:00:00.000Z'],
      [`ocds-maillage-${ids.published}`, 'tender', '2026-03-01T09:00:00.000Z'],
      [`ocds-maillage-${ids.awarded}`, 'award', '2026-04-01T10:00:00.000Z'],
      [`ocds-maillage-${ids.cancelled}`, 'tender', '2026-05-01T09:00:00.000Z'],
      [`ocds-maillage-${ids.cancelled}`, 'tenderCancellation', '2026-05-10T09:00:00.000Z'],
    ]);
    expect(body.publishedDate).toBe('2026-05-10T09:00:00.000Z');
    // An offset is read as the instant it names; a day is midnight UTC.
    const later = await list('?since=2026-04-01T12:00:00%2B02:00');
    expect(later.body.releases.map((r: Json) => r.tag[0])).toEqual(['award', 'tender', 'tenderCancellation']);
    expect((await list('?since=2026-05-10')).body.releases.map((r: Json) => r.tag[0])).toEqual(['tenderCancellation']);
  });

  it('pages with links.next (OCDS pagination extension) until the last page', async () => {
    const seen: string[] = [];
    let next: string | undefined = 'http://localhost/api/v1/ocds/releases?since=2026-01-01&limit=2';
    let pages = 0;
    while (next) {
      const url = new URL(next);
      const { status, body } = await list(url.search);
      expect(status).toBe(200);
      pages += 1;
      if (body.releases.length > 0) expectValidPackage(body);
      seen.push(...body.releases.map((r: Json) => `${r.ocid} ${r.id}`));
      if (body.links) expect(body.extensions).toEqual([LOTS_EXTENSION, PAGINATION_EXTENSION]);
      next = body.links?.next;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);
  });

  it('answers an empty list when nothing was published since the date', async () => {
    const { status, body } = await list('?since=2027-01-01T00:00:00Z');
    expect(status).toBe(200);
    expect(body).toMatchObject({ version: '1.1', releases: [], publisher: { name: 'Maillage' } });
    // The one deviation from the package schema (decision 262): releases has no minimum here.
    validate.releasePackage(body);
    expect((validate.releasePackage.errors ?? []).map((e) => e.keyword)).toEqual(['minItems']);
  });
});

describe('the OpenAPI document', () => {
  it('describes the answers of both routes', async () => {
    const doc = await (await openApiLoader()).json();
    const openApi = createOpenApiValidator(doc);
    const answers: [string, string, Record<string, string>, number][] = [
      ['/tenders/{id}/ocds', `/api/v1/tenders/${ids.awarded}/ocds`, { id: String(ids.awarded) }, 200],
      ['/tenders/{id}/ocds', `/api/v1/tenders/${ids.draft}/ocds`, { id: String(ids.draft) }, 404],
      ['/ocds/releases', '/api/v1/ocds/releases?since=2026-01-01&limit=2', {}, 200],
      ['/ocds/releases', '/api/v1/ocds/releases?since=2030-01-01', {}, 200],
      ['/ocds/releases', '/api/v1/ocds/releases', {}, 400],
    ];
    for (const [pathName, url, params, expected] of answers) {
      const { status, body } = await call(pathName.startsWith('/tenders') ? tenderOcds : releases, url, params);
      expect(status, url).toBe(expected);
      expect(openApi.errors(responsePointer(pathName, status), body), url).toEqual([]);
    }
  });
});
