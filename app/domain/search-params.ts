import { z } from 'zod';
import { CHARTER_STATUSES, type CharterStatus } from './supplier';

// The search state shared by the search page URL (/fournisseurs) and the public API (/api/v1/suppliers).
// Pure: parses a query string into a validated state (with French messages), and serialises it back, so the
// page can build facet, sort and pagination links that keep the whole state in the URL.
// See docs/decisions/050-search-parameters.md for the limits chosen here.

export const SEARCH_LIMITS = {
  qMaxLength: 500,
  radiusMinKm: 1,
  radiusMaxKm: 300,
  perPageMin: 1,
  perPageMax: 100,
  perPageDefault: 20,
  /** Syntactic bound only; a page beyond the last page of the results is refused by the search service. */
  pageMax: 1_000_000,
  /** At most this many values for one repeatable parameter (kind=…&kind=…). */
  maxValuesPerFacet: 50,
  /** Longest accepted reference code (kind, sector, label). */
  maxCodeLength: 64,
} as const;

export const SORT_ORDERS = ['relevance', 'name', 'distance'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** The repeatable code filters, in the order they are serialised. */
export const FACET_PARAMS = ['kind', 'sector', 'departement', 'region', 'label'] as const;
export type FacetParam = (typeof FACET_PARAMS)[number];

/** Repeatable parameters: the facets plus the charter status. */
export const LIST_PARAMS = [...FACET_PARAMS, 'charter'] as const;
export type ListParam = (typeof LIST_PARAMS)[number];

export const SCALAR_PARAMS = ['q', 'commune', 'radius_km', 'sort', 'page', 'per_page'] as const;
export type ScalarParam = (typeof SCALAR_PARAMS)[number];

/** Every query-string parameter the search understands (the API refuses any other). */
export const SEARCH_PARAM_NAMES = ['q', ...LIST_PARAMS, ...SCALAR_PARAMS.filter((p) => p !== 'q')] as const;
export type SearchParamName = (typeof SEARCH_PARAM_NAMES)[number];

export interface SearchState {
  /** Trimmed free text; '' lists every published supplier. */
  q: string;
  kind: string[];
  sector: string[];
  departement: string[];
  region: string[];
  label: string[];
  charter: CharterStatus[];
  /** INSEE code of a commune (5 characters, 2A/2B for Corsica). */
  commune?: string;
  /** Only with commune: "within radiusKm of the commune" instead of "service area covers the commune". */
  radiusKm?: number;
  sort: SortOrder;
  page: number;
  perPage: number;
}

export interface SearchParamIssue {
  param: string;
  message: string;
}

export type SearchParamsParseResult =
  | { success: true; state: SearchState }
  /** state: the valid part of the input, every faulty parameter reset to its default (for redisplaying a form). */
  | { success: false; issues: SearchParamIssue[]; state: SearchState };

export const DEFAULT_SEARCH_STATE: Readonly<SearchState> = Object.freeze({
  q: '',
  kind: [],
  sector: [],
  departement: [],
  region: [],
  label: [],
  charter: [],
  sort: 'relevance',
  page: 1,
  perPage: SEARCH_LIMITS.perPageDefault,
});

export function emptySearchState(): SearchState {
  return {
    ...DEFAULT_SEARCH_STATE,
    kind: [],
    sector: [],
    departement: [],
    region: [],
    label: [],
    charter: [],
  };
}

// ---------------------------------------------------------------------------------------------------------
// Schema

const GENERIC_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DEPARTEMENT_CODE = /^(?:\d{2}|2[AB]|97\d)$/;
const REGION_CODE = /^\d{2}$/;
const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
const DIGITS = /^\d+$/;

function codeList(param: FacetParam, pattern: RegExp, hint: string, normalise: (v: string) => string = (v) => v) {
  return z
    .array(z.string())
    .max(SEARCH_LIMITS.maxValuesPerFacet, {
      message: `${param} accepte au plus ${SEARCH_LIMITS.maxValuesPerFacet} valeurs`,
    })
    .transform((values) => values.map(normalise))
    .superRefine((values, ctx) => {
      for (const value of values) {
        if (value.length > SEARCH_LIMITS.maxCodeLength || !pattern.test(value)) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            message: `${param} : « ${truncate(value)} » n'est pas un code valide (${hint})`,
          });
        }
      }
    })
    .transform((values) => [...new Set(values)]);
}

