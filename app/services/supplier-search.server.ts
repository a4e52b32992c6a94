import { logFault } from './log.server';
import type { SearchQuery, SearchResult } from '../../search/types';
import {
  FACET_PARAMS,
  lastPage,
  parseSearchParams,
  type FacetParam,
  type ParseSearchParamsOptions,
  type SearchParamIssue,
  type SearchState,
} from '~/domain/search-params';
import type { AppContext } from './context.server';
import { findCommune, getReferenceData, type CommuneSummary, type ReferenceData } from './reference.server';

// The catalogue search shared by the /fournisseurs page and GET /api/v1/suppliers: parses and validates the
// parameters (syntax in app/domain/search-params.ts, codes against the reference tables here), resolves the
// commune to its point, département and région, and asks the engine.

export interface ResolvedCommune {
  code: string;
  name: string;
  departement: { code: string; name: string };
  region: { code: string; name: string };
  postcodes: string[];
  lat: number;
  lon: number;
}

export type SupplierSearchOutcome =
  | {
      kind: 'ok';
      state: SearchState;
      result: SearchResult;
      /** Number of the last page of the results (1 when there is none). */
      lastPage: number;
      commune?: ResolvedCommune;
    }
  /** Bad parameters (syntax, unknown codes, page beyond the last one): nothing was searched, or the page is refused. */
  | { kind: 'invalid'; state: SearchState; issues: SearchParamIssue[] }
  /** The search engine failed; the database and the parameters are fine. */
  | { kind: 'unavailable'; state: SearchState; message: string };

export const SEARCH_UNAVAILABLE_MESSAGE =
  'La recherche est momentanément indisponible. Réessayez dans quelques instants.';

const REFERENCE_LIST_PATH: Record<FacetParam, string> = {
  kind: '/api/v1/reference/kinds',
  sector: '/api/v1/reference/sectors',
  label: '/api/v1/reference/labels',
  departement: '/api/v1/reference/departements',
  region: '/api/v1/reference/regions',
};

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
export function unknownCodeIssues(reference: ReferenceData, state: SearchState): SearchParamIssue[] {
  const issues: SearchParamIssue[] = [];
  for (const param of FACET_PARAMS) {
    const known = knownCodes(reference, param);
    for (const code of state[param]) {
      if (!known.has(code)) {
        issues.push({
          param,
          message: `${param} : code inconnu « ${code} » (codes possibles : ${REFERENCE_LIST_PATH[param]})`,
        });
      }
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

/**
 * Searches the catalogue. `input` is the raw query string (validated here) or an already parsed state.
 * Never throws for bad input or an engine failure: the outcome says what happened.
 */
export async function searchSuppliers(
  ctx: Pick<AppContext, 'database' | 'search'>,
  input: URLSearchParams | SearchState,
  options: ParseSearchParamsOptions = {},
): Promise<SupplierSearchOutcome> {
  let state: SearchState;
  if (input instanceof URLSearchParams) {
    const parsed = parseSearchParams(input, options);
    if (!parsed.success) return { kind: 'invalid', state: parsed.state, issues: parsed.issues };
    state = parsed.state;
  } else {
    state = input;
  }

  const { db } = ctx.database;
  const reference = await getReferenceData(db);
  const issues = unknownCodeIssues(reference, state);
  let commune: ResolvedCommune | undefined;
  if (state.commune !== undefined) {
    const row = await findCommune(db, state.commune);
    if (row) commune = resolveCommune(reference, row);
    else issues.push({ param: 'commune', message: `commune : aucune commune n'a le code INSEE « ${state.commune} »` });
  }
  if (issues.length > 0) return { kind: 'invalid', state, issues };

  let result: SearchResult;
  try {
    result = await ctx.search.search(toSearchQuery(state, commune));
  } catch (error) {
    logFault(`search ${ctx.search.name}`, error);
    return { kind: 'unavailable', state, message: SEARCH_UNAVAILABLE_MESSAGE };
  }

  const last = lastPage(result.total, state.perPage);
  if (state.page > last) {
    return {
      kind: 'invalid',
      state,
      issues: [
        {
          param: 'page',
          message:
            result.total === 0
              ? `page ${state.page} n'existe pas : aucun fournisseur ne correspond, seule la page 1 existe`
              : `page ${state.page} dépasse la dernière page (${last}) pour ${result.total} résultat${result.total > 1 ? 's' : ''}`,
        },
      ],
    };
  }

  return {
    kind: 'ok',
    state,
    result,
    lastPage: last,
    ...(commune ? { commune } : {}),
  };
}
