import type { CharterStatus } from '../../db/schema';
import type { FacetName, SearchResult } from '../../search/types';
import type { FacetEntry, FacetView, HitView } from '~/components/search-view';
import {
  clearParam,
  emptySearchState,
  FACET_PARAMS,
  LIST_PARAMS,
  parseSearchParams,
  type SearchParamIssue,
  type SearchState,
} from '~/domain/search-params';
import { CHARTER_STATUSES, CHARTER_STATUS_LABELS } from '~/domain/supplier';
import { communeFieldValue, resolveCommuneInput } from './commune-lookup.server';
import type { AppContext } from './context.server';
import { getReferenceData, type ReferenceData } from './reference.server';
import { searchSuppliers, type FacetNames, type ResolvedCommune } from './supplier-search.server';

// The /fournisseurs page on top of the shared search service: the commune field's text, facet counts that
// stay useful once a value is checked (each facet is counted without its own filter), and plain view data.
// See docs/decisions/060-search-page.md and 061-commune-field.md.

export type SearchPageView =
  | { kind: 'redirect'; location: string }
  | {
      kind: 'page';
      status: 200 | 400 | 503;
      state: SearchState;
      /** What the commune field shows: « Lyon (69123) », or the text that could not be resolved. */
      communeText: string;
      commune: { code: string; name: string; departement: string } | null;
      issues: SearchParamIssue[];
      unavailableMessage: string | null;
      /** Null when nothing could be searched (engine down). */
      facets: FacetView | null;
      results: {
        total: number;
        page: number;
        lastPage: number;
        hits: HitView[];
        sectorNames: Record<string, string>;
      } | null;
    };

type Ctx = Pick<AppContext, 'database' | 'search'>;

function entries(counts: Record<string, number>, names: Record<string, string>, selected: readonly string[], order: string[]): FacetEntry[] {
  const codes = new Set([...Object.keys(counts).filter((c) => counts[c] > 0), ...selected]);
  const position = new Map(order.map((code, i) => [code, i]));
  return [...codes]
    .sort((a, b) => (position.get(a) ?? Infinity) - (position.get(b) ?? Infinity) || a.localeCompare(b))
    .map((code) => ({ code, name: names[code] ?? code, count: counts[code] ?? 0, selected: selected.includes(code) }));
}

/**
 * Counts per facet value as if that value were added to the selection: a facet with checked values is
 * counted over a search without its own filter (one extra engine call per such facet, page size 1).
 */
async function disjunctiveFacets(
  ctx: Ctx,
  state: SearchState,
  result: SearchResult,
  names: FacetNames,
): Promise<{ counts: Record<FacetName, Record<string, number>>; names: FacetNames }> {
  const counts = { ...result.facets };
  const merged: FacetNames = { kind: { ...names.kind }, sector: { ...names.sector }, departement: { ...names.departement }, region: { ...names.region }, label: { ...names.label } };
  await Promise.all(
    FACET_PARAMS.filter((facet) => state[facet].length > 0).map(async (facet) => {
      const other = await searchSuppliers(ctx, { ...state, [facet]: [], page: 1, perPage: 1 });
      if (other.kind !== 'ok') return;
      counts[facet] = other.result.facets[facet];
      Object.assign(merged[facet], other.names[facet]);
    }),
  );
  return { counts, names: merged };
}

function facetView(reference: ReferenceData, state: SearchState, counts: Record<FacetName, Record<string, number>>, names: FacetNames): FacetView {
  const sectorEntries = entries(counts.sector, names.sector, state.sector, reference.sectors.map((s) => s.code));
  const sectorGroups = reference.sectorGroups
    .map((group) => {
      const codes = new Set(group.sectors.map((s) => s.code));
      return { code: group.code, name: group.name, sectors: sectorEntries.filter((e) => codes.has(e.code)) };
    })
    .filter((group) => group.sectors.length > 0);
  const regionsByName = [...reference.regions].sort((a, b) => a.name.localeCompare(b.name, 'fr')).map((r) => r.code);
  return {
    kind: entries(counts.kind, names.kind, state.kind, reference.kinds.map((k) => k.code)),
    sectorGroups,
    region: entries(counts.region, names.region, state.region, regionsByName),
    departement: entries(counts.departement, names.departement, state.departement, reference.departements.map((d) => d.code)),
    label: entries(counts.label, names.label, state.label, reference.labels.map((l) => l.code)),
    charter: CHARTER_STATUSES.map((status: CharterStatus) => ({
      code: status,
      name: CHARTER_STATUS_LABELS[status],
      count: null,
      selected: state.charter.includes(status),
    })),
  };
}

function hitViews(result: SearchResult, names: FacetNames): HitView[] {
  return result.hits.map((hit) => ({
    id: hit.id,
    slug: hit.slug,
    name: hit.name,
    kind: { code: hit.structureKind, name: names.kind[hit.structureKind] ?? hit.structureKind },
    commune: hit.commune,
    departement: { code: hit.departement, name: names.departement[hit.departement] ?? hit.departement },
    sectors: hit.sectors,
    charterStatus: hit.charterStatus,
    ...(hit.distanceKm !== undefined ? { distanceKm: hit.distanceKm } : {}),
    ...(hit.snippet !== undefined ? { snippet: hit.snippet } : {}),
  }));
}

