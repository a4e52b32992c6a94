import { describe, expect, it } from 'vitest';
import {
  clearParam,
  emptySearchState,
  hasFilters,
  lastPage,
  parseSearchParams,
  searchHref,
  SEARCH_PARAM_NAMES,
  toggleValue,
  toSearchParams,
  withPage,
  withSort,
  type SearchState,
} from '../../app/domain/search-params';

function parse(query: string, unknownParams: 'reject' | 'ignore' = 'reject') {
  return parseSearchParams(new URLSearchParams(query), { unknownParams });
}

function ok(query: string): SearchState {
  const result = parse(query);
  if (!result.success) throw new Error(`expected ${query} to parse: ${JSON.stringify(result.issues)}`);
  return result.state;
}

function issuesOf(query: string, unknownParams: 'reject' | 'ignore' = 'reject') {
  const result = parse(query, unknownParams);
  if (result.success) throw new Error(`expected ${query} to be refused`);
  return result.issues;
}

describe('parseSearchParams', () => {
  it('gives the defaults for an empty query string', () => {
    expect(ok('')).toEqual(emptySearchState());
    expect(ok('')).toEqual({
      q: '',
      kind: [],
      sector: [],
      departement: [],
      region: [],
      label: [],
      charter: [],
      sort: 'relevance',
      page: 1,
      perPage: 20,
    });
  });

  it('reads every parameter', () => {
    const state = ok(
      'q=+nettoyage+bureaux+&kind=EI&kind=ESAT&sector=cleaning&departement=69&departement=2a&region=84&label=ESUS&charter=verified&charter=pending&commune=69123&radius_km=30&sort=distance&page=3&per_page=50',
    );
    expect(state).toEqual({
      q: 'nettoyage bureaux',
      kind: ['EI', 'ESAT'],
      sector: ['cleaning'],
      departement: ['69', '2A'],
      region: ['84'],
      label: ['ESUS'],
      charter: ['verified', 'pending'],
      commune: '69123',
      radiusKm: 30,
      sort: 'distance',
      page: 3,
      perPage: 50,
    });
  });

  it('treats empty values as absent (forms submit empty fields)', () => {
    expect(ok('q=&kind=&commune=&radius_km=&sort=&page=&per_page=')).toEqual(emptySearchState());
  });

  it('removes duplicate values of a repeated parameter', () => {
    expect(ok('kind=EI&kind=EI&kind=EA').kind).toEqual(['EI', 'EA']);
  });

  it('accepts Corsican and overseas codes, upper-casing them', () => {
    expect(ok('departement=2b&departement=971&commune=2a004').departement).toEqual(['2B', '971']);
    expect(ok('commune=2a004').commune).toBe('2A004');
  });

  it('accepts q of exactly 500 characters and refuses 501', () => {
    expect(ok(`q=${'a'.repeat(500)}`).q).toHaveLength(500);
    expect(issuesOf(`q=${'a'.repeat(501)}`)).toEqual([
      { param: 'q', message: 'q ne doit pas dépasser 500 caractères' },
    ]);
  });

  it.each([
    ['per_page=0', 'per_page', 'per_page doit être un entier entre 1 et 100'],
    ['per_page=101', 'per_page', 'per_page doit être un entier entre 1 et 100'],
    ['per_page=abc', 'per_page', 'per_page doit être un entier entre 1 et 100'],
    ['per_page=2.5', 'per_page', 'per_page doit être un entier entre 1 et 100'],
    ['per_page=-3', 'per_page', 'per_page doit être un entier entre 1 et 100'],
    ['page=0', 'page', 'page doit être un entier entre 1 et 1000000'],
    ['page=x', 'page', 'page doit être un entier entre 1 et 1000000'],
    ['page=1e3', 'page', 'page doit être un entier entre 1 et 1000000'],
    ['page=99999999999999999999', 'page', 'page doit être un entier entre 1 et 1000000'],
    ['commune=69123&radius_km=0', 'radius_km', 'radius_km doit être un nombre entier de kilomètres entre 1 et 300'],
    ['commune=69123&radius_km=301', 'radius_km', 'radius_km doit être un nombre entier de kilomètres entre 1 et 300'],
    ['commune=69123&radius_km=ten', 'radius_km', 'radius_km doit être un nombre entier de kilomètres entre 1 et 300'],
    ['radius_km=10', 'radius_km', 'radius_km ne peut être utilisé qu’avec une commune (paramètre commune)'],
    ['sort=distance', 'sort', 'le tri par distance (sort=distance) demande une commune (paramètre commune)'],
    ['sort=price', 'sort', 'sort doit valoir relevance, name, distance'],
    [
      'commune=6912',
      'commune',
      'commune doit être un code INSEE de commune à 5 caractères, par exemple 69123 ou 2A004',
    ],
    [
      'commune=Lyon',
      'commune',
      'commune doit être un code INSEE de commune à 5 caractères, par exemple 69123 ou 2A004',
    ],
    [
      'charter=signed',
      'charter',
      "charter : « signed » n'est pas un statut de charte valide (valeurs possibles : none, pending, verified, expired)",
    ],
    [
      'departement=Rhone',
      'departement',
      "departement : « RHONE » n'est pas un code valide (code INSEE du département, par exemple 69 ou 2A)",
    ],
    [
      'region=ARA',
      'region',
      "region : « ARA » n'est pas un code valide (code INSEE de la région à deux chiffres, par exemple 84)",
    ],
    ['kind=<script>', 'kind', "kind : « <script> » n'est pas un code valide (voir /api/v1/reference/kinds)"],
    ['sector=a b', 'sector', "sector : « a b » n'est pas un code valide (voir /api/v1/reference/sectors)"],
    ['label=%25', 'label', "label : « % » n'est pas un code valide (voir /api/v1/reference/labels)"],
    ['page=1&page=2', 'page', "page ne peut être donné qu'une seule fois"],
    ['q=a&q=b', 'q', "q ne peut être donné qu'une seule fois"],
  ])('refuses %s with a French message on %s', (query, param, message) => {
    expect(issuesOf(query)).toEqual([{ param, message }]);
  });

  it('refuses more than 50 values for one facet', () => {
    const query = Array.from({ length: 51 }, (_, i) => `sector=s${i}`).join('&');
    expect(issuesOf(query)).toEqual([{ param: 'sector', message: 'sector accepte au plus 50 valeurs' }]);
  });

  it('refuses unknown parameters by default and can ignore them (HTML page)', () => {
    expect(issuesOf('kinds=EI')).toEqual([
      { param: 'kinds', message: expect.stringContaining('paramètre inconnu « kinds »') },
    ]);
    const lenient = parse('utm_source=mail&kind=EI', 'ignore');
    expect(lenient.success).toBe(true);
    expect(lenient.state.kind).toEqual(['EI']);
  });

  it('lists every problem at once and keeps the valid part of the state', () => {
    const result = parse('q=repas&kind=EI&per_page=500&page=0&sort=distance');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(result.issues.map((i) => i.param).sort()).toEqual(['page', 'per_page', 'sort']);
    expect(result.state).toEqual({ ...emptySearchState(), q: 'repas', kind: ['EI'] });
  });

  it('documents exactly the parameters it reads', () => {
    expect([...SEARCH_PARAM_NAMES].sort()).toEqual(
      [
        'q',
        'kind',
        'sector',
        'departement',
        'region',
        'label',
        'charter',
        'commune',
        'radius_km',
        'sort',
        'page',
        'per_page',
      ].sort(),
    );
  });
});

