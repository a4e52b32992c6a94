import { beforeAll, describe, expect, it } from 'vitest';
import { action, loader } from '../../app/routes/api.v1.suppliers';
import { setAppContext } from '../../app/services/context.server';
import {
  call,
  callJson,
  FIXTURE,
  PUBLISHED_KEYS,
  setUpApiFixture,
  unreachableEngine,
  type ApiFixture,
  type FixtureKey,
} from './fixture';

let fx: ApiFixture;
beforeAll(async () => {
  fx = await setUpApiFixture();
});

function search(query: string) {
  return callJson(loader, `/api/v1/suppliers${query ? `?${query}` : ''}`);
}

async function names(query: string): Promise<string[]> {
  const { status, body } = await search(query);
  expect(status, JSON.stringify(body)).toBe(200);
  return body.hits.map((h: { name: string }) => h.name).sort();
}

const nameOf = (...keys: FixtureKey[]) => keys.map((k) => FIXTURE[k].name).sort();

async function refused(query: string) {
  const { status, body, response } = await search(query);
  expect(status, JSON.stringify(body)).toBe(400);
  expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(body.error.message).toBe('Paramètres invalides');
  return body.error.issues as { param: string; message: string }[];
}

describe('GET /api/v1/suppliers: the answer', () => {
  it('has exactly the documented shape (app/api/openapi.ts), with published suppliers only', async () => {
    const { status, body, response } = await search('');
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['facets', 'hits', 'page', 'perPage', 'processingTimeMs', 'total']);
    expect(body.total).toBe(PUBLISHED_KEYS.length);
    expect(body.page).toBe(1);
    expect(body.perPage).toBe(20);
    expect(typeof body.processingTimeMs).toBe('number');
    expect(Object.keys(body.facets).sort()).toEqual(['departement', 'kind', 'label', 'region', 'sector']);
    expect(body.hits.map((h: { name: string }) => h.name).sort()).toEqual(nameOf(...PUBLISHED_KEYS));

    const jardins = body.hits.find((h: { id: number }) => h.id === fx.ids.jardins);
    expect(jardins).toEqual({
      id: fx.ids.jardins,
      slug: fx.slugs.jardins,
      name: 'Les Jardins du Rhône',
      structureKind: 'ACI',
      sectors: expect.arrayContaining(['entretien-espaces-verts', 'creation-espaces-verts']),
      commune: { code: '69123', name: 'Lyon' },
      departement: '69',
      region: '84',
      charterStatus: 'verified',
    });
    expect(jardins.sectors).toHaveLength(2);

    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    // Revalidated through its ETag (tests/api/search-caching.test.ts, decision 303).
    expect(response.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
  });

  it('counts facets over every match', async () => {
    const { body } = await search('');
    expect(body.facets.kind).toEqual({ ACI: 1, EI: 1, ESAT: 1, EA: 1, SCOP: 1, SCIC: 1 });
    expect(body.facets.region).toEqual({ '84': 4, '53': 1, '11': 1 });
    expect(body.facets.departement).toEqual({ '69': 2, '38': 1, '35': 1, '75': 1, '42': 1 });
    expect(body.facets.label).toEqual({ esus: 2, qualipropre: 1, 'iso-14001': 1, 'imprim-vert': 1, 'b-corp': 1 });
    expect(body.facets.sector['nettoyage-bureaux']).toBe(2);
    expect(body.facets.sector['entretien-espaces-verts']).toBe(2);
  });

  it('finds by free text', async () => {
    expect(await names('q=jardins')).toEqual(nameOf('jardins'));
    expect(await names('q=imprimerie')).toEqual(nameOf('imprimerie'));
  });

  it('lists verified suppliers first for an empty query', async () => {
    const { body } = await search('');
    const statuses = body.hits.map((h: { charterStatus: string }) => h.charterStatus);
    expect(statuses.slice(0, 2)).toEqual(['verified', 'verified']);
  });
});

