import { describe, expect, it } from 'vitest';
import {
  clearFilters,
  clearParam,
  hasFilters,
  lastPage,
  searchHref,
  sortOrdersFor,
  toggleValue,
  toSearchParams,
  withPage,
  withSort,
} from '../../app/domain/search/links';
import { emptySearchState, type SearchState } from '../../app/domain/search/params';
import { parseSearchParams } from '../../app/domain/search/parse';

// The serialiser and the link helpers of the search page (app/domain/search/links.ts).

function ok(query: string): SearchState {
  const result = parseSearchParams(new URLSearchParams(query));
  if (!result.ok) throw new Error(`expected ${query} to parse: ${JSON.stringify(result.error)}`);
  return result.value;
}

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

  it('clears every filter at once, keeping the sort (unless by distance) and the page size', () => {
    const full: SearchState = {
      ...ok('q=repas&kind=EI&sector=catering&departement=69&region=84&label=ESUS&charter=verified'),
      commune: '69123',
      radiusKm: 20,
      sort: 'distance',
      page: 3,
      perPage: 50,
    };
    expect(clearFilters(full)).toEqual({ ...emptySearchState(), perPage: 50 });
    expect(clearFilters({ ...full, sort: 'name' })).toEqual({ ...emptySearchState(), sort: 'name', perPage: 50 });
  });

  it('offers the distance sort only with a commune', () => {
    expect(sortOrdersFor(emptySearchState())).toEqual(['relevance', 'name']);
    expect(sortOrdersFor({ ...emptySearchState(), commune: '69123' })).toEqual(['relevance', 'name', 'distance']);
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
