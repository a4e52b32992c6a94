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
  sectorGroups: SectorGroupEntry[];
  region: FacetEntry[];
  departement: FacetEntry[];
  label: FacetEntry[];
  charter: FacetEntry[];
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
  };
}
