import type { CharterStatus } from '../charter';

// The search page's view data: what app/services/search-page.server.ts builds and the page's components
// show (plain JSON). Pure, so both layers can import it (docs/decisions/056-search-view-data.md).

export interface FacetEntry {
  code: string;
  name: string;
  /** Matching suppliers if this value were (also) selected; null when counts are not known. */
  count: number | null;
  selected: boolean;
}

export interface SectorGroupEntry {
  code: string;
  name: string;
  sectors: FacetEntry[];
}

export interface FacetView {
  kind: FacetEntry[];
  /** Empty when the lists are collapsed: `collapsed.sectors` then lists the top sectors. */
  sectorGroups: SectorGroupEntry[];
  region: FacetEntry[];
  departement: FacetEntry[];
  label: FacetEntry[];
  charter: FacetEntry[];
  /** Set when the long lists show their top values only (docs/decisions/301-collapsed-facets.md). */
  collapsed: CollapsedFacets | null;
}

/** The long facet lists: cut to their top values unless the visitor asks for every filter. */
export const COLLAPSIBLE_FACETS = ['sector', 'departement', 'label'] as const;
export type CollapsibleFacet = (typeof COLLAPSIBLE_FACETS)[number];

/** How many values of a long facet list the search page shows before « Voir les … » (plus the selected ones). */
export const FACET_TOP_VALUES = 10;

export interface CollapsedFacets {
  /** The top sectors, every group together, most suppliers first. */
  sectors: FacetEntry[];
  /** How many values of each long list are not shown. */
  hidden: Record<CollapsibleFacet, number>;
}

/** The search page's own parameter saying whether every filter value is listed: `filtres=tous`. */
export const ALL_FILTERS_PARAM = 'filtres';
export const ALL_FILTERS_VALUE = 'tous';

/**
 * Reads `filtres` from the page's query string: absent (the top values of the long lists), or « tous » (every
 * value). Anything else is refused with a French message, like the other parameters.
 */
export function readAllFilters(params: URLSearchParams): { all: boolean; issue: string | null } {
  const values = params.getAll(ALL_FILTERS_PARAM);
  if (values.length === 0) return { all: false, issue: null };
  if (values.length === 1 && values[0] === ALL_FILTERS_VALUE) return { all: true, issue: null };
  return {
    all: false,
    issue: `${ALL_FILTERS_PARAM} ne peut valoir que « ${ALL_FILTERS_VALUE} » (afficher toutes les valeurs des filtres)`,
  };
}

/**
 * The selected values and the `top` values with most suppliers, most first (ties keep the list's order). A
 * selected value is always kept, so that it can be unchecked and named in the active filters.
 */
export function topValues(entries: readonly FacetEntry[], top: number = FACET_TOP_VALUES): FacetEntry[] {
  const ranked = entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => (b.entry.count ?? 0) - (a.entry.count ?? 0) || a.index - b.index);
  return ranked.filter(({ entry }, rank) => rank < top || entry.selected).map(({ entry }) => entry);
}

/** The facet lists with the long ones cut to their top values (the others are short and stay whole). */
export function collapseFacetView(view: FacetView, top: number = FACET_TOP_VALUES): FacetView {
  const allSectors = view.sectorGroups.flatMap((group) => group.sectors);
  const sectors = topValues(allSectors, top);
  const departement = topValues(view.departement, top);
  const label = topValues(view.label, top);
  return {
    ...view,
    sectorGroups: [],
    departement,
    label,
    collapsed: {
      sectors,
      hidden: {
        sector: allSectors.length - sectors.length,
        departement: view.departement.length - departement.length,
        label: view.label.length - label.length,
      },
    },
  };
}

export interface HitView {
  id: number;
  slug: string;
  name: string;
  kind: { code: string; name: string };
  commune: { code: string; name: string };
  departement: { code: string; name: string };
  sectors: string[];
  charterStatus: CharterStatus;
  distanceKm?: number;
  snippet?: string;
}

/**
 * A facet list as the search page's loader sends it to the browser: one array per field rather than one
 * object per value (the sector and département lists have about a hundred values each, and single fetch
 * serialises every object key). Whether a value is selected is not sent: the search state says it.
 */
export interface FacetColumns {
  codes: string[];
  names: string[];
  counts: (number | null)[];
}

export interface FacetViewData {
  kind: FacetColumns;
  sectorGroups: { code: string; name: string; sectors: FacetColumns }[];
  region: FacetColumns;
  departement: FacetColumns;
  label: FacetColumns;
  charter: FacetColumns;
  collapsed: { sectors: FacetColumns; hidden: Record<CollapsibleFacet, number> } | null;
}

function toColumns(entries: readonly FacetEntry[]): FacetColumns {
  const columns: FacetColumns = { codes: [], names: [], counts: [] };
  for (const entry of entries) {
    columns.codes.push(entry.code);
    columns.names.push(entry.name);
    columns.counts.push(entry.count);
  }
  return columns;
}

function fromColumns(columns: FacetColumns, selected: readonly string[]): FacetEntry[] {
  const chosen = new Set(selected);
  return columns.codes.map((code, i) => ({
    code,
    name: columns.names[i],
    count: columns.counts[i],
    selected: chosen.has(code),
  }));
}

/** The facet lists in their compact form, for the loader. */
export function toFacetViewData(facets: FacetView): FacetViewData {
  return {
    kind: toColumns(facets.kind),
    sectorGroups: facets.sectorGroups.map((group) => ({
      code: group.code,
      name: group.name,
      sectors: toColumns(group.sectors),
    })),
    region: toColumns(facets.region),
    departement: toColumns(facets.departement),
    label: toColumns(facets.label),
    charter: toColumns(facets.charter),
    collapsed: facets.collapsed
      ? { sectors: toColumns(facets.collapsed.sectors), hidden: facets.collapsed.hidden }
      : null,
  };
}

/** The facet lists back from their compact form; `selection` is the search state the lists were made for. */
export function fromFacetViewData(
  data: FacetViewData,
  selection: {
    kind: readonly string[];
    sector: readonly string[];
    region: readonly string[];
    departement: readonly string[];
    label: readonly string[];
    charter: readonly string[];
  },
): FacetView {
  return {
    kind: fromColumns(data.kind, selection.kind),
    sectorGroups: data.sectorGroups.map((group) => ({
      code: group.code,
      name: group.name,
      sectors: fromColumns(group.sectors, selection.sector),
    })),
    region: fromColumns(data.region, selection.region),
    departement: fromColumns(data.departement, selection.departement),
    label: fromColumns(data.label, selection.label),
    charter: fromColumns(data.charter, selection.charter),
    collapsed: data.collapsed
      ? { sectors: fromColumns(data.collapsed.sectors, selection.sector), hidden: data.collapsed.hidden }
      : null,
  };
}