/** A parameter given at most once: the raw value list must hold zero or one entry. */
function single<T extends z.ZodTypeAny>(param: ScalarParam, inner: T) {
  return z
    .array(z.string())
    .max(1, { message: `${param} ne peut être donné qu'une seule fois` })
    .transform((values) => values[0])
    .pipe(inner.optional());
}

function integerIn(param: ScalarParam, min: number, max: number, message: string) {
  return z.string().transform((value, ctx) => {
    const n = DIGITS.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return n;
  });
}

const searchParamsSchema = z
  .object({
    q: single(
      'q',
      z.string().max(SEARCH_LIMITS.qMaxLength, {
        message: `q ne doit pas dépasser ${SEARCH_LIMITS.qMaxLength} caractères`,
      }),
    ),
    kind: codeList('kind', GENERIC_CODE, 'voir /api/v1/reference/kinds'),
    sector: codeList('sector', GENERIC_CODE, 'voir /api/v1/reference/sectors'),
    departement: codeList('departement', DEPARTEMENT_CODE, 'code INSEE du département, par exemple 69 ou 2A', (v) =>
      v.toUpperCase(),
    ),
    region: codeList('region', REGION_CODE, 'code INSEE de la région à deux chiffres, par exemple 84'),
    label: codeList('label', GENERIC_CODE, 'voir /api/v1/reference/labels'),
    charter: z
      .array(z.string())
      .max(SEARCH_LIMITS.maxValuesPerFacet, {
        message: `charter accepte au plus ${SEARCH_LIMITS.maxValuesPerFacet} valeurs`,
      })
      .superRefine((values, ctx) => {
        for (const value of values) {
          if (!(CHARTER_STATUSES as readonly string[]).includes(value)) {
            ctx.addIssue({
              code: z.ZodIssueCode.custom,
              message: `charter : « ${truncate(value)} » n'est pas un statut de charte valide (valeurs possibles : ${CHARTER_STATUSES.join(', ')})`,
            });
          }
        }
      })
      .transform((values) => [...new Set(values)] as CharterStatus[]),
    commune: single(
      'commune',
      z
        .string()
        .transform((v) => v.toUpperCase())
        .refine((v) => COMMUNE_CODE.test(v), {
          message: 'commune doit être un code INSEE de commune à 5 caractères, par exemple 69123 ou 2A004',
        }),
    ),
    radius_km: single(
      'radius_km',
      integerIn(
        'radius_km',
        SEARCH_LIMITS.radiusMinKm,
        SEARCH_LIMITS.radiusMaxKm,
        `radius_km doit être un nombre entier de kilomètres entre ${SEARCH_LIMITS.radiusMinKm} et ${SEARCH_LIMITS.radiusMaxKm}`,
      ),
    ),
    sort: single(
      'sort',
      z.enum(SORT_ORDERS, {
        errorMap: () => ({ message: `sort doit valoir ${SORT_ORDERS.join(', ')}` }),
      }),
    ),
    page: single(
      'page',
      integerIn('page', 1, SEARCH_LIMITS.pageMax, `page doit être un entier entre 1 et ${SEARCH_LIMITS.pageMax}`),
    ),
    per_page: single(
      'per_page',
      integerIn(
        'per_page',
        SEARCH_LIMITS.perPageMin,
        SEARCH_LIMITS.perPageMax,
        `per_page doit être un entier entre ${SEARCH_LIMITS.perPageMin} et ${SEARCH_LIMITS.perPageMax}`,
      ),
    ),
  })
  .superRefine((raw, ctx) => {
    if (raw.radius_km !== undefined && raw.commune === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['radius_km'],
        message: 'radius_km ne peut être utilisé qu’avec une commune (paramètre commune)',
      });
    }
    if (raw.sort === 'distance' && raw.commune === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['sort'],
        message: 'le tri par distance (sort=distance) demande une commune (paramètre commune)',
      });
    }
  })
  .transform((raw): SearchState => ({
    q: raw.q ?? '',
    kind: raw.kind,
    sector: raw.sector,
    departement: raw.departement,
    region: raw.region,
    label: raw.label,
    charter: raw.charter,
    ...(raw.commune !== undefined ? { commune: raw.commune } : {}),
    ...(raw.radius_km !== undefined ? { radiusKm: raw.radius_km } : {}),
    sort: raw.sort ?? 'relevance',
    page: raw.page ?? 1,
    perPage: raw.per_page ?? SEARCH_LIMITS.perPageDefault,
  }));

