import type { FacetDistribution, SearchEngine, SearchQuery, SearchResult, SupplierDocument } from '../../search/types';
import { byId, FIXTURES, type Place } from './contract-fixtures';

// Helpers of the search contract (tests/search/contract.ts and its behaviour groups).

/** The engine shared by the query behaviours, with every fixture indexed. */
export interface SharedEngine {
  engine(): SearchEngine;
  /** A search of the first 50 hits. */
  search(query: Partial<SearchQuery>): Promise<SearchResult>;
  /** The ids of the first 50 hits of a text query. */
  find(q: string, query?: Partial<SearchQuery>): Promise<number[]>;
}

/** Makes and frees the engines of the contract. */
export interface EngineFactory {
  makeEngine(): Promise<SearchEngine>;
  dispose(engine: SearchEngine): Promise<void>;
}

export const ALL_IDS = FIXTURES.map((d) => d.id);

export function ids(result: SearchResult): number[] {
  return result.hits.map((h) => h.id);
}

export function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The facet distribution of the given fixtures, computed from their data. */
export function facetsOf(docIds: number[]): FacetDistribution {
  const facets: FacetDistribution = { kind: {}, sector: {}, departement: {}, region: {}, label: {} };
  const add = (facet: Record<string, number>, key: string) => (facet[key] = (facet[key] ?? 0) + 1);
  for (const id of docIds) {
    const doc = byId(id);
    add(facets.kind, doc.structureKind);
    add(facets.departement, doc.departement);
    add(facets.region, doc.region);
    for (const s of doc.sectors) add(facets.sector, s);
    for (const l of doc.labels) add(facets.label, l);
  }
  return facets;
}

/** Name order: accents and case ignored. */
function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

export function byName(docIds: number[]): number[] {
  return [...docIds].sort((a, b) => {
    const ka = nameKey(byId(a).name);
    const kb = nameKey(byId(b).name);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

export function coversOf(place: Place): NonNullable<SearchQuery['covers']> {
  return {
    commune: place.commune,
    departement: place.departement,
    region: place.region,
    lat: place.lat,
    lon: place.lon,
  };
}

export function edited(doc: SupplierDocument, changes: Partial<SupplierDocument>): SupplierDocument {
  return { ...doc, ...changes };
}

export async function* inBatches(
  docs: SupplierDocument[],
  size: number,
  between?: () => Promise<void>,
): AsyncGenerator<SupplierDocument[]> {
  for (let i = 0; i < docs.length; i += size) {
    if (i > 0 && between) await between();
    yield docs.slice(i, i + size);
  }
}
