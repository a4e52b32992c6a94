import { logFault } from './log.server';
import type { FacetName, SearchResult } from '../../search/types';
import type { FieldIssue } from '~/domain/result';
import { lastPage } from '~/domain/search/links';
import { searchMessages } from '~/domain/search/messages';
import { FACET_PARAMS, type SearchState } from '~/domain/search/params';
import { readSearchParams } from '~/domain/search/parse';
import {
  ALL_FILTERS_PARAM,
  collapseFacetView,
  readAllFilters,
  type FacetEntry,
  type FacetView,
  type HitView,
} from '~/domain/search/view';
import { CHARTER_STATUSES, CHARTER_STATUS_LABELS, type CharterStatus } from '~/domain/charter';
import { answerCache, indexVersion } from './cache/answer-cache.server';
import { communeFieldValue, resolveCommuneInput } from './commune-lookup.server';
import type { AppContext } from './context.server';
import { getReferenceData, type ReferenceData } from './reference.server';
import {
  askEngine,
  checkSearchState,
  pageBeyondLastIssue,
  toSearchQuery,
  type ResolvedCommune,
} from './supplier-search.server';

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
      /** The French messages, each about one query-string parameter (field). */
      issues: FieldIssue[];
      unavailableMessage: string | null;
      /** Null when nothing could be searched (engine down). */
      facets: FacetView | null;
      /** Whether every value of the long facet lists is shown (`filtres=tous`), or their top values only. */
      allFilters: boolean;
      results: {
        total: number;
        page: number;
        lastPage: number;
        hits: HitView[];
        /** Names of the sectors shown in the hits. */
        sectorNames: Record<string, string>;
      } | null;
    };

type Ctx = Pick<AppContext, 'database' | 'search'> & { env?: Pick<AppContext['env'], 'SEARCH_CACHE_ENTRIES'> };

/** A facet's values in display order, with their display names. */
interface FacetOrder {
  codes: readonly string[];
  names: ReadonlyMap<string, string>;
}

/** Everything constant the facet lists need, derived once per reference data (so once per process). */
interface FacetLayout {
  kind: FacetOrder;
  sector: FacetOrder;
  departement: FacetOrder;
  region: FacetOrder;
  label: FacetOrder;
  sectorGroups: readonly { code: string; name: string; sectors: FacetOrder }[];
}

const layouts = new WeakMap<ReferenceData, FacetLayout>();

function facetOrder(
  items: readonly { code: string; name: string }[],
  nameOf: (item: { code: string; name: string }) => string = (i) => i.name,
): FacetOrder {
  return { codes: items.map((i) => i.code), names: new Map(items.map((i) => [i.code, nameOf(i)])) };
}

function facetLayout(reference: ReferenceData): FacetLayout {
  let layout = layouts.get(reference);
  if (!layout) {
    layout = {
      kind: facetOrder(reference.kinds),
      sector: facetOrder(reference.sectors),
      // Départements are named with their code, as everywhere else: « Rhône (69) ».
      departement: facetOrder(reference.departements, (d) => `${d.name} (${d.code})`),
      region: facetOrder(reference.regionsByName),
      label: facetOrder(reference.labels),
      sectorGroups: reference.sectorGroups.map((group) => ({
        code: group.code,
        name: group.name,
        sectors: facetOrder(group.sectors),
      })),
    };
    layouts.set(reference, layout);
  }
  return layout;
}

/**
 * The values to list for one facet, in reference order: those with matches, plus the selected ones. Codes
 * the reference does not know (not expected from the engines) come last, by code, named by their code.
 */
function entries(
  order: FacetOrder,
  counts: Record<string, number>,
  selected: readonly string[],
  withUnknown = true,
): FacetEntry[] {
  const chosen = new Set(selected);
  const list: FacetEntry[] = [];
  for (const code of order.codes) {
    const count = counts[code] ?? 0;
    if (count > 0 || chosen.has(code))
      list.push({ code, name: order.names.get(code) ?? code, count, selected: chosen.has(code) });
  }
  if (withUnknown) {
    const unknown = new Set(
      [...Object.keys(counts).filter((c) => counts[c] > 0), ...selected].filter((c) => !order.names.has(c)),
    );
    for (const code of [...unknown].sort())
      list.push({ code, name: code, count: counts[code] ?? 0, selected: chosen.has(code) });
  }
  return list;
}

