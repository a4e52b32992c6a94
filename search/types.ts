import type { SortOrder } from '../app/domain/search/params';
import type { CharterStatus } from '../app/domain/charter';

// The contract both engines implement (docs/architecture.md, "Search"; its behaviours: tests/search/contract.ts;
// the engines: docs/decisions/010-015 and 031-032). Engines receive an already validated, already resolved query:
// codes are known, the commune's coordinates are looked up by the caller.

export interface GeoPoint {
  lat: number;
  lon: number;
}

export interface SearchQuery {
  /** Free text, at most 500 characters; empty or absent lists every published supplier. */
  q?: string;
  /** OR within each list, AND across lists. */
  kinds?: string[];
  sectors?: string[];
  departements?: string[];
  regions?: string[];
  labels?: string[];
  charter?: CharterStatus[];
  /** "Within radiusKm of this point": the supplier's own commune lies inside the circle. */
  near?: GeoPoint & { radiusKm: number };
  /**
   * "Suppliers whose service area covers this commune": national, or a région / département / commune area
   * that contains it, or a radius area around the supplier's commune that reaches the commune's point.
   */
  covers?: { commune: string; departement: string; region: string } & GeoPoint;
  /** Reference point for distanceKm in hits and for sort = 'distance' (defaults to near or covers). */
  origin?: GeoPoint;
  sort?: SortOrder;
  /** 1-based. */
  page: number;
  perPage: number;
}

/** The reference point of distances (SearchQuery.origin): explicit origin, else the near or covers point. */
export function originOf(query: SearchQuery): GeoPoint | undefined {
  const point = query.origin ?? query.near ?? query.covers;
  return point ? { lat: point.lat, lon: point.lon } : undefined;
}

export interface SearchHit {
  id: number;
  slug: string;
  name: string;
  structureKind: string;
  sectors: string[];
  commune: { code: string; name: string };
  departement: string;
  region: string;
  charterStatus: CharterStatus;
  /** Present when the query has a reference point. Rounded to 0.1 km. */
  distanceKm?: number;
  /**
   * Present when the query has words that matched the description or offers: a short excerpt, HTML-escaped,
   * with the matched words wrapped in <mark>…</mark> (see search/snippet.ts).
   */
  snippet?: string;
}

export type FacetName = 'kind' | 'sector' | 'departement' | 'region' | 'label';
export type FacetDistribution = Record<FacetName, Record<string, number>>;

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  /** Counts over every match of the query (all filters applied), not only the page. */
  facets: FacetDistribution;
  processingTimeMs: number;
}

/** What an engine indexes for one published supplier (built by search/documents.ts). */
export interface SupplierDocument {
  id: number;
  slug: string;
  siret: string;
  name: string;
  tradeName: string | null;
  structureKind: string;
  structureKindName: string;
  sectors: string[];
  sectorNames: string[];
  /** Offers as « name : description », joined by « · » (so a snippet of them reads well on one line). */
  offers: string;
  description: string;
  labels: string[];
  labelNames: string[];
  communeCode: string;
  communeName: string;
  postcode: string | null;
  departement: string;
  region: string;
  lat: number;
  lon: number;
  charterStatus: CharterStatus;
  serviceArea: {
    national: boolean;
    regions: string[];
    departements: string[];
    communes: string[];
    /** Largest radius area in km, or null when the supplier has none. */
    radiusKm: number | null;
  };
}

/** An embedded index's position in the change sequence (docs/decisions/320): the last seq applied. */
export interface FeedPosition {
  seq: number;
  /** Changes when a rebuild starts, so an applier that read the position before it does not commit. */
  epoch: number;
}

/**
 * An engine that keeps its own cursor in the change sequence, next to its rows (the embedded index), and moves it
 * in the same transaction as the documents. An engine without one (Meilisearch) has its cursor in the database of
 * record (search_feed_cursors), see search/feed.ts.
 */
export interface IndexFeed {
  /** This index's name as a consumer of the sequence (each instance's embedded index has its own). */
  consumer(): string;
  position(): Promise<FeedPosition>;
  /**
   * Writes the documents and removals and moves the cursor to `throughSeq` in one transaction, if the position is
   * still `at` (checked inside the transaction); returns false, writing nothing, when another process moved it.
   * `incomplete`: the cursor passes changes the index could not apply (set aside, decision 322), so its content is
   * no longer what the sequence makes and its version is its own until a rebuild (decision 324).
   */
  commit(
    at: FeedPosition,
    throughSeq: number,
    documents: SupplierDocument[],
    removedIds: number[],
    options?: { incomplete?: boolean },
  ): Promise<boolean>;
  /**
   * After a full rebuild from the database that read the sequence's head `seq` before it read any supplier: the
   * index reflects every change up to `seq`.
   */
  reset(seq: number): Promise<void>;
}

export interface SearchEngine {
  readonly name: 'sqlite' | 'meilisearch';
  /** Creates the index and applies settings; idempotent. */
  init(): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /**
   * Adds or replaces documents, outside the change sequence: the current documents of the database of record (the
   * feed's retries, a suspension's immediate removal), never older ones (decision 324).
   */
  upsert(documents: SupplierDocument[]): Promise<void>;
  remove(ids: number[]): Promise<void>;
  /**
   * Rebuilds the whole index from the given batches without search going down; onProgress gets the
   * number of documents indexed so far.
   */
  rebuild(batches: AsyncIterable<SupplierDocument[]>, onProgress?: (indexed: number) => void): Promise<number>;
  /** How many documents the index holds (0 when it does not exist yet). */
  documentCount(): Promise<number>;
  /** Cheap liveness check for /healthz. */
  health(): Promise<boolean>;
  /**
   * A token that changes whenever what the index answers may have changed: answers cached under one token
   * stay right while it holds (docs/decisions/303-search-answer-caching.md). Cheap: called on every search request.
   */
  version(): Promise<string>;
  close(): Promise<void>;
  /** Present when the engine keeps its own cursor in the change sequence (the embedded index). */
  readonly feed?: IndexFeed;
}