function truncate(value: string, max = 40): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}

/** Collects each known parameter's values, trimmed, leaving out empty ones (forms submit empty fields). */
function rawValues(params: URLSearchParams, skip: ReadonlySet<string>): Record<SearchParamName, string[]> {
  const raw = {} as Record<SearchParamName, string[]>;
  for (const name of SEARCH_PARAM_NAMES) {
    raw[name] = skip.has(name)
      ? []
      : params
          .getAll(name)
          .map((v) => v.trim())
          .filter((v) => v !== '');
  }
  return raw;
}

export interface ParseSearchParamsOptions {
  /**
   * 'reject' (the API): any parameter outside SEARCH_PARAM_NAMES is an issue, so a misspelt filter never
   * silently widens a search. 'ignore' (the HTML page): tracking or framework parameters are left alone.
   */
  unknownParams?: 'reject' | 'ignore';
}

/** Parses a query string into a search state, or lists every problem in French. */
export function parseSearchParams(
  params: URLSearchParams,
  options: ParseSearchParamsOptions = {},
): SearchParamsParseResult {
  const issues: SearchParamIssue[] = [];
  if ((options.unknownParams ?? 'reject') === 'reject') {
    const known = new Set<string>(SEARCH_PARAM_NAMES);
    const unknown = [...new Set(params.keys())].filter((k) => !known.has(k));
    for (const name of unknown) {
      issues.push({
        param: name,
        message: `paramètre inconnu « ${truncate(name)} » (paramètres acceptés : ${SEARCH_PARAM_NAMES.join(', ')})`,
      });
    }
  }

  const first = searchParamsSchema.safeParse(rawValues(params, new Set()));
  if (first.success && issues.length === 0) return { success: true, state: first.data };
  if (!first.success) {
    for (const issue of first.error.issues) {
      issues.push({ param: String(issue.path[0] ?? 'query'), message: issue.message });
    }
  }

  // Best-effort state for redisplay: parse again without the faulty parameters.
  const faulty = new Set(issues.map((i) => i.param));
  const second = searchParamsSchema.safeParse(rawValues(params, faulty));
  return { success: false, issues, state: second.success ? second.data : emptySearchState() };
}

// ---------------------------------------------------------------------------------------------------------
// Serialisation and link helpers

/**
 * The state as a query string, leaving out defaults (empty q, page 1, 20 per page, relevance), in a stable
 * order, so equal states give equal URLs.
 */
export function toSearchParams(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q.trim() !== '') params.set('q', state.q.trim());
  for (const name of LIST_PARAMS) for (const value of state[name]) params.append(name, value);
  if (state.commune) {
    params.set('commune', state.commune);
    if (state.radiusKm !== undefined) params.set('radius_km', String(state.radiusKm));
  }
  if (state.sort !== 'relevance' && (state.sort !== 'distance' || state.commune)) params.set('sort', state.sort);
  if (state.page > 1) params.set('page', String(state.page));
  if (state.perPage !== SEARCH_LIMITS.perPageDefault) params.set('per_page', String(state.perPage));
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

/** Removes every value of one filter; back to page 1. */
export function clearParam(state: SearchState, param: ListParam | 'q' | 'commune'): SearchState {
  if (param === 'q') return { ...state, q: '', page: 1 };
  if (param === 'commune') {
    const { commune: _c, radiusKm: _r, ...rest } = state;
    return { ...rest, sort: state.sort === 'distance' ? 'relevance' : state.sort, page: 1 };
  }
  return { ...state, [param]: [], page: 1 };
}

/** Same query and filters, another page. */
export function withPage(state: SearchState, page: number): SearchState {
  return { ...state, page };
}

/** Same query and filters, another sort order; back to page 1. */
export function withSort(state: SearchState, sort: SortOrder): SearchState {
  return { ...state, sort, page: 1 };
}

/** True when any filter or query is set (the page shows a "clear all" link). */
export function hasFilters(state: SearchState): boolean {
  return state.q !== '' || LIST_PARAMS.some((p) => state[p].length > 0) || state.commune !== undefined;
}

/** Number of the last page for a total (1 when there is nothing to show). */
export function lastPage(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}