function communeSummary(commune: ResolvedCommune | undefined) {
  return commune ? { code: commune.code, name: commune.name, departement: commune.departement.code } : null;
}

/** The valid part of a refused state: every parameter with an issue back to its default. */
function withoutFaultyParams(state: SearchState, issues: SearchParamIssue[]): SearchState {
  let next: SearchState = { ...state, page: 1 };
  for (const { param } of issues) {
    if ((LIST_PARAMS as readonly string[]).includes(param) || param === 'q' || param === 'commune') {
      next = clearParam(next, param as Parameters<typeof clearParam>[1]);
    } else if (param === 'radius_km') {
      const { radiusKm: _r, ...rest } = next;
      next = rest;
    } else if (param === 'sort') {
      next = { ...next, sort: 'relevance' };
    } else if (param === 'per_page') {
      next = { ...next, perPage: emptySearchState().perPage };
    }
  }
  if (next.sort === 'distance' && !next.commune) next = { ...next, sort: 'relevance' };
  return next;
}

/** Everything the /fournisseurs page shows for a query string. Never throws for bad input. */
export async function loadSearchPage(ctx: Ctx, search: URLSearchParams): Promise<SearchPageView> {
  const params = new URLSearchParams(search);
  const extraIssues: SearchParamIssue[] = [];
  let communeText = '';

  // The commune field holds text: resolve a name or a picked suggestion to its INSEE code, and redirect to
  // the URL with the code, so that the shared URL is canonical.
  const communeValues = params
    .getAll('commune')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (communeValues.length === 1) {
    communeText = communeValues[0];
    const resolution = await resolveCommuneInput(ctx.database.db, communeText);
    if (resolution.kind === 'code' && resolution.code !== communeText) {
      params.set('commune', resolution.code);
      return { kind: 'redirect', location: `/fournisseurs?${params.toString()}` };
    }
    if (resolution.kind === 'not-found') {
      extraIssues.push({
        param: 'commune',
        message: `Commune : aucune commune ne s’appelle « ${resolution.text.slice(0, 100)} ». Choisissez une commune proposée ou saisissez son code INSEE (5 caractères).`,
      });
      params.delete('commune');
      params.delete('radius_km');
    }
  }
  // The form keeps « distance » in the sort select after the commune is cleared: fall back to relevance.
  if (params.get('sort') === 'distance' && !params.getAll('commune').some((v) => v.trim() !== '')) params.delete('sort');

  const reference = await getReferenceData(ctx.database.db);
  const outcome = await searchSuppliers(ctx, params, { unknownParams: 'ignore' });

  if (outcome.kind === 'unavailable') {
    return {
      kind: 'page',
      status: 503,
      state: outcome.state,
      communeText,
      commune: null,
      issues: [],
      unavailableMessage: outcome.message,
      facets: null,
      results: null,
    };
  }

  if (outcome.kind === 'ok' && extraIssues.length === 0) {
    const { counts, names } = await disjunctiveFacets(ctx, outcome.state, outcome.result, outcome.names);
    return {
      kind: 'page',
      status: 200,
      state: outcome.state,
      communeText: outcome.commune ? communeFieldValue(outcome.commune) : communeText,
      commune: communeSummary(outcome.commune),
      issues: [],
      unavailableMessage: null,
      facets: facetView(reference, outcome.state, counts, names),
      results: {
        total: outcome.result.total,
        page: outcome.result.page,
        lastPage: outcome.lastPage,
        hits: hitViews(outcome.result, names),
        sectorNames: names.sector,
      },
    };
  }

  // Refused: show the messages, and the filters of the valid part of the search so the person can fix it.
  // Syntax errors hide unknown codes (checked after parsing): retry on the valid part and report those too.
  const issues = [...extraIssues, ...(outcome.kind === 'invalid' ? outcome.issues : [])];
  let fallbackState = withoutFaultyParams(outcome.state, issues);
  let fallback = outcome.kind === 'ok' ? outcome : await searchSuppliers(ctx, fallbackState);
  for (let attempt = 0; attempt < 3 && fallback.kind === 'invalid'; attempt++) {
    const known = new Set(issues.map((i) => i.message));
    issues.push(...fallback.issues.filter((i) => !known.has(i.message)));
    fallbackState = withoutFaultyParams(fallback.state, fallback.issues);
    fallback = await searchSuppliers(ctx, fallbackState);
  }
  let facets: FacetView | null = null;
  let commune: ReturnType<typeof communeSummary> = null;
  if (fallback.kind === 'ok') {
    const { counts, names } = await disjunctiveFacets(ctx, fallback.state, fallback.result, fallback.names);
    facets = facetView(reference, fallback.state, counts, names);
    commune = communeSummary(fallback.commune);
    if (fallback.commune && communeText === '') communeText = communeFieldValue(fallback.commune);
  }
  return {
    kind: 'page',
    status: 400,
    state: fallback.kind === 'ok' ? fallback.state : fallbackState,
    communeText,
    commune,
    issues,
    unavailableMessage: null,
    facets,
    results: null,
  };
}