/**
 * Counts per facet value as if that value were added to the selection: a facet with checked values is
 * counted over the same engine query without its own filter (one extra engine call per such facet, page
 * size 1, same sort so the engine reuses the ranking of the main query). A facet with nothing checked
 * keeps the counts of the main query. A failed extra call keeps the main query's counts for that facet.
 */
async function disjunctiveCounts(
  ctx: Ctx,
  state: SearchState,
  commune: ResolvedCommune | undefined,
  result: SearchResult,
): Promise<{ counts: Record<FacetName, Record<string, number>>; complete: boolean }> {
  const counts = { ...result.facets };
  let complete = true;
  await Promise.all(
    FACET_PARAMS.filter((facet) => state[facet].length > 0).map(async (facet) => {
      try {
        const other = await ctx.search.search(toSearchQuery({ ...state, [facet]: [], page: 1, perPage: 1 }, commune));
        counts[facet] = other.facets[facet];
      } catch (error) {
        complete = false;
        logFault(`search ${ctx.search.name} (counts without the ${facet} filter)`, error);
      }
    }),
  );
  return { counts, complete };
}

function facetView(
  layout: FacetLayout,
  state: SearchState,
  counts: Record<FacetName, Record<string, number>>,
): FacetView {
  const sectorGroups: FacetView['sectorGroups'] = [];
  for (const group of layout.sectorGroups) {
    // Sectors belong to one group each; one outside every group is not listed (a reference inconsistency).
    const sectors = entries(
      group.sectors,
      counts.sector,
      state.sector.filter((c) => group.sectors.names.has(c)),
      false,
    );
    if (sectors.length > 0) sectorGroups.push({ code: group.code, name: group.name, sectors });
  }
  return {
    kind: entries(layout.kind, counts.kind, state.kind),
    sectorGroups,
    region: entries(layout.region, counts.region, state.region),
    departement: entries(layout.departement, counts.departement, state.departement),
    label: entries(layout.label, counts.label, state.label),
    charter: CHARTER_STATUSES.map((status: CharterStatus) => ({
      code: status,
      name: CHARTER_STATUS_LABELS[status],
      count: null,
      selected: state.charter.includes(status),
    })),
    collapsed: null,
  };
}

function hitViews(result: SearchResult, layout: FacetLayout): HitView[] {
  return result.hits.map((hit) => ({
    id: hit.id,
    slug: hit.slug,
    name: hit.name,
    kind: { code: hit.structureKind, name: layout.kind.names.get(hit.structureKind) ?? hit.structureKind },
    commune: hit.commune,
    departement: { code: hit.departement, name: layout.departement.names.get(hit.departement) ?? hit.departement },
    sectors: hit.sectors,
    charterStatus: hit.charterStatus,
    ...(hit.distanceKm !== undefined ? { distanceKm: hit.distanceKm } : {}),
    ...(hit.snippet !== undefined ? { snippet: hit.snippet } : {}),
  }));
}

/** Names of the sectors the hits show (only those: the facet lists carry their own names). */
function hitSectorNames(hits: readonly HitView[], layout: FacetLayout): Record<string, string> {
  const names: Record<string, string> = {};
  for (const hit of hits) for (const code of hit.sectors) names[code] ??= layout.sector.names.get(code) ?? code;
  return names;
}

function communeSummary(commune: ResolvedCommune | undefined) {
  return commune ? { code: commune.code, name: commune.name, departement: commune.departement.code } : null;
}

/**
 * Everything the /fournisseurs page shows for a query string. Never throws for bad input. Bad parameters are
 * recovered from once (docs/decisions/055-one-pass-recovery.md): the faulty ones are dropped, the French
 * messages shown with a 400, and the valid rest is searched for the filters. A query string asked again while the
 * search index has not changed is answered from the cache (decision 303); a view made while the engine failed
 * (503, or counts missing) is never kept.
 */
