import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '../../app/routes/organisations.$orgId.fiche';
import { setPageContext } from '../support/pages';
import { createTestDatabase } from '../support/db';
import {
  addMember,
  attempt,
  buyerOrganisation,
  pageGet,
  pagePost,
  createUser,
  supplierOrganisation,
  type TestUser,
} from '../support/organisations';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// The offer-sheet editor /organisations/:orgId/fiche on a real SQLite file (issue 6, decision 130): who may
// open and save it, drafts, every bad value refused next to its field with nothing written, the audit log and
// the search outbox row written with the change.

const database = createTestDatabase();
const { db } = database;

let orgId: number;
let supplierId: number;
let owner: TestUser;
let editor: TestUser;
let path: string;

beforeAll(async () => {
  setPageContext(database);
  const created = await writeSupplier(
    db,
    supplierInput({ name: 'Atelier du Rhône', communeCode: '69123', publicationStatus: 'draft', sectors: [] }),
  );
  supplierId = created.id;
  orgId = await supplierOrganisation(db, supplierId);
  owner = await createUser(db);
  editor = await createUser(db);
  await addMember(db, orgId, owner.id, 'owner');
  await addMember(db, orgId, editor.id, 'editor');
  path = `/organisations/${orgId}/fiche`;
});

const get = (user?: TestUser, id = orgId) =>
  attempt(() => loader(pageGet(`/organisations/${id}/fiche`, { orgId: String(id) }, user?.cookie)));
const post = (fields: [string, string][], user: TestUser | null = owner, id = orgId) =>
  attempt(() => action(pagePost(`/organisations/${id}/fiche`, { orgId: String(id) }, fields, user?.cookie)));

async function state() {
  const supplier = await db.selectFrom('suppliers').selectAll().where('id', '=', supplierId).executeTakeFirstOrThrow();
  const audit = await db.selectFrom('audit_log').selectAll().where('supplier_id', '=', supplierId).execute();
  const outbox = await db.selectFrom('search_changes').selectAll().where('supplier_id', '=', supplierId).execute();
  const offers = await db.selectFrom('supplier_offers').selectAll().where('supplier_id', '=', supplierId).execute();
  return { supplier, audit: audit.length, outbox: outbox.length, offers: offers.length };
}

function errorsOf(answer: { data: unknown }): Record<string, string[]> {
  return ((answer.data as { result: { error?: Record<string, string[]> } }).result.error ?? {}) as Record<
    string,
    string[]
  >;
}

