import type { LoaderFunctionArgs } from '@remix-run/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SearchQuery } from '../../search/types';
import { loader as communesLoader } from '../../app/routes/resources.communes';
import { loader as searchLoader } from '../../app/routes/fournisseurs._index';
import { loader as sheetLoader } from '../../app/routes/fournisseurs.$slug';
import { getCharterCriteria } from '../../app/services/charter.server';
import { resolveCommuneInput } from '../../app/services/commune-lookup.server';
import { getHomeCounts } from '../../app/services/home.server';
import { loadSearchPage, type SearchPageView } from '../../app/services/search-page.server';
import { setUpApiFixture, unreachableEngine, type ApiFixture } from '../api/fixture';

// The server side of the HTML pages on a real SQLite file indexed by the real engine: the search page's
// view (commune field, facet counts, refused parameters), the home counts, the commune autocomplete route
// and the sheet route's 404s.

let fixture: ApiFixture;

beforeAll(async () => {
  fixture = await setUpApiFixture();
});

type Page = Extract<SearchPageView, { kind: 'page' }>;

async function view(query: string): Promise<SearchPageView> {
  return loadSearchPage(fixture.context, new URLSearchParams(query));
}

async function page(query: string): Promise<Page> {
  const result = await view(query);
  if (result.kind !== 'page') throw new Error(`expected a page, got a redirect to ${result.location}`);
  return result;
}

function names(p: Page): string[] {
  return (p.results?.hits ?? []).map((h) => h.name).sort();
}

function args(path: string, params: Record<string, string> = {}): LoaderFunctionArgs {
  return { request: new Request(`http://localhost${path}`), params, context: {} } as LoaderFunctionArgs;
}

