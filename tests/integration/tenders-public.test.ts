import { beforeAll, describe, expect, it } from 'vitest';
import { placeLabel } from '../../app/domain/tenders/tender';
import { loader as listLoader } from '../../app/routes/appels-d-offres._index';
import { loader as pageLoader } from '../../app/routes/appels-d-offres.$id';
import { parseTenderDraft } from '../../app/domain/tenders/form';
import { PUBLIC_QUERY_MESSAGES, parsePublicTenderQuery } from '../../app/domain/tenders/public-query';
import { insertTender } from '../../db/repositories/tenders';
import { createTestDatabase } from '../support/db';
import { buyerOrganisation, createUser } from '../support/organisations';
import { asData, getArgs, setPageContext } from '../support/pages';

// The public tenders (decision 205): only published, closed and awarded ones, the filters (sector of the tender
// or of a lot, territory, reservation, deadline, value), pages, a malformed filter refused, the effective status.

const database = createTestDatabase();
const { db } = database;
const NOW = new Date('2026-12-01T12:00:00Z');
const ids: Record<string, number> = {};

async function tender(name: string, status: 'draft' | 'published' | 'closed', fields: Record<string, unknown>) {
  const user = await createUser(db);
  const organisationId = await buyerOrganisation(db, `Acheteur ${name}`);
  const parsed = parseTenderDraft({ title: name, kind: 'appel-d-offres', ...fields }, NOW);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const id = await insertTender(db, { organisationId, userId: user.id, draft: parsed.value, now: NOW });
  await db.updateTable('tenders').set({ status, published_at: NOW.toISOString() }).where('id', '=', id).execute();
  ids[name] = id;
}

beforeAll(async () => {
  setPageContext(database);
  await tender('Lyon', 'published', {
    placeKind: 'commune',
    placeCode: '69123',
    sectors: ['accompagnement-social'],
    estimatedValue: '50000',
    reservation: 'L2113-13',
    submissionDeadline: '2099-03-01T12:00',
  });
  await tender('Rhône', 'published', {
    placeKind: 'departement',
    placeCode: '69',
    lots: [{ title: 'Lot', sectors: ['accompagnement-emploi'] }],
    estimatedValue: '500000',
    submissionDeadline: '2099-01-01T12:00',
  });
  await tender('National', 'closed', { placeKind: 'national', estimatedValue: '10000' });
  await tender('Ain', 'published', {
    placeKind: 'departement',
    placeCode: '01',
    submissionDeadline: '2026-12-10T12:00',
  });
  // Its deadline has passed: still « published » in the table, closed on every page.
  await db
    .updateTable('tenders')
    .set({ submission_deadline: '2026-11-30T12:00:00.000Z' })
    .where('id', '=', ids.Ain)
    .execute();
  await tender('Brouillon', 'draft', { placeKind: 'departement', placeCode: '69' });
});

async function titles(query: string): Promise<string[]> {
  const answer = asData(
    await listLoader(getArgs(`/appels-d-offres?${query}`)).then((d) => ({
      type: 'DataWithResponseInit',
      data: d,
      init: null,
    })),
  );
  const list = answer.data.list as { items: { title: string }[] };
  return list.items.map((t) => t.title).sort();
}

describe('/appels-d-offres', () => {
  it('lists the public tenders only, and filters them', async () => {
    expect(await titles('')).toEqual(['Ain', 'Lyon', 'National', 'Rhône']);
    expect(await titles('secteur=accompagnement-emploi')).toEqual(['Rhône']);
    expect(await titles('departement=69')).toEqual(['Lyon', 'National', 'Rhône']);
    expect(await titles('region=84')).toEqual(['Ain', 'Lyon', 'National', 'Rhône']);
    expect(await titles('region=11')).toEqual(['National']);
    expect(await titles('reservation=L2113-13')).toEqual(['Lyon']);
    expect(await titles('limite-apres=2099-02-01')).toEqual(['Lyon']);
    expect(await titles('valeur-min=20000&valeur-max=100000')).toEqual(['Lyon']);
  });

  it('refuses a malformed filter with a 400 and its message', async () => {
    const answer = asData(await listLoader(getArgs('/appels-d-offres?valeur-min=beaucoup&departement=999')));
    expect(answer.status).toBe(400);
    expect(answer.data.issues).toEqual([
      { field: 'departement', message: PUBLIC_QUERY_MESSAGES.departement },
      { field: 'valeur-min', message: PUBLIC_QUERY_MESSAGES.value },
    ]);
    expect(parsePublicTenderQuery(new URLSearchParams('valeur-min=5&valeur-max=1'))).toEqual({
      ok: false,
      error: [{ field: 'valeur-max', message: PUBLIC_QUERY_MESSAGES.valueRange }],
    });
    expect(parsePublicTenderQuery(new URLSearchParams('page=0')).ok).toBe(false);
  });
});

describe('/appels-d-offres/:id', () => {
  // The page reads the session (questions and partner searches, decisions 260–261): a request without a cookie.
  const pageArgs = (id: number) =>
    ({
      request: new Request(`http://localhost/appels-d-offres/${id}`),
      params: { id: String(id) },
      context: {},
    }) as never;
  it('shows a public tender with its lots, closed after its deadline, and 404s a draft', async () => {
    const page = (await pageLoader(pageArgs(ids['Rhône']))) as {
      tender: Record<string, unknown>;
      lots: { title: string; sectors: string[] }[];
    };
    expect(page.tender).toMatchObject({ title: 'Rhône', status: 'published', placeName: 'Rhône' });
    expect(placeLabel(page.tender as never)).toBe('Département : Rhône (69)');
    expect(page.tender).not.toHaveProperty('moderationNote');
    expect(page.lots.map((l) => l.title)).toEqual(['Lot']);
    const ain = (await pageLoader(pageArgs(ids.Ain))) as { tender: { status: string } };
    expect(ain.tender.status).toBe('closed');
    const draft = await Promise.resolve(pageLoader(pageArgs(ids.Brouillon))).catch((thrown: Response) => thrown);
    expect((draft as Response).status).toBe(404);
  });
});
