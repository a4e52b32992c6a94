import {
  definitionOf,
  FILTER_PARAMS,
  SEARCH_PARAM_NAMES,
  SORT_ORDERS,
  type FilterParam,
  type ListParam,
  type SearchState,
  type SortOrder,
} from './params';
import { dropParams } from './parse';

// A search state back to a query string, and the state changes behind the search page's links (facet
// toggles, removing a filter, sort, pagination), so that every link keeps the whole search in the URL.
// Derived from the parameter table (./params.ts); see docs/decisions/054-search-parameter-table.md.

/**
 * The state as a query string, leaving out defaults (empty q, page 1, 20 per page, relevance) and what needs
 * a missing commune, in the table's order, so equal states give equal URLs.
 */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  const values = state as unknown as Record<string, unknown>;
  for (const name of SEARCH_PARAM_NAMES) {
    const def = definitionOf(name);
    const value = values[def.key];
    if (value === undefined) continue;
    if (def.requiresCommune && !state.commune && (def.requiresCommune.when?.(value as never) ?? true)) continue;
    if (Array.isArray(value)) {
      for (const item of value) params.append(name, String(item));
    } else {
      const text = String(value).trim();
      if (text !== '' && text !== String(def.default)) params.set(name, text);
    }
  }
  return params;
}

/** `path?query` for the state (just `path` when the state is the default one). */
export function searchHref(path: string, state: SearchState): string {
  const query = toSearchParams(state).toString();
  return query ? `${path}?${query}` : path;
}

/** Adds the value to the facet if absent, removes it if present; back to page 1 (the result set changes). */
export function toggleValue(state: SearchState, param: ListParam, value: string): SearchState {
  const current = state[param] as string[];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return { ...state, [param]: next, page: 1 };
}

/** Removes every value of one filter (the commune with its radius and distance sort); back to page 1. */
export function clearParam(state: SearchState, param: FilterParam): SearchState {
  return { ...dropParams(state, new Set([param])), page: 1 };
}

/** The state without any filter (the query too; the caller keeps it when wanted); back to page 1. */
export function clearFilters(state: SearchState): SearchState {
  return { ...dropParams(state, new Set(FILTER_PARAMS)), page: 1 };
}

/** Same query and filters, another page. */
export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, page };
}

/** Same query and filters, another sort order; back to page 1. */
export function withSort(state: SearchState, sort: SortOrder): SearchState {
  return { ...state, sort, page: 1 };
}

/** The sort orders a state can use: the distance one only with a commune. */
export function sortOrdersFor(state: SearchState): SortOrder[] {
  const { requiresCommune } = definitionOf('sort');
  return SORT_ORDERS.filter((order) => state.commune || !(requiresCommune?.when?.(order as never) ?? true));
}

/** True when any filter or query is set (the page shows a "clear all" link). */
export function hasFilters(state: SearchState): boolean {
  const values = state as unknown as Record<string, unknown>;
  return FILTER_PARAMS.some((name) => {
    const def = definitionOf(name);
    const value = values[def.key];
    return Array.isArray(value) ? value.length > 0 : value !== undefined && value !== def.default;
  });
}

/** Number of the last page for a total (1 when there is nothing to show). */
export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