describe('GET /api/v1/suppliers: filters', () => {
  it('filters by kind, OR when repeated', async () => {
    expect(await names('kind=EI')).toEqual(nameOf('net'));
    expect(await names('kind=EI&kind=ESAT')).toEqual(nameOf('net', 'ateliers'));
  });

  it('filters by sector, OR when repeated', async () => {
    expect(await names('sector=nettoyage-bureaux')).toEqual(nameOf('net', 'ateliers'));
    expect(await names('sector=nettoyage-bureaux&sector=imprimerie-offset')).toEqual(
      nameOf('net', 'ateliers', 'imprimerie'),
    );
  });

  it('filters by département and région', async () => {
    expect(await names('departement=69')).toEqual(nameOf('jardins', 'net'));
    expect(await names('departement=69&departement=42')).toEqual(nameOf('jardins', 'net', 'balise'));
    expect(await names('region=84')).toEqual(nameOf('jardins', 'net', 'ateliers', 'balise'));
    expect(await names('region=53&region=11')).toEqual(nameOf('repas', 'imprimerie'));
  });

  it('filters by label and by charter status', async () => {
    expect(await names('label=esus')).toEqual(nameOf('jardins', 'ateliers'));
    expect(await names('label=b-corp&label=qualipropre')).toEqual(nameOf('imprimerie', 'net'));
    expect(await names('charter=verified')).toEqual(nameOf('jardins', 'ateliers'));
    expect(await names('charter=expired&charter=none')).toEqual(nameOf('imprimerie', 'repas', 'balise'));
  });

  it('combines different filters with AND', async () => {
    expect(await names('sector=nettoyage-bureaux&departement=69')).toEqual(nameOf('net'));
    expect(await names('region=84&label=esus&kind=ESAT')).toEqual(nameOf('ateliers'));
    expect(await names('kind=EA&region=84')).toEqual([]);
    const { body } = await search('sector=nettoyage-bureaux&departement=69');
    expect(body.total).toBe(1);
    expect(body.facets.kind).toEqual({ EI: 1 });
  });

  it('commune without radius: suppliers whose service area covers the commune', async () => {
    // Lyon: Jardins (département 69), Net (20 km around Villeurbanne), Ateliers (région 84), Repas (national).
    expect(await names('commune=69123')).toEqual(nameOf('jardins', 'net', 'ateliers', 'repas'));
    // Saint-Étienne: Balise (département 42), Ateliers (région 84), Repas (national); not Net (too far).
    expect(await names('commune=42218')).toEqual(nameOf('balise', 'ateliers', 'repas'));
  });

  it('commune with radius: suppliers located within the distance, with distanceKm', async () => {
    expect(await names('commune=69123&radius_km=10')).toEqual(nameOf('jardins', 'net'));
    expect(await names('commune=69123&radius_km=70')).toEqual(nameOf('jardins', 'net', 'balise'));
    expect(await names('commune=69123&radius_km=150')).toEqual(nameOf('jardins', 'net', 'balise', 'ateliers'));
    const { body } = await search('commune=69123&radius_km=10');
    for (const hit of body.hits) expect(typeof hit.distanceKm).toBe('number');
    expect(body.hits.find((h: { id: number }) => h.id === fx.ids.jardins).distanceKm).toBe(0);
  });

  it('sorts by distance and by name', async () => {
    const byDistance = await search('commune=69123&radius_km=150&sort=distance');
    expect(byDistance.body.hits.map((h: { id: number }) => h.id)).toEqual([
      fx.ids.jardins,
      fx.ids.net,
      fx.ids.balise,
      fx.ids.ateliers,
    ]);
    const distances = byDistance.body.hits.map((h: { distanceKm: number }) => h.distanceKm);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    const byName = await search('sort=name');
    const hitNames = byName.body.hits.map((h: { name: string }) => h.name);
    expect(hitNames).toEqual([...hitNames].sort((a: string, b: string) => a.localeCompare(b, 'fr')));
  });

  it('accepts empty values as absent (a form submitted with empty fields)', async () => {
    expect(await names('q=&kind=&commune=&radius_km=&page=')).toEqual(nameOf(...PUBLISHED_KEYS));
  });
});