export async function loadSearchPage(ctx: Ctx, search: URLSearchParams): Promise<SearchPageView> {
  const version = await indexVersion(ctx.search);
  const cache =
    version === null
      ? null
      : answerCache<SearchPageView>(ctx.search, 'search-page', ctx.env?.SEARCH_CACHE_ENTRIES ?? 0);
  const key = search.toString();
  const cached = cache?.get(version!, key);
  if (cached) return cached;
  const { view, cacheable } = await computeSearchPage(ctx, search);
  if (cache && cacheable) cache.set(version!, key, view);
  return view;
}

async function computeSearchPage(
  ctx: Ctx,
  search: URLSearchParams,
): Promise<{ view: SearchPageView; cacheable: boolean }> {
  const params = new URLSearchParams(search);
  const issues: FieldIssue[] = [];
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
      return { view: { kind: 'redirect', location: `/fournisseurs?${params.toString()}` }, cacheable: true };
    }
    if (resolution.kind === 'not-found') {
      issues.push({ field: 'commune', message: searchMessages.unknownCommuneName(resolution.text) });
      params.delete('commune');
      params.delete('radius_km');
    }
  }
  // The form keeps « distance » in the sort select after the commune is cleared: fall back to relevance.
  if (params.get('sort') === 'distance' && !params.getAll('commune').some((v) => v.trim() !== ''))
    params.delete('sort');

  // The page's own display parameter (decision 301): every filter value, or the top values of the long lists.
  const display = readAllFilters(params);
  if (display.issue) issues.push({ field: ALL_FILTERS_PARAM, message: display.issue });
  params.delete(ALL_FILTERS_PARAM);

  // One pass: the syntax, then the codes and commune of the valid part; each faulty parameter is dropped.
  const reading = readSearchParams(params, { unknownParams: 'ignore' });
  issues.push(...reading.issues);
  const checked = await checkSearchState(ctx, reading.state);
  issues.push(...checked.issues);
  const { commune } = checked;
  // A refused search shows no results: the valid part is searched from page 1, for the filters only.
  let state = issues.length > 0 ? { ...checked.state, page: 1 } : checked.state;

  const reference = await getReferenceData(ctx.database.db);
  const answer = await askEngine(ctx, state, commune);
  if (!answer.ok) {
    const view: SearchPageView = {
      kind: 'page',
      status: issues.length > 0 ? 400 : 503,
      state,
      communeText,
      commune: null,
      issues,
      unavailableMessage: issues.length > 0 ? null : answer.error.message,
      facets: null,
      allFilters: display.all,
      results: null,
    };
    return { view, cacheable: false };
  }
  const result = answer.value;
  // A page beyond the last one (051): refused, and the same answer gives the filters (facets ignore the page).
  const pageIssue = issues.length === 0 ? pageBeyondLastIssue(state, result) : null;
  if (pageIssue) {
    issues.push(pageIssue);
    state = { ...state, page: 1 };
  }

  const layout = facetLayout(reference);
  const { counts, complete } = await disjunctiveCounts(ctx, state, commune, result);
  const hits = issues.length === 0 ? hitViews(result, layout) : [];
  const view: SearchPageView = {
    kind: 'page',
    status: issues.length > 0 ? 400 : 200,
    state,
    communeText: commune ? communeFieldValue(commune) : communeText,
    commune: communeSummary(commune),
    issues,
    unavailableMessage: null,
    facets: display.all ? facetView(layout, state, counts) : collapseFacetView(facetView(layout, state, counts)),
    allFilters: display.all,
    results:
      issues.length > 0
        ? null
        : {
            total: result.total,
            page: result.page,
            lastPage: lastPage(result.total, state.perPage),
            hits,
            sectorNames: hitSectorNames(hits, layout),
          },
  };
  return { view, cacheable: complete };
}
