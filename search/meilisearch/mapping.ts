import { haversineKm } from '../../app/domain/geo';
import { stripMarkers } from '../snippet';
import { nameSortKey } from '../text';
import {
  originOf,
  type FacetDistribution,
  type FacetName,
  type GeoPoint,
  type SearchQuery,
  type SupplierDocument,
} from '../types';

// Pure translation between our search contract and Meilisearch: documents, filter expressions, sort
// rules. No I/O, so it is unit-tested without a server (tests/unit/meilisearch-mapping.test.ts).

/**
 * The document stored in the Meilisearch index for one supplier: the fields of SupplierDocument as they
 * are, except the point and the service area, which become Meilisearch's _geo and flat filterable fields,
 * plus the derived fields the index filters, sorts or searches on.
 */
export type MeiliSupplierDocument = Omit<SupplierDocument, 'lat' | 'lon' | 'serviceArea'> & {
  /** The SIRET's first 9 digits, so a SIREN finds every establishment. */
  siren: string;
  /** nameSortKey of the name (search/text.ts), the order of the SQLite engine: Meilisearch sorts strings by their bytes. */
  nameSort: string;
  /** 1 for a verified charter, else 0: listed first when there is no query. */
  charterRank: number;
  serviceNational: boolean;
  serviceRegions: string[];
  serviceDepartements: string[];
  serviceCommunes: string[];
  serviceAreaRadiusKm: number | null;
  _geo: { lat: number; lng: number };
};

export function toMeiliDocument(doc: SupplierDocument): MeiliSupplierDocument {
  const { lat, lon, serviceArea, ...fields } = doc;
  return {
    ...fields,
    siren: doc.siret.slice(0, 9),
    nameSort: nameSortKey(doc.name),
    // The highlight markers are ours alone: a stray one in the text must not pass for a match.
    offers: stripMarkers(doc.offers),
    description: stripMarkers(doc.description),
    charterRank: doc.charterStatus === 'verified' ? 1 : 0,
    serviceNational: serviceArea.national,
    serviceRegions: serviceArea.regions,
    serviceDepartements: serviceArea.departements,
    serviceCommunes: serviceArea.communes,
    serviceAreaRadiusKm: serviceArea.radiusKm,
    _geo: { lat, lng: lon },
  };
}

/**
 * A filter value as a double-quoted Meilisearch string. Meilisearch only unescapes \" inside quotes, so
 * quotes are escaped and a backslash (never part of a code) is refused rather than passed through.
 */
export function quoteFilterValue(value: string): string {
  if (value.includes('\\')) throw new Error(`Invalid filter value for Meilisearch: ${JSON.stringify(value)}`);
  return `"${value.replace(/"/g, '\\"')}"`;
}

function finite(value: number, what: string): string {
  if (!Number.isFinite(value)) throw new Error(`Invalid ${what} for Meilisearch: ${value}`);
  return String(value);
}

export function geoRadius(point: GeoPoint, radiusKm: number): string {
  const meters = Math.max(0, Math.round(radiusKm * 1000));
  return `_geoRadius(${finite(point.lat, 'latitude')}, ${finite(point.lon, 'longitude')}, ${finite(meters, 'radius')})`;
}

function anyOf(attribute: string, values: string[] | undefined): string | undefined {
  if (!values || values.length === 0) return undefined;
  const unique = [...new Set(values)];
  return `${attribute} IN [${unique.map(quoteFilterValue).join(', ')}]`;
}

/**
 * "The supplier's service area covers this commune": national, or the commune's région, département or
 * the commune itself listed, or a radius area reaching the commune's point. Meilisearch cannot compare
 * a distance with a per-document radius, so each distinct radius value R present in the index gets its
 * own clause (serviceAreaRadiusKm = R AND _geoRadius(commune, R km)).
 */
export function coversFilter(covers: NonNullable<SearchQuery['covers']>, radiusValues: number[]): string {
  const clauses = [
    'serviceNational = true',
    `serviceRegions = ${quoteFilterValue(covers.region)}`,
    `serviceDepartements = ${quoteFilterValue(covers.departement)}`,
    `serviceCommunes = ${quoteFilterValue(covers.commune)}`,
  ];
  const radii = [...new Set(radiusValues.filter((r) => Number.isFinite(r) && r > 0))].sort((a, b) => a - b);
  for (const r of radii) clauses.push(`(serviceAreaRadiusKm = ${finite(r, 'radius')} AND ${geoRadius(covers, r)})`);
  return `(${clauses.join(' OR ')})`;
}

/** The whole filter expression of a query (AND across facets, OR within one), or undefined. */
export function buildFilter(query: SearchQuery, radiusValues: number[]): string | undefined {
  const parts = [
    anyOf('structureKind', query.kinds),
    anyOf('sectors', query.sectors),
    anyOf('departement', query.departements),
    anyOf('region', query.regions),
    anyOf('labels', query.labels),
    anyOf('charterStatus', query.charter),
    query.near ? geoRadius(query.near, query.near.radiusKm) : undefined,
    query.covers ? coversFilter(query.covers, radiusValues) : undefined,
  ].filter((p): p is string => p !== undefined);
  return parts.length > 0 ? parts.map((p) => (p.startsWith('(') ? p : `(${p})`)).join(' AND ') : undefined;
}

/** Sort rules; undefined means Meilisearch's ranking rules (relevance). */
export function buildSort(query: SearchQuery, hasText: boolean): string[] | undefined {
  const origin = originOf(query);
  switch (query.sort ?? 'relevance') {
    case 'name':
      return ['nameSort:asc'];
    case 'distance':
      if (origin)
        return [`_geoPoint(${finite(origin.lat, 'latitude')},${finite(origin.lon, 'longitude')}):asc`, 'nameSort:asc'];
      break;
    case 'relevance':
      break;
  }
  // Without words to rank by, list verified charters first, then by name.
  return hasText ? undefined : ['charterRank:desc', 'nameSort:asc'];
}

export const FACET_ATTRIBUTES: Record<FacetName, string> = {
  kind: 'structureKind',
  sector: 'sectors',
  departement: 'departement',
  region: 'region',
  label: 'labels',
};

export function toFacetDistribution(
  distribution: Record<string, Record<string, number>> | undefined,
): FacetDistribution {
  const facets = {} as FacetDistribution;
  for (const [facet, attribute] of Object.entries(FACET_ATTRIBUTES) as [FacetName, string][]) {
    facets[facet] = { ...(distribution?.[attribute] ?? {}) };
  }
  return facets;
}

/** Great-circle distance in km, computed like the SQLite engine does (app/domain/geo.ts). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  return haversineKm(a.lat, a.lon, b.lat, b.lon);
}
