import { z } from 'zod';
import { CHARTER_STATUSES, type CharterStatus } from '../charter';
import { CODE_HINTS, searchMessages as m } from './messages';

// The search parameters shared by the search page URL (/fournisseurs) and the public API
// (/api/v1/suppliers): ONE table, SEARCH_PARAMS, says for every parameter whether it repeats, how its values
// are validated (zod, French messages), its limits, its default and what it depends on. The name lists, the
// parser (./parse.ts), the serialiser and link helpers (./links.ts) and the OpenAPI limits derive from it.
// See docs/decisions/050-search-parameters.md (the limits) and 054-search-parameter-table.md (the table).

export const SORT_ORDERS = ['relevance', 'name', 'distance'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

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

/** How one query-string parameter is read into, and written from, a SearchState field. */
export interface ParamDefinition<K extends keyof SearchState = keyof SearchState, L = Record<string, number>> {
  /** The SearchState field it sets. */
  key: K;
  /** Given any number of times (kind=EI&kind=ESAT), or at most once. */
  repeatable: boolean;
  /** A code filter the engines count per value (the search page's facet lists). */
  facet: boolean;
  /** What is searched (cleared by « effacer les filtres »), as opposed to how the results are shown. */
  filter: boolean;
  /** The value when the parameter is absent, empty or dropped; never written to a URL. */
  default: SearchState[K];
  limits: L;
  /** Reads the parameter's trimmed, non-empty values (none when absent). */
  schema: z.ZodType<SearchState[K], z.ZodTypeDef, string[]>;
  /** Meaningless without the commune: refused without it (`when` the value says so), dropped with it. */
  requiresCommune?: { when?: (value: SearchState[K]) => boolean; message: string };
  /** Facets: where the API lists the known codes. */
  referenceList?: string;
}

const GENERIC_CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const DEPARTEMENT_CODE = /^(?:\d{2}|2[AB]|97\d)$/;
const REGION_CODE = /^\d{2}$/;
const COMMUNE_CODE = /^(?:\d{5}|2[AB]\d{3})$/;
const DIGITS = /^\d+$/;

const FACET_LIMITS = { maxValues: 50, maxCodeLength: 64 } as const;

/** A repeatable code filter: at most maxValues codes, each of the given shape, duplicates removed. */
function codeList(param: string, pattern: RegExp, hint: string, normalise: (v: string) => string = (v) => v) {
  return z
    .array(z.string())
    .max(FACET_LIMITS.maxValues, { message: m.tooManyValues(param, FACET_LIMITS.maxValues) })
    .transform((values) => values.map(normalise))
    .superRefine((values, ctx) => {
      for (const value of values) {
        if (value.length > FACET_LIMITS.maxCodeLength || !pattern.test(value))
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: m.invalidCode(param, value, hint) });
      }
    })
    .transform((values) => [...new Set(values)]);
}

/** A parameter given at most once: zero or one raw value, the inner schema reads it, `fallback` if absent. */
function single<T>(param: string, inner: z.ZodType<T, z.ZodTypeDef, string>, fallback: T) {
  return z
    .array(z.string())
    .max(1, { message: m.givenTwice(param) })
    .transform((values) => values[0])
    .pipe(inner.optional())
    .transform((value) => (value === undefined ? fallback : value));
}

function integerIn(min: number, max: number, message: string) {
  return z.string().transform((value, ctx) => {
    const n = DIGITS.test(value) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
    return n;
  });
}

/** A row of the table: its schema is built from its own limits; `facet` and `repeatable` stay literal types. */
function define<K extends keyof SearchState, const L, const F extends boolean, const R extends boolean>(
  key: K,
  def: Omit<ParamDefinition<K, L>, 'key' | 'schema' | 'facet' | 'repeatable'> & {
    facet: F;
    repeatable: R;
    schema: (limits: L) => ParamDefinition<K, L>['schema'];
  },
): ParamDefinition<K, L> & { facet: F; repeatable: R } {
  return { ...def, key, schema: def.schema(def.limits) };
}

function facet<K extends 'kind' | 'sector' | 'departement' | 'region' | 'label'>(
  param: K,
  pattern: RegExp,
  referenceList: string,
  normalise?: (v: string) => string,
) {
  const definition = define(param, {
    repeatable: true,
    facet: true,
    filter: true,
    default: [],
    limits: FACET_LIMITS,
    schema: () => codeList(param, pattern, CODE_HINTS[param], normalise),
  });
  return { ...definition, referenceList };
}