describe('GET /api/v1/suppliers: pagination', () => {
  it('pages through the results', async () => {
    const seen: number[] = [];
    for (const page of [1, 2, 3]) {
      const { status, body } = await search(`per_page=2&page=${page}&sort=name`);
      expect(status).toBe(200);
      expect(body.page).toBe(page);
      expect(body.perPage).toBe(2);
      expect(body.total).toBe(6);
      expect(body.hits).toHaveLength(2);
      seen.push(...body.hits.map((h: { id: number }) => h.id));
    }
    expect(new Set(seen).size).toBe(6);
  });

  it('accepts per_page 1 and 100', async () => {
    expect((await search('per_page=1')).body.hits).toHaveLength(1);
    expect((await search('per_page=100')).body.perPage).toBe(100);
  });

  it('refuses a page beyond the last one', async () => {
    expect(await refused('per_page=2&page=4')).toEqual([
      { param: 'page', message: 'page 4 dépasse la dernière page (3) pour 6 résultats' },
    ]);
    expect(await refused('page=2')).toEqual([
      { param: 'page', message: 'page 2 dépasse la dernière page (1) pour 6 résultats' },
    ]);
    expect(await refused('kind=EA&region=84&page=2')).toEqual([
      { param: 'page', message: "page 2 n'existe pas : aucun fournisseur ne correspond, seule la page 1 existe" },
    ]);
  });

  it('answers page 1 of an empty result with no hits', async () => {
    const { status, body } = await search('kind=EA&region=84');
    expect(status).toBe(200);
    expect(body.total).toBe(0);
    expect(body.hits).toEqual([]);
  });
});

