import { describe, expect, it } from 'vitest';
import {
  COMMUNE_DEPENDENT_PARAMS,
  DEFAULT_SEARCH_STATE,
  emptySearchState,
  FACET_PARAMS,
  FILTER_PARAMS,
  LIST_PARAMS,
  SCALAR_PARAMS,
  SEARCH_LIMITS,
  SEARCH_PARAM_NAMES,
  SEARCH_PARAMS,
} from '../../app/domain/search/params';
import { dropParams, readSearchParams } from '../../app/domain/search/parse';

// The one table of search parameters (app/domain/search/params.ts) and what derives from it, and the
// one-pass reading that gives both the issues and the valid part (docs/decisions/054 and 055).

describe('the parameter table', () => {
  it('derives the name lists, in URL order', () => {
    expect(SEARCH_PARAM_NAMES).toEqual([
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
    ]);
    expect(FACET_PARAMS).toEqual(['kind', 'sector', 'departement', 'region', 'label']);
    expect(LIST_PARAMS).toEqual([...FACET_PARAMS, 'charter']);
    expect(SCALAR_PARAMS).toEqual(['q', 'commune', 'radius_km', 'sort', 'page', 'per_page']);
    expect(FILTER_PARAMS).toEqual(['q', ...LIST_PARAMS, 'commune']);
    expect(COMMUNE_DEPENDENT_PARAMS).toEqual(['radius_km', 'sort']);
  });

  it('keeps the documented limits (docs/decisions/050-search-parameters.md)', () => {
    expect(SEARCH_LIMITS).toEqual({
      qMaxLength: 500,
      radiusMinKm: 1,
      radiusMaxKm: 300,
      perPageMin: 1,
      perPageMax: 100,
      perPageDefault: 20,
      pageMax: 1_000_000,
      maxValuesPerFacet: 50,
      maxCodeLength: 64,
    });
  });

  it('gives every facet the address of its reference list', () => {
    for (const name of FACET_PARAMS) expect(SEARCH_PARAMS[name].referenceList).toMatch(/^\/api\/v1\/reference\//);
  });

  it('derives the default state from the defaults of the table', () => {
    const state = emptySearchState();
    expect(state).toEqual(DEFAULT_SEARCH_STATE);
    expect(state).not.toHaveProperty('commune');
    expect(state).not.toHaveProperty('radiusKm');
    state.kind.push('EI');
    expect(emptySearchState().kind).toEqual([]);
    expect(DEFAULT_SEARCH_STATE.kind).toEqual([]);
  });
});

describe('one-pass reading: the issues and the valid part together', () => {
  const read = (query: string) => readSearchParams(new URLSearchParams(query), { unknownParams: 'ignore' });

  it('drops exactly the faulty parameters and keeps the others', () => {
    const { issues, state } = read('q=repas&kind=EI&kind=%25&departement=69&per_page=500&page=3&sort=name');
    expect(issues.map((i) => i.field)).toEqual(['kind', 'per_page']);
    expect(state).toEqual({ ...emptySearchState(), q: 'repas', departement: ['69'], page: 3, sort: 'name' });
  });

  it('drops the radius and the distance sort with a faulty commune, with one message only', () => {
    const { issues, state } = read('q=repas&commune=6912&radius_km=10&sort=distance');
    expect(issues).toEqual([{ field: 'commune', message: expect.stringContaining('code INSEE de commune') }]);
    expect(state).toEqual({ ...emptySearchState(), q: 'repas' });
  });

  it('reports every problem of a parameter and the rules between parameters at once', () => {
    const { issues, state } = read('q=a&q=b&radius_km=0&sort=price&kind=EI');
    expect(issues.map((i) => i.field)).toEqual(['q', 'radius_km', 'sort', 'radius_km']);
    expect(issues[3].message).toBe('radius_km ne peut être utilisé qu’avec une commune (paramètre commune)');
    expect(state).toEqual({ ...emptySearchState(), kind: ['EI'] });
  });

  it('gives the parsed state itself when nothing is wrong', () => {
    const { issues, state } = read('q=repas&commune=69123&radius_km=10&sort=distance&page=2');
    expect(issues).toEqual([]);
    expect(state).toMatchObject({ q: 'repas', commune: '69123', radiusKm: 10, sort: 'distance', page: 2 });
  });

  it('drops parameters by name, with what needs the commune when the commune goes', () => {
    const state = { ...emptySearchState(), kind: ['EI'], commune: '69123', radiusKm: 10, sort: 'distance' as const };
    expect(dropParams(state, new Set(['kind']))).toEqual({ ...state, kind: [] });
    expect(dropParams(state, new Set(['commune']))).toEqual({ ...emptySearchState(), kind: ['EI'] });
    expect(dropParams({ ...state, sort: 'name' }, new Set(['commune']))).toEqual({
      ...emptySearchState(),
      kind: ['EI'],
      sort: 'name',
    });
  });
});