describe('search page view', () => {
  it('searches and names what it shows', async () => {
    const p = await page('q=jardins');
    expect(p.status).toBe(200);
    expect(names(p)).toEqual(['Les Jardins du Rhône']);
    const hit = p.results!.hits[0];
    expect(hit.kind.name).toBe("Atelier et chantier d'insertion");
    expect(hit.departement.name).toBe('Rhône (69)');
    expect(p.results!.sectorNames['entretien-espaces-verts']).toBe("Entretien d'espaces verts");
  });

  it('counts a facet without its own filter, so other values stay selectable', async () => {
    const p = await page('kind=EI');
    expect(names(p)).toEqual(['Net Services Villeurbanne']);
    const kinds = Object.fromEntries(p.facets!.kind.map((e) => [e.code, e]));
    expect(kinds.EI).toMatchObject({ selected: true, count: 1 });
    expect(kinds.ACI).toMatchObject({ selected: false, count: 1 });
    expect(kinds.ESAT).toMatchObject({ selected: false, count: 1 });
    // Other facets are counted with the kind filter applied.
    expect(p.facets!.departement.map((e) => e.code)).toEqual(['69']);
  });

  it('keeps checked values listed even when nothing matches them', async () => {
    const p = await page('q=imprimerie&region=84');
    expect(p.results!.total).toBe(0);
    expect(p.facets!.region.find((e) => e.code === '84')).toMatchObject({
      selected: true,
      name: 'Auvergne-Rhône-Alpes',
    });
  });

  it('groups sectors by sector group when every filter value is asked for (filtres=tous)', async () => {
    const p = await page('filtres=tous');
    expect(p.allFilters).toBe(true);
    expect(p.facets!.collapsed).toBeNull();
    const group = p.facets!.sectorGroups.find((g) => g.code === 'espaces-verts');
    expect(group?.sectors.map((s) => s.code)).toEqual(expect.arrayContaining(['entretien-espaces-verts']));
    expect(p.facets!.charter.map((e) => e.code)).toEqual(['none', 'pending', 'verified', 'expired']);
  });

  it('lists the top sectors in one list by default, the selected ones included (decision 301)', async () => {
    const p = await page('sector=entretien-espaces-verts');
    expect(p.allFilters).toBe(false);
    expect(p.facets!.sectorGroups).toEqual([]);
    const sectors = p.facets!.collapsed!.sectors;
    expect(sectors.find((s) => s.code === 'entretien-espaces-verts')).toMatchObject({ selected: true });
    const all = await page('sector=entretien-espaces-verts&filtres=tous');
    const every = all.facets!.sectorGroups.flatMap((g) => g.sectors);
    expect(sectors.length + p.facets!.collapsed!.hidden.sector).toBe(every.length);
    expect(p.facets!.departement.length + p.facets!.collapsed!.hidden.departement).toBe(all.facets!.departement.length);
  });

  it('refuses a filtres value other than « tous » with a French message and searches nothing', async () => {
    for (const query of ['q=jardins&filtres=quelques', 'q=jardins&filtres=tous&filtres=tous']) {
      const p = await page(query);
      expect(p.status).toBe(400);
      expect(p.issues).toEqual([
        { field: 'filtres', message: 'filtres ne peut valoir que « tous » (afficher toutes les valeurs des filtres)' },
      ]);
      expect(p.results).toBeNull();
      expect(p.allFilters).toBe(false);
    }
  });

  it('redirects a commune name or a picked suggestion to the INSEE code', async () => {
    expect(await view('q=nettoyage&commune=villeurbanne')).toEqual({
      kind: 'redirect',
      location: '/fournisseurs?q=nettoyage&commune=69266',
    });
    expect(await view('commune=Lyon+%2869123%29&radius_km=10')).toEqual({
      kind: 'redirect',
      location: '/fournisseurs?commune=69123&radius_km=10',
    });
    expect(await view('commune=SAINT-%C3%89TIENNE')).toEqual({
      kind: 'redirect',
      location: '/fournisseurs?commune=42218',
    });
  });

  it('shows the commune by name once resolved, with distances around it', async () => {
    const p = await page('commune=69266&radius_km=10&sort=distance');
    expect(p.status).toBe(200);
    expect(p.communeText).toBe('Villeurbanne (69266)');
    expect(p.commune).toEqual({ code: '69266', name: 'Villeurbanne', departement: '69' });
    expect(p.results!.hits[0].name).toBe('Net Services Villeurbanne');
    expect(p.results!.hits.every((h) => typeof h.distanceKm === 'number' && h.distanceKm <= 10)).toBe(true);
  });

  it('refuses an unknown commune name with a French message and keeps the text and the filters', async () => {
    const p = await page('q=nettoyage&commune=Xyzzyville&radius_km=20');
    expect(p.status).toBe(400);
    expect(p.issues.map((i) => i.message)).toEqual([
      expect.stringContaining('aucune commune ne s’appelle « Xyzzyville »'),
    ]);
    expect(p.communeText).toBe('Xyzzyville');
    expect(p.results).toBeNull();
    expect(p.facets).not.toBeNull();
    expect(p.state.q).toBe('nettoyage');
  });

  it('reports syntax errors and unknown codes together, with the filters of the valid part', async () => {
    const p = await page('q=nettoyage&per_page=1000&kind=ZZZ&kind=EI');
    expect(p.status).toBe(400);
    const messages = p.issues.map((i) => i.message).join('\n');
    expect(messages).toContain('per_page doit être un entier entre 1 et 100');
    expect(messages).toContain('« ZZZ »');
    expect(p.facets).not.toBeNull();
    expect(p.state.kind).toEqual([]);
    expect(p.state.q).toBe('nettoyage');
  });

  it('refuses a page beyond the last one', async () => {
    const p = await page('q=jardins&page=5');
    expect(p.status).toBe(400);
    expect(p.issues[0].field).toBe('page');
  });

  it('is lenient with a distance sort left in the form without a commune, and with unknown parameters', async () => {
    const p = await page('sort=distance&utm_source=lettre&commune=');
    expect(p.status).toBe(200);
    expect(p.state.sort).toBe('relevance');
    expect(p.results!.total).toBe(6);
  });

  it('recovers from bad parameters in one pass: one search of the valid part, for the filters', async () => {
    const queries: SearchQuery[] = [];
    const engine = fixture.context.search;
    const counting = new Proxy(engine, {
      get: (target, prop, receiver) =>
        prop === 'search'
          ? (query: SearchQuery) => {
              queries.push(query);
              return target.search(query);
            }
          : Reflect.get(target, prop, receiver),
    });
    const load = (query: string) =>
      loadSearchPage({ ...fixture.context, search: counting }, new URLSearchParams(query)) as Promise<Page>;

    // Syntax and unknown codes: both reported, the faulty parameters dropped, the rest searched once.
    const refused = await load('q=nettoyage&per_page=1000&kind=ZZZ&kind=EI&region=84');
    expect(refused.issues.map((i) => i.field)).toEqual(['per_page', 'kind']);
    expect(queries).toHaveLength(2); // the search, and the région facet counted without its own filter
    expect(queries[0]).toMatchObject({ q: 'nettoyage', kinds: [], regions: ['84'], page: 1, perPage: 20 });
    expect(refused.state).toMatchObject({ q: 'nettoyage', kind: [], region: ['84'], page: 1 });

    // A page beyond the last: the same answer gives the filters, no second search.
    queries.length = 0;
    const beyond = await load('q=jardins&page=5');
    expect(beyond).toMatchObject({ status: 400, results: null, state: { q: 'jardins', page: 1 } });
    expect(beyond.facets).not.toBeNull();
    expect(queries.map((q) => q.page)).toEqual([5]);

    // A valid commune code with another faulty parameter: the commune is kept, and shown by name.
    queries.length = 0;
    const located = await load('commune=69266&radius_km=10&sort=distance&per_page=0');
    expect(located).toMatchObject({ status: 400, communeText: 'Villeurbanne (69266)' });
    expect(located.state).toMatchObject({ commune: '69266', radiusKm: 10, sort: 'distance', perPage: 20 });
    expect(queries).toHaveLength(1);
  });

  it('answers 503 with a French message when the engine is down', async () => {
    const p = await loadSearchPage(
      { ...fixture.context, search: await unreachableEngine() },
      new URLSearchParams('q=jardins'),
    );
    expect(p).toMatchObject({ kind: 'page', status: 503, facets: null, results: null });
    expect((p as Page).unavailableMessage).toContain('momentanément indisponible');
  });
});