describe('GET /api/v1/suppliers: every bad parameter is a 400 with a French message', () => {
  it.each([
    ['q', `q=${'a'.repeat(501)}`, 'q ne doit pas dépasser 500 caractères'],
    ['kind', 'kind=XYZ', 'kind : code inconnu « XYZ » (codes possibles : /api/v1/reference/kinds)'],
    ['kind', 'kind=E%20I', "kind : « E I » n'est pas un code valide (voir /api/v1/reference/kinds)"],
    [
      'sector',
      'sector=plomberie-spatiale',
      'sector : code inconnu « plomberie-spatiale » (codes possibles : /api/v1/reference/sectors)',
    ],
    [
      'departement',
      'departement=96',
      'departement : code inconnu « 96 » (codes possibles : /api/v1/reference/departements)',
    ],
    [
      'departement',
      'departement=Rhône',
      "departement : « RHÔNE » n'est pas un code valide (code INSEE du département, par exemple 69 ou 2A)",
    ],
    ['region', 'region=99', 'region : code inconnu « 99 » (codes possibles : /api/v1/reference/regions)'],
    [
      'region',
      'region=ARA',
      "region : « ARA » n'est pas un code valide (code INSEE de la région à deux chiffres, par exemple 84)",
    ],
    ['label', 'label=iso-99999', 'label : code inconnu « iso-99999 » (codes possibles : /api/v1/reference/labels)'],
    [
      'charter',
      'charter=signed',
      "charter : « signed » n'est pas un statut de charte valide (valeurs possibles : none, pending, verified, expired)",
    ],
    ['commune', 'commune=99999', "commune : aucune commune n'a le code INSEE « 99999 »"],
    [
      'commune',
      'commune=Lyon',
      'commune doit être un code INSEE de commune à 5 caractères, par exemple 69123 ou 2A004',
    ],
    ['radius_km', 'commune=69123&radius_km=0', 'radius_km doit être un nombre entier de kilomètres entre 1 et 300'],
    ['radius_km', 'commune=69123&radius_km=301', 'radius_km doit être un nombre entier de kilomètres entre 1 et 300'],
    ['radius_km', 'commune=69123&radius_km=dix', 'radius_km doit être un nombre entier de kilomètres entre 1 et 300'],
    ['radius_km', 'radius_km=10', 'radius_km ne peut être utilisé qu’avec une commune (paramètre commune)'],
    ['sort', 'sort=price', 'sort doit valoir relevance, name, distance'],
    ['sort', 'sort=distance', 'le tri par distance (sort=distance) demande une commune (paramètre commune)'],
    ['page', 'page=0', 'page doit être un entier entre 1 et 1000000'],
    ['page', 'page=deux', 'page doit être un entier entre 1 et 1000000'],
    ['page', 'page=1.5', 'page doit être un entier entre 1 et 1000000'],
    ['per_page', 'per_page=0', 'per_page doit être un entier entre 1 et 100'],
    ['per_page', 'per_page=101', 'per_page doit être un entier entre 1 et 100'],
    ['per_page', 'per_page=vingt', 'per_page doit être un entier entre 1 et 100'],
    ['per_page', 'per_page=10&per_page=20', "per_page ne peut être donné qu'une seule fois"],
  ])('%s: %s', async (param, query, message) => {
    expect(await refused(query)).toEqual([{ param, message }]);
  });

  it('refuses an unknown parameter rather than ignoring it', async () => {
    const issues = await refused('kinds=EI');
    expect(issues).toHaveLength(1);
    expect(issues[0].param).toBe('kinds');
    expect(issues[0].message).toMatch(/^paramètre inconnu « kinds » \(paramètres acceptés : q, kind, /);
  });

  it('lists every problem at once', async () => {
    const issues = await refused('kind=XYZ&label=nope&departement=96');
    expect(issues.map((i) => i.param)).toEqual(['kind', 'departement', 'label']);
  });

  it('does not cache errors', async () => {
    const { response } = await search('per_page=0');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('GET /api/v1/suppliers: escaping', () => {
  it('returns a <script> query escaped in the snippet and never raw', async () => {
    const { status, body, text } = await search(`q=${encodeURIComponent('<script>')}`);
    expect(status).toBe(200);
    expect(text).not.toMatch(/<script/i);
    const hit = body.hits.find((h: { id: number }) => h.id === fx.ids.balise);
    expect(hit, 'the supplier whose description holds a script tag is found').toBeDefined();
    expect(hit.snippet).toContain('<mark>');
    expect(hit.snippet).toContain('&lt;');
    expect(hit.snippet).not.toMatch(/<script/i);
  });

  it('never echoes raw markup in an error message', async () => {
    const { status, text, body } = await search(`kind=${encodeURIComponent('<img src=x onerror=alert(1)>')}`);
    expect(status).toBe(400);
    expect(text).not.toContain('<img');
    expect(body.error.issues[0].message).toContain('<img');
  });
});

describe('GET /api/v1/suppliers: odd free text is searched, never an error', () => {
  it.each([
    '"',
    '*',
    'NEAR(jardins haies)',
    'jardins OR haies',
    'jardins AND NOT haies',
    '-jardins',
    'name:jardins',
    '((jardins',
    '^jardins',
    "'; DROP TABLE suppliers; --",
    '\u0000\u0002jardins\u0003',
    '🌳 jardins',
    '%_%',
    '.'.repeat(500),
  ])('q=%j', async (q) => {
    const { status, body } = await search(`q=${encodeURIComponent(q)}`);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(Array.isArray(body.hits)).toBe(true);
  });

  it('still finds the supplier after the odd characters', async () => {
    expect(await names(`q=${encodeURIComponent('"jardins*')}`)).toContain(FIXTURE.jardins.name);
  });
});

describe('GET /api/v1/suppliers: failures', () => {
  it('answers 503 JSON when the search engine is down', async () => {
    const unreachable = await unreachableEngine();
    setAppContext({ ...fx.context, search: unreachable });
    try {
      const { status, body, response } = await search('q=jardins');
      expect(status).toBe(503);
      expect(body).toEqual({
        error: { message: 'La recherche est momentanément indisponible. Réessayez dans quelques instants.' },
      });
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(response.headers.get('retry-after')).toBe('5');
    } finally {
      setAppContext(fx.context);
    }
  });

  it('refuses other methods with a JSON 405', async () => {
    const response = await call(action, '/api/v1/suppliers', {}, { method: 'POST', body: 'x=1' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect((await response.json()).error.message).toMatch(/lecture seule/);
  });
});