describe('toSearchParams', () => {
  it('leaves defaults out', () => {
    expect(toSearchParams(emptySearchState()).toString()).toBe('');
    expect(searchHref('/fournisseurs', emptySearchState())).toBe('/fournisseurs');
  });

  it('round-trips a full state', () => {
    const query =
      'q=repas+%C3%A0+domicile&kind=EI&kind=ESAT&sector=catering&departement=69&region=84&label=ESUS&charter=verified&commune=69123&radius_km=30&sort=distance&page=2&per_page=50';
    const state = ok(query);
    expect(toSearchParams(state).toString()).toBe(query);
    expect(ok(toSearchParams(state).toString())).toEqual(state);
  });

  it('never writes radius_km or sort=distance without a commune', () => {
    const state: SearchState = { ...emptySearchState(), radiusKm: 10, sort: 'distance' };
    expect(toSearchParams(state).toString()).toBe('');
  });
});

describe('link helpers', () => {
  const base: SearchState = { ...emptySearchState(), q: 'jardin', kind: ['EI'], page: 4 };

  it('toggles a facet value on and off, back to page 1', () => {
    const on = toggleValue(base, 'kind', 'ESAT');
    expect(on.kind).toEqual(['EI', 'ESAT']);
    expect(on.page).toBe(1);
    const off = toggleValue(on, 'kind', 'EI');
    expect(off.kind).toEqual(['ESAT']);
    expect(base.kind).toEqual(['EI']);
    expect(searchHref('/fournisseurs', toggleValue(base, 'charter', 'verified'))).toBe(
      '/fournisseurs?q=jardin&kind=EI&charter=verified',
    );
  });

  it('clears a filter, the query or the commune with its radius and distance sort', () => {
    expect(clearParam(base, 'kind').kind).toEqual([]);
    expect(clearParam(base, 'q').q).toBe('');
    const located: SearchState = { ...base, commune: '69123', radiusKm: 20, sort: 'distance' };
    const cleared = clearParam(located, 'commune');
    expect(cleared.commune).toBeUndefined();
    expect(cleared.radiusKm).toBeUndefined();
    expect(cleared.sort).toBe('relevance');
  });

  it('changes page and sort', () => {
    expect(searchHref('/fournisseurs', withPage(base, 5))).toBe('/fournisseurs?q=jardin&kind=EI&page=5');
    expect(withSort(base, 'name')).toMatchObject({ sort: 'name', page: 1 });
  });

  it('tells whether any filter is set', () => {
    expect(hasFilters(emptySearchState())).toBe(false);
    expect(hasFilters({ ...emptySearchState(), page: 3 })).toBe(false);
    expect(hasFilters({ ...emptySearchState(), charter: ['verified'] })).toBe(true);
    expect(hasFilters({ ...emptySearchState(), commune: '69123' })).toBe(true);
  });

  it('computes the last page', () => {
    expect(lastPage(0, 20)).toBe(1);
    expect(lastPage(20, 20)).toBe(1);
    expect(lastPage(21, 20)).toBe(2);
  });
});
