import { fail, ok, type FieldIssue, type Result } from '../result';
import { searchMessages as m } from './messages';
import {
  COMMUNE_DEPENDENT_PARAMS,
  definitionOf,
  emptySearchState,
  SEARCH_PARAM_NAMES,
  type SearchParamName,
  type SearchState,
} from './params';

// Reading a query string into a SearchState, in one pass over the parameter table (./params.ts): each
// parameter is validated on its own, then the rules between parameters (radius_km and sort=distance need a
// commune). See docs/decisions/050-search-parameters.md and 055-one-pass-recovery.md.

export interface ParseSearchParamsOptions {
  /**
   * 'reject' (the API): any parameter outside SEARCH_PARAM_NAMES is an issue, so a misspelt filter never
   * silently widens a search. 'ignore' (the HTML page): tracking or framework parameters are left alone.
   */
  unknownParams?: 'reject' | 'ignore';
}

/** What a query string says: every problem, and the state of the parameters without one. */
export interface SearchParamsReading {
  /** Each issue's field is the query-string parameter it is about. Empty when the whole input is valid. */
  issues: FieldIssue[];
  /**
   * The valid part: every faulty parameter back to its default, and the parameters that need the commune
   * (radius_km, sort=distance) dropped with it. Equal to the parsed state when there is no issue.
   */
  state: SearchState;
}

/** The parameter's values, trimmed, leaving out empty ones (forms submit empty fields). */
function rawValues(params: URLSearchParams, name: string): string[] {
  return params
    .getAll(name)
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/**
 * The state without the given parameters (back to their defaults), and without the parameters that need the
 * commune when the commune is gone (radius_km, sort=distance).
 */
export function dropParams(state: SearchState, faulty: ReadonlySet<string>): SearchState {
  const next: Record<string, unknown> = { ...state };
  const reset = (name: SearchParamName) => {
    const def = definitionOf(name);
    if (def.default === undefined) delete next[def.key];
    else next[def.key] = Array.isArray(def.default) ? [] : def.default;
  };
  for (const name of SEARCH_PARAM_NAMES) if (faulty.has(name)) reset(name);
  if (next.commune === undefined) {
    for (const name of COMMUNE_DEPENDENT_PARAMS) {
      const { key, requiresCommune } = definitionOf(name);
      if (next[key] !== undefined && (requiresCommune?.when?.(next[key] as never) ?? true)) reset(name);
    }
  }
  return next as unknown as SearchState;
}

/**
 * Reads a query string: every problem in French, and the valid part of the state, in one pass. The API
 * refuses the whole request on any issue; the search page searches with the valid part.
 */
export function readSearchParams(params: URLSearchParams, options: ParseSearchParamsOptions = {}): SearchParamsReading {
  const issues: FieldIssue[] = [];
  if ((options.unknownParams ?? 'reject') === 'reject') {
    const known = new Set<string>(SEARCH_PARAM_NAMES);
    for (const name of new Set(params.keys()))
      if (!known.has(name)) issues.push({ field: name, message: m.unknownParam(name, SEARCH_PARAM_NAMES) });
  }

  const state = emptySearchState() as unknown as Record<string, unknown>;
  const given = new Set<SearchParamName>();
  const faulty = new Set<SearchParamName>();
  for (const name of SEARCH_PARAM_NAMES) {
    const raw = rawValues(params, name);
    if (raw.length === 0) continue;
    given.add(name);
    const def = definitionOf(name);
    const parsed = def.schema.safeParse(raw);
    if (parsed.success) {
      if (parsed.data !== undefined) state[def.key] = parsed.data;
    } else {
      faulty.add(name);
      for (const issue of parsed.error.issues) issues.push({ field: name, message: issue.message });
    }
  }

  // Rules between parameters: a parameter that needs the commune is refused when no commune is given (a
  // faulty commune is reported on its own, and its dependants are then dropped without a second message).
  if (!given.has('commune')) {
    for (const name of COMMUNE_DEPENDENT_PARAMS) {
      const { key, requiresCommune } = definitionOf(name);
      if (!given.has(name) || !requiresCommune) continue;
      const applies = requiresCommune.when ? !faulty.has(name) && requiresCommune.when(state[key] as never) : true;
      if (applies) {
        faulty.add(name);
        issues.push({ field: name, message: requiresCommune.message });
      }
    }
  }

  const valid = state as unknown as SearchState;
  return { issues, state: faulty.size > 0 ? dropParams(valid, faulty) : valid };
}

/** Parses a query string into a search state, or lists every problem in French. */
export function parseSearchParams(
  params: URLSearchParams,
  options: ParseSearchParamsOptions = {},
): Result<SearchState> {
  const { issues, state } = readSearchParams(params, options);
  return issues.length === 0 ? ok(state) : fail(issues);
}