/** Every query-string parameter, in the order URLs list them (the API refuses any other). */
export const SEARCH_PARAMS = {
  q: define('q', {
    repeatable: false,
    facet: false,
    filter: true,
    default: '',
    limits: { maxLength: 500 },
    schema: ({ maxLength }) => single('q', z.string().max(maxLength, { message: m.tooLong('q', maxLength) }), ''),
  }),
  kind: facet('kind', GENERIC_CODE, '/api/v1/reference/kinds'),
  sector: facet('sector', GENERIC_CODE, '/api/v1/reference/sectors'),
  departement: facet('departement', DEPARTEMENT_CODE, '/api/v1/reference/departements', (v) => v.toUpperCase()),
  region: facet('region', REGION_CODE, '/api/v1/reference/regions'),
  label: facet('label', GENERIC_CODE, '/api/v1/reference/labels'),
  charter: define('charter', {
    repeatable: true,
    facet: false,
    filter: true,
    default: [],
    limits: { maxValues: FACET_LIMITS.maxValues },
    schema: ({ maxValues }) =>
      z
        .array(z.string())
        .max(maxValues, { message: m.tooManyValues('charter', maxValues) })
        .superRefine((values, ctx) => {
          for (const value of values) {
            if (!(CHARTER_STATUSES as readonly string[]).includes(value))
              ctx.addIssue({
                code: z.ZodIssueCode.custom,
                message: m.invalidCharterStatus('charter', value, CHARTER_STATUSES),
              });
          }
        })
        .transform((values) => [...new Set(values)] as CharterStatus[]),
  }),
  commune: define('commune', {
    repeatable: false,
    facet: false,
    filter: true,
    default: undefined,
    limits: {},
    schema: () =>
      single<string | undefined>(
        'commune',
        z
          .string()
          .transform((v) => v.toUpperCase())
          .refine((v) => COMMUNE_CODE.test(v), { message: m.communeCode('commune') }),
        undefined,
      ),
  }),
  radius_km: define('radiusKm', {
    repeatable: false,
    facet: false,
    filter: false,
    default: undefined,
    limits: { min: 1, max: 300 },
    schema: ({ min, max }) =>
      single<number | undefined>(
        'radius_km',
        integerIn(min, max, m.kilometresBetween('radius_km', min, max)),
        undefined,
      ),
    requiresCommune: { message: m.radiusNeedsCommune },
  }),
  sort: define('sort', {
    repeatable: false,
    facet: false,
    filter: false,
    default: 'relevance',
    limits: {},
    schema: () =>
      single(
        'sort',
        z.enum(SORT_ORDERS, { errorMap: () => ({ message: m.oneOf('sort', SORT_ORDERS) }) }),
        'relevance' as SortOrder,
      ),
    requiresCommune: { when: (sort) => sort === 'distance', message: m.distanceNeedsCommune },
  }),
  page: define('page', {
    repeatable: false,
    facet: false,
    filter: false,
    default: 1,
    /** max is a syntactic bound only; a page beyond the last page of the results is refused by the search service. */
    limits: { min: 1, max: 1_000_000 },
    schema: ({ min, max }) => single('page', integerIn(min, max, m.integerBetween('page', min, max)), 1),
  }),
  per_page: define('perPage', {
    repeatable: false,
    facet: false,
    filter: false,
    default: 20,
    limits: { min: 1, max: 100 },
    schema: ({ min, max }) => single('per_page', integerIn(min, max, m.integerBetween('per_page', min, max)), 20),
  }),
} as const;

type Params = typeof SEARCH_PARAMS;
export type SearchParamName = keyof Params;
/** The repeatable code filters the engines count. */
export type FacetParam = { [P in SearchParamName]: Params[P]['facet'] extends true ? P : never }[SearchParamName];
/** Repeatable parameters: the facets plus the charter status. */
export type ListParam = { [P in SearchParamName]: Params[P]['repeatable'] extends true ? P : never }[SearchParamName];
export type ScalarParam = Exclude<SearchParamName, ListParam>;
/** What is searched: the text, the lists and the commune (see ParamDefinition.filter). */
export type FilterParam = 'q' | ListParam | 'commune';

const names = Object.keys(SEARCH_PARAMS) as SearchParamName[];

/** Every query-string parameter the search understands, in URL order. */
export const SEARCH_PARAM_NAMES: readonly SearchParamName[] = names;
export const FACET_PARAMS = names.filter((name) => SEARCH_PARAMS[name].facet) as readonly FacetParam[];
export const LIST_PARAMS = names.filter((name) => SEARCH_PARAMS[name].repeatable) as readonly ListParam[];
export const SCALAR_PARAMS = names.filter((name) => !SEARCH_PARAMS[name].repeatable) as readonly ScalarParam[];
export const FILTER_PARAMS = names.filter((name) => SEARCH_PARAMS[name].filter) as readonly FilterParam[];
/** Parameters dropped with the commune, and refused without it. */
export const COMMUNE_DEPENDENT_PARAMS: readonly SearchParamName[] = names.filter(
  (name) => definitionOf(name).requiresCommune !== undefined,
);

/** The definition of a parameter, with its value type widened (for code looping over every parameter). */
export function definitionOf(name: SearchParamName): ParamDefinition {
  return SEARCH_PARAMS[name] as ParamDefinition;
}

/** The limits as the OpenAPI document (app/api/openapi.ts) and the forms quote them. */
export const SEARCH_LIMITS = {
  qMaxLength: SEARCH_PARAMS.q.limits.maxLength,
  radiusMinKm: SEARCH_PARAMS.radius_km.limits.min,
  radiusMaxKm: SEARCH_PARAMS.radius_km.limits.max,
  perPageMin: SEARCH_PARAMS.per_page.limits.min,
  perPageMax: SEARCH_PARAMS.per_page.limits.max,
  perPageDefault: SEARCH_PARAMS.per_page.default,
  /** Syntactic bound only; a page beyond the last page of the results is refused by the search service. */
  pageMax: SEARCH_PARAMS.page.limits.max,
  /** At most this many values for one repeatable parameter (kind=…&kind=…). */
  maxValuesPerFacet: FACET_LIMITS.maxValues,
  /** Longest accepted reference code (kind, sector, label). */
  maxCodeLength: FACET_LIMITS.maxCodeLength,
} as const;

export const DEFAULT_SEARCH_STATE: Readonly<SearchState> = Object.freeze(emptySearchState());

/** The state of an empty query string: every parameter at its default (fresh arrays). */
export function emptySearchState(): SearchState {
  const state = {} as Record<keyof SearchState, unknown>;
  for (const name of names) {
    const def = definitionOf(name);
    if (Array.isArray(def.default)) state[def.key] = [];
    else if (def.default !== undefined) state[def.key] = def.default;
  }
  return state as unknown as SearchState;
}
