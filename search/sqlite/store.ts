import type { FacetDistribution, GeoPoint, SearchQuery } from '../types';

// In-memory copy of the facet and geo fields of every indexed document (the search_docs table without its
// texts). Filters, facet counts, geo radius, service-area coverage and the name / default orders are
// computed here in one pass over the matching documents, instead of one GROUP BY per facet in SQL.
// Codes are interned to small integers so that counting is array increments.

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;

export interface StoreRow {
  id: number;
  name_key: string;
  structure_kind: string;
  sectors: string;
  labels: string;
  commune_code: string;
  departement: string;
  region: string;
  charter_status: string;
  lat: number;
  lon: number;
  area_national: number;
  area_regions: string;
  area_departements: string;
  area_communes: string;
  area_radius_km: number | null;
}

export interface DocRecord {
  id: number;
  /** Index in Store.records (stable while the record lives). */
  pos: number;
  nameKey: string;
  verified: boolean;
  kind: number;
  sectors: number[];
  labels: number[];
  departement: number;
  region: number;
  commune: number;
  charter: number;
  lat: number;
  lon: number;
  latRad: number;
  cosLat: number;
  national: boolean;
  areaRegions: number[];
  areaDepartements: number[];
  areaCommunes: number[];
  /** NaN when the supplier has no radius area. */
  radiusKm: number;
  /** Position in the name order (French alphabetical, accents and case ignored). */
  nameRank: number;
  /** Position in the default order: verified charter first, then name. */
  listRank: number;
}

class Interner {
  readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  id(code: string): number {
    let id = this.codes.get(code);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(code);
      this.codes.set(code, id);
    }
    return id;
  }
  /** A mask over the interned ids that are in `codes` (unknown codes match nothing). */
  mask(codes: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.values.length + 1);
    for (const code of codes) {
      const id = this.codes.get(code);
      if (id !== undefined) mask[id] = 1;
    }
    return mask;
  }
}

