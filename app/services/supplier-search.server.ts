import { logFault } from './log.server';
import type { SearchQuery, SearchResult } from '../../search/types';
import { fail, ok, type FieldIssue, type Result } from '~/domain/result';
import { lastPage } from '~/domain/search/links';
import { searchMessages } from '~/domain/search/messages';
import { FACET_PARAMS, SEARCH_PARAMS, type FacetParam, type SearchState } from '~/domain/search/params';
import { dropParams, parseSearchParams, type ParseSearchParamsOptions } from '~/domain/search/parse';
import type { AppContext } from './context.server';
import { findCommune, getReferenceData, type CommuneSummary, type ReferenceData } from './reference.server';

// The catalogue search shared by the /fournisseurs page and GET /api/v1/suppliers: checks a syntactically
// valid state (app/domain/search/parse.ts) against the reference tables, resolves the commune to its point,
// département and région, and asks the engine. Failures are Results (docs/decisions/057-result-shapes.md).

/** The engine's answer, as the API writes it out (app/api/suppliers.server.ts). */
export type { SearchHit, SearchResult } from '../../search/types';

export interface ResolvedCommune {
  code: string;
  name: string;
  departement: { code: string; name: string };
  region: { code: string; name: string };
  postcodes: string[];
  lat: number;
  lon: number;
}

export interface SupplierSearch {
  state: SearchState;
  result: SearchResult;
  /** Number of the last page of the results (1 when there is none). */
  lastPage: number;
  commune?: ResolvedCommune;
}

export type SupplierSearchFailure =
  /** Bad parameters (syntax, unknown codes, page beyond the last one): nothing was searched, or the page is refused. */
  | { kind: 'invalid'; issues: FieldIssue[] }
  /** The search engine failed; the database and the parameters are fine. */
  | { kind: 'unavailable'; message: string };

export const SEARCH_UNAVAILABLE_MESSAGE =
  'La recherche est momentanément indisponible. Réessayez dans quelques instants.';

function knownCodes(reference: ReferenceData, param: FacetParam): ReadonlyMap<string, unknown> {
  switch (param) {
    case 'kind':
      return reference.kindsByCode;
    case 'sector':
      return reference.sectorsByCode;
    case 'label':
      return reference.labelsByCode;
    case 'departement':
      return reference.departementsByCode;
    case 'region':
      return reference.regionsByCode;
  }
}

/** Unknown reference codes, one issue per code, in French. */
export function unknownCodeIssues(reference: ReferenceData, state: SearchState): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const param of FACET_PARAMS) {
    const known = knownCodes(reference, param);
    for (const code of state[param]) {
      if (!known.has(code))
        issues.push({
          field: param,
          message: searchMessages.unknownCode(param, code, SEARCH_PARAMS[param].referenceList),
        });
    }
  }
  return issues;
}

function resolveCommune(reference: ReferenceData, commune: CommuneSummary): ResolvedCommune {
  const departement = reference.departementsByCode.get(commune.departementCode);
  const region = reference.regionsByCode.get(commune.regionCode);
  return {
    code: commune.code,
    name: commune.name,
    departement: { code: commune.departementCode, name: departement?.name ?? commune.departementCode },
    region: { code: commune.regionCode, name: region?.name ?? commune.regionCode },
    postcodes: commune.postcodes,
    lat: commune.latitude,
    lon: commune.longitude,
  };
}

/** The engine query for a validated state and its resolved commune. */
export function toSearchQuery(state: SearchState, commune: ResolvedCommune | undefined): SearchQuery {
  const query: SearchQuery = {
    q: state.q,
    kinds: state.kind,
    sectors: state.sector,
    departements: state.departement,
    regions: state.region,
    labels: state.label,
    charter: state.charter,
    sort: state.sort,
    page: state.page,
    perPage: state.perPage,
  };
  if (commune) {
    const point = { lat: commune.lat, lon: commune.lon };
    query.origin = point;
    if (state.radiusKm !== undefined) query.near = { ...point, radiusKm: state.radiusKm };
    else
      query.covers = {
        commune: commune.code,
        departement: commune.departement.code,
        region: commune.region.code,
        ...point,
      };
  }
  return query;
}

/** A syntactically valid state checked against the database: its problems, and what can be searched. */
export interface CheckedSearchState {
  /** Codes the reference tables do not know, a commune code no commune has. */
  issues: FieldIssue[];
  /** The state without the faulty parameters (see dropParams); the input state when there is no issue. */
  state: SearchState;
  commune?: ResolvedCommune;
}

/** Checks the codes against the reference tables and resolves the commune. */
export async function checkSearchState(
  ctx: Pick<AppContext, 'database'>,
  state: SearchState,
): Promise<CheckedSearchState> {
  const { db } = ctx.database;
  const reference = await getReferenceData(db);
  const issues = unknownCodeIssues(reference, state);
  let commune: ResolvedCommune | undefined;
  if (state.commune !== undefined) {
    const row = await findCommune(db, state.commune);
    if (row) commune = resolveCommune(reference, row);
    else issues.push({ field: 'commune', message: searchMessages.unknownCommuneCode(state.commune) });
  }
  if (issues.length === 0) return { issues, state, ...(commune ? { commune } : {}) };
  return { issues, state: dropParams(state, new Set(issues.map((i) => i.field))), ...(commune ? { commune } : {}) };
}

/** Asks the engine; an engine failure is logged and answered with a French message. */
export async function askEngine(
  ctx: Pick<AppContext, 'search'>,
  state: SearchState,
  commune: ResolvedCommune | undefined,
): Promise<Result<SearchResult, { kind: 'unavailable'; message: string }>> {
  try {
    return ok(await ctx.search.search(toSearchQuery(state, commune)));
  } catch (error) {
    logFault(`search ${ctx.search.name}`, error);
    return fail({ kind: 'unavailable', message: SEARCH_UNAVAILABLE_MESSAGE });
  }
}

/** The issue for a page beyond the last page of the results (docs/decisions/051-page-out-of-range.md). */
export function pageBeyondLastIssue(state: SearchState, result: SearchResult): FieldIssue | null {
  const last = lastPage(result.total, state.perPage);
  if (state.page <= last) return null;
  return { field: 'page', message: searchMessages.pageBeyondLast(state.page, last, result.total) };
}

/**
 * Searches the catalogue. `input` is the raw query string (validated here, every problem refused) or an
 * already parsed state. Never throws for bad input or an engine failure: the failure says what happened.
 */
export async function searchSuppliers(
  ctx: Pick<AppContext, 'database' | 'search'>,
  input: URLSearchParams | SearchState,
  options: ParseSearchParamsOptions = {},
): Promise<Result<SupplierSearch, SupplierSearchFailure>> {
  let state: SearchState;
  if (input instanceof URLSearchParams) {
    const parsed = parseSearchParams(input, options);
    if (!parsed.ok) return fail({ kind: 'invalid', issues: parsed.error });
    state = parsed.value;
  } else {
    state = input;
  }

  const checked = await checkSearchState(ctx, state);
  if (checked.issues.length > 0) return fail({ kind: 'invalid', issues: checked.issues });
  const { commune } = checked;
  const answer = await askEngine(ctx, state, commune);
  if (!answer.ok) return answer;
  const result = answer.value;
  const pageIssue = pageBeyondLastIssue(state, result);
  if (pageIssue) return fail({ kind: 'invalid', issues: [pageIssue] });
  return ok({ state, result, lastPage: lastPage(result.total, state.perPage), ...(commune ? { commune } : {}) });
}