describe('search page route', () => {
  it('returns the view with its HTTP status, and redirects resolved communes', async () => {
    const ok = (await searchLoader(args('/fournisseurs?q=jardins'))) as unknown as {
      init: ResponseInit | null;
      data: Page;
    };
    expect(ok.init?.status).toBe(200);
    expect(ok.data.results?.total).toBe(1);
    const bad = (await searchLoader(args('/fournisseurs?per_page=0'))) as unknown as { init: ResponseInit | null };
    expect(bad.init?.status).toBe(400);
    const redirect = await searchLoader(args('/fournisseurs?commune=villeurbanne')).catch((e: unknown) => e);
    expect(redirect).toBeInstanceOf(Response);
    expect((redirect as Response).status).toBe(302);
    expect((redirect as Response).headers.get('Location')).toBe('/fournisseurs?commune=69266');
  });
});

describe('supplier sheet route', () => {
  it('loads a published supplier by slug', async () => {
    const data = await sheetLoader(args(`/fournisseurs/${fixture.slugs.jardins}`, { slug: fixture.slugs.jardins }));
    expect(data.sheet.name).toBe('Les Jardins du Rhône');
  });

  it('answers 404 for unpublished, unknown and malformed slugs', async () => {
    for (const slug of [fixture.slugs.brouillon, fixture.slugs.suspendu, 'inconnu', '../../etc', 'A-MAJUSCULE', '']) {
      const thrown = await sheetLoader(args(`/fournisseurs/${encodeURIComponent(slug)}`, { slug })).catch(
        (e: unknown) => e,
      );
      expect(thrown, slug).toBeInstanceOf(Response);
      expect((thrown as Response).status, slug).toBe(404);
    }
  });
});

describe('home and charter', () => {
  it('counts published suppliers by kind and région', async () => {
    const home = await getHomeCounts(fixture.context);
    expect(home.total).toBe(6);
    expect(home.kinds.map((k) => k.code)).toEqual(['EI', 'ACI', 'EA', 'ESAT', 'SCOP', 'SCIC']);
    expect(home.kinds.reduce((sum, k) => sum + k.count, 0)).toBe(6);
    expect(home.regions.find((r) => r.code === '84')).toMatchObject({ name: 'Auvergne-Rhône-Alpes', count: 4 });
    expect(home.verified).toBeGreaterThanOrEqual(1);
  });

  it('reads the 9 charter criteria in order', async () => {
    const criteria = await getCharterCriteria(fixture.database.db);
    expect(criteria.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});

describe('commune field and autocomplete', () => {
  it('resolves names, codes and suggestions, and reports unknown names', async () => {
    const db = fixture.database.db;
    expect(await resolveCommuneInput(db, 'Villeurbanne')).toEqual({ kind: 'code', code: '69266' });
    expect(await resolveCommuneInput(db, 'l haÿ les roses')).toEqual({ kind: 'code', code: '94038' });
    expect(await resolveCommuneInput(db, '69123')).toEqual({ kind: 'code', code: '69123' });
    expect(await resolveCommuneInput(db, '')).toEqual({ kind: 'empty' });
    expect(await resolveCommuneInput(db, 'Villeurb')).toEqual({ kind: 'not-found', text: 'Villeurb' });
    expect(await resolveCommuneInput(db, 'x'.repeat(200))).toMatchObject({ kind: 'not-found' });
  });

  it('suggests communes by name prefix, largest first', async () => {
    const response = (await communesLoader(args('/resources/communes?q=lyo'))) as Response;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { communes: { code: string; value: string }[] };
    expect(body.communes[0]).toMatchObject({ code: '69123', value: 'Lyon (69123)' });
    expect(body.communes.length).toBeLessThanOrEqual(10);
  });

  it('refuses a missing, empty, repeated or too long q with a French message', async () => {
    for (const query of ['', 'q=', 'q=%20', 'q=ly&q=on', `q=${'a'.repeat(101)}`]) {
      const response = (await communesLoader(args(`/resources/communes?${query}`))) as Response;
      expect(response.status, query).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      expect(body.error.message, query).toMatch(/paramètre q/);
    }
  });
});