function parseList(json: string): string[] {
  if (!json) return [];
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

/** Great-circle distance in km from a prepared point to a record (haversine). */
export function distanceToRecord(latRad: number, lonDeg: number, cosLat: number, r: DocRecord): number {
  const dLat = r.latRad - latRad;
  const dLon = (r.lon - lonDeg) * RAD;
  const a = Math.sin(dLat / 2) ** 2 + cosLat * r.cosLat * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

interface PreparedPoint {
  latRad: number;
  lon: number;
  cosLat: number;
}

function preparePoint(p: GeoPoint): PreparedPoint {
  return { latRad: p.lat * RAD, lon: p.lon, cosLat: Math.cos(p.lat * RAD) };
}

export type Predicate = (r: DocRecord) => boolean;

export class Store {
  readonly kinds = new Interner();
  readonly sectors = new Interner();
  readonly labels = new Interner();
  readonly departements = new Interner();
  readonly regions = new Interner();
  readonly communes = new Interner();
  readonly charters = new Interner();
  /** Holes (undefined) are removed documents; compacted on reload. */
  records: (DocRecord | undefined)[] = [];
  private byId = new Map<number, DocRecord>();
  private nameOrder: DocRecord[] = [];
  private listOrder: DocRecord[] = [];
  private ranksDirty = false;

  get size(): number {
    return this.byId.size;
  }

  get(id: number): DocRecord | undefined {
    return this.byId.get(id);
  }

  /** Replaces the whole content. */
  load(rows: Iterable<StoreRow>): void {
    this.records = [];
    this.byId = new Map();
    for (const row of rows) {
      const record = this.toRecord(row, this.records.length);
      this.records.push(record);
      this.byId.set(record.id, record);
    }
    this.nameOrder = this.records.filter((r): r is DocRecord => r !== undefined);
    this.listOrder = [...this.nameOrder];
    this.ranksDirty = true;
  }

  /** Adds or replaces one document. */
  upsert(row: StoreRow): void {
    const existing = this.byId.get(row.id);
    const record = this.toRecord(row, existing ? existing.pos : this.records.length);
    if (existing) this.records[existing.pos] = record;
    else this.records.push(record);
    this.byId.set(row.id, record);
    // The replaced record, if any, is dropped from the orders by ensureRanks().
    this.nameOrder.push(record);
    this.listOrder.push(record);
    this.ranksDirty = true;
  }

  remove(id: number): void {
    const existing = this.byId.get(id);
    if (!existing) return;
    this.records[existing.pos] = undefined;
    this.byId.delete(id);
    this.ranksDirty = true;
  }

  /**
   * Recomputes nameRank and listRank after changes. The order arrays stay nearly sorted between changes,
   * which the engine's merge sort (TimSort) handles in close to linear time.
   */
  ensureRanks(): void {
    if (!this.ranksDirty) return;
    const live = (r: DocRecord) => this.byId.get(r.id) === r;
    this.nameOrder = this.nameOrder.filter(live);
    this.listOrder = this.listOrder.filter(live);
    const byName = (a: DocRecord, b: DocRecord) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id - b.id);
    this.nameOrder.sort(byName);
    this.nameOrder.forEach((r, i) => (r.nameRank = i));
    this.listOrder.sort((a, b) => (a.verified === b.verified ? a.nameRank - b.nameRank : a.verified ? -1 : 1));
    this.listOrder.forEach((r, i) => (r.listRank = i));
    this.ranksDirty = false;
  }

  /** Every live record in the default order (verified first, then name). */
  inListOrder(): readonly DocRecord[] {
    this.ensureRanks();
    return this.listOrder;
  }

  private toRecord(row: StoreRow, pos: number): DocRecord {
    const verified = row.charter_status === 'verified';
    return {
      id: row.id,
      pos,
      nameKey: row.name_key,
      verified,
      kind: this.kinds.id(row.structure_kind),
      sectors: parseList(row.sectors).map((c) => this.sectors.id(c)),
      labels: parseList(row.labels).map((c) => this.labels.id(c)),
      departement: this.departements.id(row.departement),
      region: this.regions.id(row.region),
      commune: this.communes.id(row.commune_code),
      charter: this.charters.id(row.charter_status),
      lat: row.lat,
      lon: row.lon,
      latRad: row.lat * RAD,
      cosLat: Math.cos(row.lat * RAD),
      national: row.area_national === 1,
      areaRegions: parseList(row.area_regions).map((c) => this.regions.id(c)),
      areaDepartements: parseList(row.area_departements).map((c) => this.departements.id(c)),
      areaCommunes: parseList(row.area_communes).map((c) => this.communes.id(c)),
      radiusKm: row.area_radius_km ?? Number.NaN,
      nameRank: 0,
      listRank: 0,
    };
  }

  /** The filter of a query (facets AND'ed, values OR'ed; near; covers), or null when it has none. */
  predicate(query: SearchQuery): Predicate | null {
    const checks: Predicate[] = [];
    if (query.kinds?.length) {
      const mask = this.kinds.mask(query.kinds);
      checks.push((r) => mask[r.kind] === 1);
    }
    if (query.sectors?.length) {
      const mask = this.sectors.mask(query.sectors);
      checks.push((r) => r.sectors.some((s) => mask[s] === 1));
    }
    if (query.departements?.length) {
      const mask = this.departements.mask(query.departements);
      checks.push((r) => mask[r.departement] === 1);
    }
    if (query.regions?.length) {
      const mask = this.regions.mask(query.regions);
      checks.push((r) => mask[r.region] === 1);
    }
    if (query.labels?.length) {
      const mask = this.labels.mask(query.labels);
      checks.push((r) => r.labels.some((l) => mask[l] === 1));
    }
    if (query.charter?.length) {
      const mask = this.charters.mask(query.charter);
      checks.push((r) => mask[r.charter] === 1);
    }
    if (query.near) {
      const { radiusKm } = query.near;
      const p = preparePoint(query.near);
      // Bounding box first (cheap comparisons), then the exact haversine distance.
      const dLat = radiusKm / (EARTH_RADIUS_KM * RAD);
      const cosMin = Math.cos(Math.min(89.9, Math.abs(query.near.lat) + dLat) * RAD);
      const dLon = cosMin > 1e-6 ? Math.min(180, dLat / cosMin) : 180;
      const minLat = query.near.lat - dLat;
      const maxLat = query.near.lat + dLat;
      const minLon = query.near.lon - dLon;
      const maxLon = query.near.lon + dLon;
      const wraps = minLon < -180 || maxLon > 180;
      checks.push((r) => {
        if (r.lat < minLat || r.lat > maxLat) return false;
        if (!wraps && (r.lon < minLon || r.lon > maxLon)) return false;
        return distanceToRecord(p.latRad, p.lon, p.cosLat, r) <= radiusKm;
      });
    }
    if (query.covers) {
      const covers = query.covers;
      const p = preparePoint(covers);
      const commune = this.communes.codes.get(covers.commune) ?? -1;
      const departement = this.departements.codes.get(covers.departement) ?? -1;
      const region = this.regions.codes.get(covers.region) ?? -1;
      checks.push(
        (r) =>
          r.national ||
          r.areaRegions.includes(region) ||
          r.areaDepartements.includes(departement) ||
          r.areaCommunes.includes(commune) ||
          (r.radiusKm >= 0 && distanceToRecord(p.latRad, p.lon, p.cosLat, r) <= r.radiusKm),
      );
    }
    if (checks.length === 0) return null;
    if (checks.length === 1) return checks[0];
    return (r) => {
      for (const check of checks) if (!check(r)) return false;
      return true;
    };
  }

  /** Facet counts over the given records. */
  facets(records: readonly DocRecord[]): FacetDistribution {
    const kind = new Int32Array(this.kinds.values.length);
    const sector = new Int32Array(this.sectors.values.length);
    const departement = new Int32Array(this.departements.values.length);
    const region = new Int32Array(this.regions.values.length);
    const label = new Int32Array(this.labels.values.length);
    for (const r of records) {
      kind[r.kind]++;
      departement[r.departement]++;
      region[r.region]++;
      for (const s of r.sectors) sector[s]++;
      for (const l of r.labels) label[l]++;
    }
    const toRecord = (counts: Int32Array, interner: Interner): Record<string, number> => {
      const out: Record<string, number> = {};
      for (let i = 0; i < counts.length; i++) if (counts[i] > 0) out[interner.values[i]] = counts[i];
      return out;
    };
    return {
      kind: toRecord(kind, this.kinds),
      sector: toRecord(sector, this.sectors),
      departement: toRecord(departement, this.departements),
      region: toRecord(region, this.regions),
      label: toRecord(label, this.labels),
    };
  }

  /** Distance from a point to each given record, rounded later by the caller. */
  distanceFn(point: GeoPoint): (r: DocRecord) => number {
    const p = preparePoint(point);
    return (r) => distanceToRecord(p.latRad, p.lon, p.cosLat, r);
  }
}

/**
 * The `k` smallest items by `key` (ties by the order of `items`), sorted. A bounded max-heap when k is small
 * compared to the input, a full sort otherwise.
 */
export function smallestK<T>(items: readonly T[], k: number, key: (item: T) => number): T[] {
  if (k <= 0 || items.length === 0) return [];
  if (k * 8 >= items.length) {
    const keyed = items.map((item, i) => ({ item, k: key(item), i }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    return keyed.slice(0, k).map((e) => e.item);
  }
  // Max-heap of the k best so far, by (key, index).
  const heapKeys: number[] = [];
  const heapIdx: number[] = [];
  const greater = (a: number, b: number) => heapKeys[a] > heapKeys[b] || (heapKeys[a] === heapKeys[b] && heapIdx[a] > heapIdx[b]);
  const swap = (a: number, b: number) => {
    [heapKeys[a], heapKeys[b]] = [heapKeys[b], heapKeys[a]];
    [heapIdx[a], heapIdx[b]] = [heapIdx[b], heapIdx[a]];
  };
  const siftDown = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let largest = i;
      if (l < heapKeys.length && greater(l, largest)) largest = l;
      if (r < heapKeys.length && greater(r, largest)) largest = r;
      if (largest === i) return;
      swap(i, largest);
      i = largest;
    }
  };
  const siftUp = (i: number) => {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!greater(i, parent)) return;
      swap(i, parent);
      i = parent;
    }
  };
  for (let i = 0; i < items.length; i++) {
    const value = key(items[i]);
    if (heapKeys.length < k) {
      heapKeys.push(value);
      heapIdx.push(i);
      siftUp(heapKeys.length - 1);
    } else if (value < heapKeys[0] || (value === heapKeys[0] && i < heapIdx[0])) {
      heapKeys[0] = value;
      heapIdx[0] = i;
      siftDown(0);
    }
  }
  const order = heapIdx.map((idx, j) => ({ idx, k: heapKeys[j] }));
  order.sort((a, b) => a.k - b.k || a.idx - b.idx);
  return order.map((e) => items[e.idx]);
}
