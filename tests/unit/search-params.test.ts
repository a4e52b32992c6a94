import { describe, expect, it } from 'vitest';
import { emptySearchState, type SearchState } from '../../app/domain/search/params';
import { parseSearchParams, readSearchParams } from '../../app/domain/search/parse';

// Parsing the search parameters (app/domain/search/parse.ts); the table itself is tested in
// search-param-table.test.ts, the serialiser and links in search-links.test.ts.

function parse(query: string, unknownParams: 'reject' | 'ignore' = 'reject') {
  return parseSearchParams(new URLSearchParams(query), { unknownParams });
}

function ok(query: string): SearchState {
  const result = parse(query);
  if (!result.ok) throw new Error(`expected ${query} to parse: ${JSON.stringify(result.error)}`);
  return result.value;
}

function issuesOf(query: string, unknownParams: 'reject' | 'ignore' = 'reject') {
  const result = parse(query, unknownParams);
  if (result.ok) throw new Error(`expected ${query} to be refused`);
  return result.error;
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
      { field: 'q', message: 'q ne doit pas dépasser 500 caractères' },
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
    expect(issuesOf(query)).toEqual([{ field: param, message }]);
  });

  it('refuses more than 50 values for one facet', () => {
    const query = Array.from({ length: 51 }, (_, i) => `sector=s${i}`).join('&');
    expect(issuesOf(query)).toEqual([{ field: 'sector', message: 'sector accepte au plus 50 valeurs' }]);
  });

  it('refuses unknown parameters by default and can ignore them (HTML page)', () => {
    expect(issuesOf('kinds=EI')).toEqual([
      { field: 'kinds', message: expect.stringContaining('paramètre inconnu « kinds »') },
    ]);
    const lenient = parse('utm_source=mail&kind=EI', 'ignore');
    expect(lenient.ok).toBe(true);
    expect(lenient.ok && lenient.value.kind).toEqual(['EI']);
  });

  it('lists every problem at once and keeps the valid part of the state', () => {
    const result = readSearchParams(new URLSearchParams('q=repas&kind=EI&per_page=500&page=0&sort=distance'));
    expect(result.issues.map((i) => i.field).sort()).toEqual(['page', 'per_page', 'sort']);
    expect(result.state).toEqual({ ...emptySearchState(), q: 'repas', kind: ['EI'] });
    expect(parse('q=repas&kind=EI&per_page=500&page=0&sort=distance')).toEqual({ ok: false, error: result.issues });
  });
});