describe('who may open the editor', () => {
  it('sends the anonymous to log in, and back here afterwards', async () => {
    const answer = await get(undefined);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`);
    const before = await state();
    const posted = await post([['name', 'Pirate']], null);
    expect(posted.status).toBe(302);
    expect(posted.headers.get('Location')).toBe(`/connexion?redirectTo=${encodeURIComponent(path)}`);
    expect(await state()).toEqual(before);
  });

  it('refuses a member of another organisation, a moderator, an admin and an unconfirmed member (403)', async () => {
    const other = await createUser(db);
    await addMember(db, await buyerOrganisation(db), other.id, 'owner');
    const moderator = await createUser(db, { siteRole: 'moderator' });
    const admin = await createUser(db, { siteRole: 'admin' });
    const unconfirmed = await createUser(db, { verified: false });
    await addMember(db, orgId, unconfirmed.id, 'editor');
    const before = await state();
    for (const user of [other, moderator, admin, unconfirmed]) {
      expect((await get(user)).status).toBe(403);
      expect((await post([['name', 'Pirate']], user)).status).toBe(403);
    }
    expect(await state()).toEqual(before);
  });

  it('opens for the owner and the editor, never cached', async () => {
    for (const user of [owner, editor]) {
      const answer = await get(user);
      expect(answer.status).toBe(200);
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
      const data = answer.data as { view: { supplier: { siret: string }; completion: { percent: number } } };
      expect(data.view.supplier.siret).toMatch(/^\d{14}$/);
      expect(data.view.completion.percent).toBeGreaterThan(0);
    }
  });

  it('answers 404 for a buyer organisation and an unknown or malformed id', async () => {
    const buyerOwner = await createUser(db);
    const buyer = await buyerOrganisation(db);
    await addMember(db, buyer, buyerOwner.id, 'owner');
    expect((await get(buyerOwner, buyer)).status).toBe(404);
    expect((await post([['name', 'X']], buyerOwner, buyer)).status).toBe(404);
    const malformed = await attempt(() => loader(pageGet('/organisations/abc/fiche', { orgId: 'abc' }, owner.cookie)));
    expect(malformed.status).toBe(404);
  });
});

describe('saving the sheet', () => {
  it('saves a complete form: redirect with a message, the audit log names the fields, an outbox row', async () => {
    const before = await state();
    const answer = await post(
      [
        ['intent', 'save'],
        ['name', 'Atelier du Rhône'],
        ['structureKind', 'ACI'],
        ['commune', 'Villeurbanne'],
        ['description', 'Entretien des espaces verts par des salariés en insertion.'],
        ['offers[0].name', 'Tonte'],
        ['offers[0].description', 'Parcs et jardins'],
        ['offers[1].name', ''],
        ['sectors', 'nettoyage-bureaux'],
        ['areaDepartements', '69'],
        ['areaCommunes[0]', 'Lyon (69123)'],
        ['areaCommunes[1]', ''],
        ['references[0].clientName', 'Métropole de Lyon'],
        ['references[0].year', '2024'],
        ['labels', 'esus'],
        ['email', 'contact@atelier.fr'],
        ['phone', '0472000000'],
        ['website', 'https://atelier.fr'],
      ],
      editor,
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`${path}?enregistre=1`);
    const after = await state();
    expect(after.supplier).toMatchObject({
      structure_kind: 'ACI',
      commune_code: '69266',
      phone: '04 72 00 00 00',
      website: 'https://atelier.fr',
    });
    expect(after.offers).toBe(1);
    expect(after.outbox).toBe(before.outbox + 1);
    expect(after.audit).toBe(before.audit + 1);
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('supplier_id', '=', supplierId)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'supplier.sheet-updated', actor_user_id: editor.id, organisation_id: orgId });
    expect(JSON.parse(entry.details).fields).toEqual(
      expect.arrayContaining(['structureKind', 'communeCode', 'offers', 'sectors', 'serviceAreas', 'email']),
    );
    const areas = await db
      .selectFrom('supplier_service_areas')
      .selectAll()
      .where('supplier_id', '=', supplierId)
      .execute();
    expect(areas.map((a) => `${a.kind}:${a.code}`).sort()).toEqual(['commune:69123', 'departement:69']);
  });

  it('writes nothing, not even an outbox row, when nothing changed', async () => {
    const loaded = (await get(owner)).data as { defaultValue: Record<string, unknown> };
    const fields: [string, string][] = [];
    for (const [key, value] of Object.entries(loaded.defaultValue)) {
      if (Array.isArray(value))
        value.forEach((item, i) => {
          if (typeof item === 'string') fields.push([key.startsWith('area') ? `${key}[${i}]` : key, item]);
          else for (const [k, v] of Object.entries(item)) fields.push([`${key}[${i}].${k}`, String(v)]);
        });
      else fields.push([key, String(value)]);
    }
    // Checkbox groups post one value per box, not an indexed list.
    const flat = fields.map(([k, v]): [string, string] => [
      k.replace(/^(areaRegions|areaDepartements)\[\d+\]$/, '$1'),
      v,
    ]);
    const before = await state();
    expect((await post(flat)).status).toBe(302);
    expect(await state()).toEqual(before);
  });

  it('saves an incomplete draft, keeping the stored name, kind and commune when they are left empty', async () => {
    const answer = await post([
      ['name', ''],
      ['structureKind', ''],
      ['commune', ''],
      ['description', ''],
    ]);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('Location')).toBe(`${path}?enregistre=1&conserve=name,structureKind,communeCode`);
    const { supplier, offers } = await state();
    expect(supplier).toMatchObject({ name: 'Atelier du Rhône', structure_kind: 'ACI', commune_code: '69266' });
    expect(supplier.description).toBe('');
    expect(supplier.email).toBeNull();
    expect(offers).toBe(0);
    const page = (
      await attempt(() =>
        loader(pageGet(`${path}?enregistre=1&conserve=name,bogus`, { orgId: String(orgId) }, owner.cookie)),
      )
    ).data as { notice: string; kept: string[] };
    expect(page).toMatchObject({ notice: 'saved', kept: ['name'] });
  });

  it.each([
    ['email', 'pas-une-adresse', /adresse e-mail invalide/],
    ['website', 'ftp://atelier.fr', /http/],
    ['phone', '12 34', /téléphone invalide/],
    ['yearFounded', '2999', /futur/],
    ['headcount', '-4', /entier positif/],
    ['insertionHeadcount', 'beaucoup', /entier positif/],
    ['sectors', 'secteur-inconnu', /code inconnu/],
    ['labels', 'label-inconnu', /code inconnu/],
    ['structureKind', 'XYZ', /choisissez un type/],
    ['turnoverBand', 'enorme', /tranche/],
    ['postcode', 'ABCDE', /cinq chiffres/],
    ['commune', 'Nullepartville', /aucune commune ne s’appelle « Nullepartville »/],
    ['commune', '99999', /code INSEE inconnu/],
    ['areaCommunes[0]', 'Nullepartville', /aucune commune/],
    ['areaRadiusKm', '0', /de 1 à/],
    ['areaRegions', '00', /Régions : code inconnu/],
    ['areaDepartements', '999', /Départements : code inconnu/],
    ['description', 'x'.repeat(5001), /5000 caractères au plus/],
    ['name', 'x'.repeat(151), /150 caractères au plus/],
    ['offers[0].name', 'x'.repeat(151), /150 caractères au plus/],
    ['references[0].year', '1200', /1800/],
  ])(
    'refuses a bad %s (case %#) with 400, the message next to it, the values kept, nothing written',
    async (field, value, message) => {
      const before = await state();
      const kept =
        field === 'description'
          ? ['tradeName', 'Un texte qui doit revenir tel quel.']
          : ['description', 'Un texte qui doit revenir tel quel.'];
      const fields: [string, string][] = [kept as [string, string], [field, value]];
      if (field.startsWith('references')) fields.push(['references[0].clientName', 'Ville']);
      const answer = await post(fields);
      expect(answer.status).toBe(400);
      expect(answer.headers.get('Cache-Control')).toBe('no-store');
      const errors = errorsOf(answer);
      expect(errors[field]?.[0]).toMatch(message);
      const initial = (answer.data as { result: { initialValue: Record<string, unknown> } }).result.initialValue;
      expect(initial[kept[0]]).toBe('Un texte qui doit revenir tel quel.');
      expect(await state()).toEqual(before);
    },
  );

  it('adds and removes offer rows without saving, with or without JavaScript', async () => {
    const before = await state();
    const insert = JSON.stringify({
      type: 'insert',
      payload: { name: 'offers', defaultValue: { name: '', description: '' } },
    });
    const added = await post([
      ['offers[0].name', 'Tonte'],
      ['__intent__', insert],
    ]);
    expect(added.status).toBe(200);
    const initial = (added.data as { result: { initialValue: { offers: unknown[] } } }).result.initialValue;
    expect(initial.offers).toHaveLength(2);
    const remove = JSON.stringify({ type: 'remove', payload: { name: 'offers', index: 0 } });
    const removed = await post([
      ['offers[0].name', 'Tonte'],
      ['offers[1].name', 'Taille'],
      ['__intent__', remove],
    ]);
    const left = (removed.data as { result: { initialValue: { offers: { name: string }[] } } }).result.initialValue;
    expect(left.offers.map((o) => o.name)).toEqual(['Taille']);
    expect(await state()).toEqual(before);
  });
});

describe('a published sheet', () => {
  it('cannot lose what publication needs', async () => {
    await db.updateTable('suppliers').set({ publication_status: 'published' }).where('id', '=', supplierId).execute();
    const before = await state();
    const answer = await post([
      ['name', ''],
      ['description', 'Trop court'],
    ]);
    expect(answer.status).toBe(400);
    const errors = errorsOf(answer);
    expect(errors.name?.[0]).toMatch(/obligatoire/);
    expect(errors.description?.[0]).toMatch(/50 caractères au moins/);
    expect(errors.offers?.[0]).toMatch(/une offre au moins/);
    expect(errors.sectors?.[0]).toMatch(/un secteur au moins/);
    expect(errors.email?.[0]).toMatch(/e-mail ou un téléphone/);
    expect(await state()).toEqual(before);
  });
});
