import { beforeAll, describe, expect, it } from 'vitest';
import { loader } from '../../app/routes/api.v1.suppliers.$id';
import { loader as unknownApiLoader } from '../../app/routes/api.v1.$';
import { getPublicSupplierSheet } from '../../app/services/supplier-sheet.server';
import { loader as sheetPageLoader } from '../../app/routes/fournisseurs.$slug';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { completeSiren, completeSiret } from '../../app/domain/siret';
import { call, callJson, FIXTURE, setUpApiFixture, type ApiFixture } from './fixture';

let fx: ApiFixture;
beforeAll(async () => {
  fx = await setUpApiFixture();
});

function sheet(id: string) {
  return callJson(loader, `/api/v1/suppliers/${encodeURIComponent(id)}`, { id });
}

describe('GET /api/v1/suppliers/:id', () => {
  it('returns the whole public offer sheet', async () => {
    const { status, body, response } = await sheet(String(fx.ids.jardins));
    expect(status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toMatchObject({
      id: fx.ids.jardins,
      slug: fx.slugs.jardins,
      name: 'Les Jardins du Rhône',
      tradeName: null,
      legalForm: 'Association loi 1901',
      yearFounded: 2003,
      structureKind: { code: 'ACI', name: "Atelier et chantier d'insertion", shortName: 'ACI', family: 'insertion' },
      description: 'Tonte, taille de haies et entretien de parcs pour les collectivités de la métropole lyonnaise.',
      address: {
        street: '4 quai des Saules',
        postcode: '69007',
        commune: { code: '69123', name: 'Lyon' },
        departement: { code: '69', name: 'Rhône' },
        region: { code: '84', name: 'Auvergne-Rhône-Alpes' },
      },
      offers: [
        { name: 'Entretien de parcs', description: 'Tonte, débroussaillage et ramassage des feuilles.' },
        { name: 'Taille de haies', description: 'Taille douce et évacuation des déchets verts.' },
      ],
      serviceArea: {
        summary: 'Intervient dans tout le département du Rhône (69) et dans un rayon de 30 km autour de Lyon.',
        areas: [
          { kind: 'departement', code: '69', name: 'Rhône' },
          { kind: 'radius', radiusKm: 30 },
        ],
      },
      capacities: {
        headcount: 25,
        insertionHeadcount: 18,
        turnoverBand: { code: '500k-1m', label: 'De 500 000 € à 1 M€' },
      },
      references: [
        { clientName: 'Métropole de Lyon', year: 2024, description: 'Fauchage tardif des talus.' },
        { clientName: 'Ville de Lyon', year: 2023, description: 'Entretien des berges du Rhône.' },
      ],
      labels: [{ code: 'esus', name: 'Agrément ESUS' }],
      contact: {
        email: 'contact@jardins-rhone.example.fr',
        phone: '0472000010',
        website: 'https://jardins-rhone.example.fr',
      },
      charter: { status: 'verified', label: 'Charte vérifiée' },
    });
    expect(body.siret).toMatch(/^\d{14}$/);
    // Exactly the documented fields: the grammatical liaison used for the summary does not go out.
    expect(body.serviceArea.areas).toEqual([
      { kind: 'departement', code: '69', name: 'Rhône' },
      { kind: 'radius', radiusKm: 30 },
    ]);
    expect(body.sectors.map((s: { code: string }) => s.code).sort()).toEqual([
      'creation-espaces-verts',
      'entretien-espaces-verts',
    ]);
    for (const sector of body.sectors) {
      expect(sector.group).toEqual({ code: 'espaces-verts', name: 'Espaces verts et environnement naturel' });
      expect(sector.cpvDivisions).toContain('77');
    }
    // A validated charter expires 12 months after validation.
    const verified = new Date(body.charter.verifiedAt);
    const expires = new Date(body.charter.expiresAt);
    expect(
      expires.getUTCFullYear() * 12 + expires.getUTCMonth() - (verified.getUTCFullYear() * 12 + verified.getUTCMonth()),
    ).toBe(12);
    expect(typeof body.address.lat).toBe('number');
    expect(body.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('accepts the slug as well as the numeric id', async () => {
    const bySlug = await sheet(fx.slugs.net);
    expect(bySlug.status).toBe(200);
    expect(bySlug.body.id).toBe(fx.ids.net);
    expect(bySlug.body.serviceArea.summary).toBe('Intervient dans un rayon de 20 km autour de Villeurbanne.');
    expect(bySlug.body.charter).toEqual({
      status: 'pending',
      label: 'Charte en cours de vérification',
      verifiedAt: null,
      expiresAt: null,
      evidence: [],
    });
  });

  it('describes national and région areas in words', async () => {
    expect((await sheet(String(fx.ids.repas))).body.serviceArea.summary).toBe('Intervient dans toute la France.');
    expect((await sheet(String(fx.ids.ateliers))).body.serviceArea.summary).toBe(
      'Intervient dans toute la région Auvergne-Rhône-Alpes.',
    );
  });

  it.each([
    ['an unknown id', () => '999999'],
    ['an unknown slug', () => 'fournisseur-qui-n-existe-pas'],
    ['a draft supplier by id', () => String(fx.ids.brouillon)],
    ['a draft supplier by slug', () => fx.slugs.brouillon],
    ['a suspended supplier', () => String(fx.ids.suspendu)],
  ])('answers 404 JSON for %s', async (_, id) => {
    const { status, body, response } = await sheet(id());
    expect(status).toBe(404);
    expect(body).toEqual({ error: { message: 'Fournisseur introuvable' } });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it.each([
    ['0', 'id doit être un entier positif sans zéro initial, « 0 » ne convient pas'],
    ['007', 'id doit être un entier positif sans zéro initial, « 007 » ne convient pas'],
    [
      '99999999999999999999',
      'id doit être un entier positif sans zéro initial, « 99999999999999999999 » ne convient pas',
    ],
    [
      '-5',
      "id doit être un identifiant numérique (par exemple 42) ou l'adresse courte d'une fiche (par exemple atelier-du-rhone), « -5 » ne convient pas",
    ],
    [
      'Les Jardins',
      "id doit être un identifiant numérique (par exemple 42) ou l'adresse courte d'une fiche (par exemple atelier-du-rhone), « Les Jardins » ne convient pas",
    ],
    [
      '<script>',
      "id doit être un identifiant numérique (par exemple 42) ou l'adresse courte d'une fiche (par exemple atelier-du-rhone), « <script> » ne convient pas",
    ],
  ])('answers 400 for the malformed id %s', async (id, message) => {
    const { status, body, text } = await sheet(id);
    expect(status).toBe(400);
    expect(body).toEqual({ error: { message: 'Identifiant invalide', issues: [{ param: 'id', message }] } });
    expect(text).not.toContain('<script');
  });

  it('refuses query parameters (the sheet takes none)', async () => {
    const { status, body } = await callJson(loader, `/api/v1/suppliers/${fx.ids.net}?fields=name`, {
      id: String(fx.ids.net),
    });
    expect(status).toBe(400);
    expect(body.error.message).toBe('Paramètres invalides');
    expect(body.error.issues).toEqual([
      { param: 'fields', message: "paramètre inconnu « fields » (cette adresse n'accepte aucun paramètre)" },
    ]);
  });

  it('finds homonyms by slug even when the commune and a counter make it longer than 80 characters', async () => {
    const name = `Atelier ${'solidaire '.repeat(10)}`.trim();
    const slugs: string[] = [];
    for (const n of [11, 12, 13]) {
      const siret = completeSiret(`${completeSiren(`4300${String(n).padStart(4, '0')}`)}0001`);
      const input = { ...FIXTURE.net, siret, name, communeCode: '69123' };
      slugs.push((await upsertSupplierBySiret(fx.database.db, input)).slug);
    }
    expect(slugs[0]).toHaveLength(80);
    expect(slugs[2].length).toBeGreaterThan(85);
    for (const slug of slugs) {
      const { status, body } = await sheet(slug);
      expect(status, slug).toBe(200);
      expect(body.slug).toBe(slug);
      const page = await sheetPageLoader({
        request: new Request(`http://localhost/fournisseurs/${slug}`),
        params: { slug },
        context: {},
      } as never);
      expect(page.sheet.slug).toBe(slug);
    }
  });

  it('gives the same sheet through the service, by id or slug, and null when unpublished', async () => {
    const byId = await getPublicSupplierSheet(fx.database.db, fx.ids.imprimerie);
    const bySlug = await getPublicSupplierSheet(fx.database.db, fx.slugs.imprimerie);
    expect(bySlug).toEqual(byId);
    expect(byId?.labels.map((l) => l.code).sort()).toEqual(['b-corp', 'imprim-vert']);
    expect(byId?.charter.status).toBe('expired');
    expect(byId?.charter.label).toBe('Charte expirée');
    expect(await getPublicSupplierSheet(fx.database.db, fx.ids.suspendu)).toBeNull();
  });
});

describe('unknown API addresses', () => {
  it('answer a JSON 404', async () => {
    const response = await call(unknownApiLoader, '/api/v1/fournisseurs');
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect((await response.json()).error.message).toContain('/api/v1/openapi.json');
  });
});
