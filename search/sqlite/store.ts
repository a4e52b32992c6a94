import { EARTH_RADIUS_KM } from '../../app/domain/geo';
import type { FacetDistribution, GeoPoint } from '../types';

// In-memory copy of the facet and geo fields of every indexed document (the search_docs table without its
// texts). Filters (search/sqlite/filters.ts), facet counts, distances and the name / default orders are
// computed over it in one pass over the matching documents, instead of one GROUP BY per facet in SQL.
//
// Columnar layout: each document is a position; its fields live in typed arrays (codes interned to small
// integers, lists as offset ranges into one shared array), so a pass over 100,000 documents reads a few
// contiguous arrays instead of chasing 100,000 objects. An upsert appends a new position and retires the old
// one; load() compacts.

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

const NO_ITEMS: string[] = [];

function parseList(json: string): string[] {
  if (!json || json === '[]') return NO_ITEMS;
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.map(String) : [];
}

/** A growable list of small integers per position: values[start[pos]] .. values[end[pos] - 1]. */
class Lists {
  start = new Int32Array(0);
  end = new Int32Array(0);
  values = new Int32Array(1024);
  length = 0;

  resize(capacity: number): void {
    this.start = grow(this.start, capacity);
    this.end = grow(this.end, capacity);
  }

  set(pos: number, items: number[]): void {
    if (this.length + items.length > this.values.length) {
      const next = new Int32Array(Math.max(this.values.length * 2, this.length + items.length));
      next.set(this.values.subarray(0, this.length));
      this.values = next;
    }
    this.start[pos] = this.length;
    for (const item of items) this.values[this.length++] = item;
    this.end[pos] = this.length;
  }

  includes(pos: number, value: number): boolean {
    for (let i = this.start[pos], e = this.end[pos]; i < e; i++) if (this.values[i] === value) return true;
    return false;
  }

  some(pos: number, mask: Uint8Array): boolean {
    for (let i = this.start[pos], e = this.end[pos]; i < e; i++) if (mask[this.values[i]] === 1) return true;
    return false;
  }
}

function grow<T extends Int32Array | Uint8Array | Uint16Array | Float64Array>(array: T, capacity: number): T {
  if (array.length >= capacity) return array;
  const next = new (array.constructor as new (n: number) => T)(capacity);
  next.set(array);
  return next;
}

/** id -> position: a flat array for the usual dense SQLite ids, a Map beyond. */
class IdIndex {
  private dense = new Int32Array(0).fill(-1);
  private sparse = new Map<number, number>();
  size = 0;
  private static readonly DENSE_LIMIT = 1 << 24;

  get(id: number): number {
    if (id >= 0 && id < this.dense.length) return this.dense[id];
    return this.sparse.get(id) ?? -1;
  }

  set(id: number, pos: number): void {
    if (this.get(id) < 0) this.size++;
    if (Number.isInteger(id) && id >= 0 && id < IdIndex.DENSE_LIMIT) {
      if (id >= this.dense.length) {
        const next = new Int32Array(Math.max(1024, id + 1, this.dense.length * 2)).fill(-1);
        next.set(this.dense);
        this.dense = next;
      }
      this.dense[id] = pos;
    } else {
      this.sparse.set(id, pos);
    }
  }

  delete(id: number): void {
    if (this.get(id) < 0) return;
    this.size--;
    if (id >= 0 && id < this.dense.length) this.dense[id] = -1;
    else this.sparse.delete(id);
  }
}

export type Predicate = (pos: number) => boolean;

export class Store {
  readonly kinds = new Interner();
  readonly sectors = new Interner();
  readonly labels = new Interner();
  readonly departements = new Interner();
  readonly regions = new Interner();
  readonly communes = new Interner();
  readonly charters = new Interner();

  /** Number of positions in use (live or retired). */
  positions = 0;
  private capacity = 0;
  ids = new Int32Array(0);
  alive = new Uint8Array(0);
  kind = new Uint16Array(0);
  departement = new Uint16Array(0);
  region = new Uint16Array(0);
  commune = new Int32Array(0);
  charter = new Uint8Array(0);
  verified = new Uint8Array(0);
  lat = new Float64Array(0);
  lon = new Float64Array(0);
  latRad = new Float64Array(0);
  cosLat = new Float64Array(0);
  national = new Uint8Array(0);
  /** NaN when the supplier has no radius area. */
  radiusKm = new Float64Array(0);
  /** Position in the name order (French alphabetical, accents and case ignored). */
  nameRank = new Int32Array(0);
  /** Position in the default order: verified charter first, then name. */
  listRank = new Int32Array(0);
  nameKey: string[] = [];
  sectorLists = new Lists();
  labelLists = new Lists();
  areaRegions = new Lists();
  areaDepartements = new Lists();
  areaCommunes = new Lists();

  private byId = new IdIndex();
  private nameOrder: number[] = [];
  private listOrder: number[] = [];
  private ranksDirty = false;
  private allFacets: FacetDistribution | null = null;

  get size(): number {
    return this.byId.size;
  }

  /** The live position of a document, or -1. */
  posOf(id: number): number {
    return this.byId.get(id);
  }

  /** Replaces the whole content. */
  load(rows: Iterable<StoreRow>): void {
    this.positions = 0;
    this.byId = new IdIndex();
    this.nameKey = [];
    for (const list of this.lists()) list.length = 0;
    this.nameOrder = [];
    this.listOrder = [];
    for (const row of rows) this.append(row);
    this.ranksDirty = true;
  }

  /** Adds or replaces one document (a replaced document gets a new position). */
  upsert(row: StoreRow): void {
    const existing = this.byId.get(row.id);
    if (existing >= 0) this.alive[existing] = 0;
    this.append(row);
    this.ranksDirty = true;
  }

  remove(id: number): void {
    const existing = this.byId.get(id);
    if (existing < 0) return;
    this.alive[existing] = 0;
    this.byId.delete(id);
    this.ranksDirty = true;
  }

  private lists(): Lists[] {
    return [this.sectorLists, this.labelLists, this.areaRegions, this.areaDepartements, this.areaCommunes];
  }

  private ensureCapacity(needed: number): void {
    if (needed <= this.capacity) return;
    const capacity = Math.max(1024, needed, this.capacity * 2);
    this.ids = grow(this.ids, capacity);
    this.alive = grow(this.alive, capacity);
    this.kind = grow(this.kind, capacity);
    this.departement = grow(this.departement, capacity);
    this.region = grow(this.region, capacity);
    this.commune = grow(this.commune, capacity);
    this.charter = grow(this.charter, capacity);
    this.verified = grow(this.verified, capacity);
    this.lat = grow(this.lat, capacity);
    this.lon = grow(this.lon, capacity);
    this.latRad = grow(this.latRad, capacity);
    this.cosLat = grow(this.cosLat, capacity);
    this.national = grow(this.national, capacity);
    this.radiusKm = grow(this.radiusKm, capacity);
    this.nameRank = grow(this.nameRank, capacity);
    this.listRank = grow(this.listRank, capacity);
    for (const list of this.lists()) list.resize(capacity);
    this.capacity = capacity;
  }

  private append(row: StoreRow): void {
    const pos = this.positions++;
    this.ensureCapacity(this.positions);
    this.ids[pos] = row.id;
    this.alive[pos] = 1;
    this.kind[pos] = this.kinds.id(row.structure_kind);
    this.departement[pos] = this.departements.id(row.departement);
    this.region[pos] = this.regions.id(row.region);
    this.commune[pos] = this.communes.id(row.commune_code);
    this.charter[pos] = this.charters.id(row.charter_status);
    this.verified[pos] = row.charter_status === 'verified' ? 1 : 0;
    this.lat[pos] = row.lat;
    this.lon[pos] = row.lon;
    this.latRad[pos] = row.lat * RAD;
    this.cosLat[pos] = Math.cos(row.lat * RAD);
    this.national[pos] = row.area_national === 1 ? 1 : 0;
    this.radiusKm[pos] = row.area_radius_km ?? Number.NaN;
    this.nameKey[pos] = row.name_key;
    this.sectorLists.set(
      pos,
      parseList(row.sectors).map((c) => this.sectors.id(c)),
    );
    this.labelLists.set(
      pos,
      parseList(row.labels).map((c) => this.labels.id(c)),
    );
    this.areaRegions.set(
      pos,
      parseList(row.area_regions).map((c) => this.regions.id(c)),
    );
    this.areaDepartements.set(
      pos,
      parseList(row.area_departements).map((c) => this.departements.id(c)),
    );
    this.areaCommunes.set(
      pos,
      parseList(row.area_communes).map((c) => this.communes.id(c)),
    );
    this.byId.set(row.id, pos);
    this.nameOrder.push(pos);
  }

  /**
   * Recomputes nameRank and listRank after changes: a full sort after a load, then, since the name order
   * stays nearly sorted between changes (new positions are appended), close to linear time with the
   * engine's merge sort (TimSort).
   */
  ensureRanks(): void {
    if (!this.ranksDirty) return;
    this.allFacets = null;
    const alive = this.alive;
    const keys = this.nameKey;
    const ids = this.ids;
    this.nameOrder = this.nameOrder.filter((p) => alive[p] === 1);
    this.nameOrder.sort((a, b) => (keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : ids[a] - ids[b]));
    this.nameOrder.forEach((p, i) => (this.nameRank[p] = i));
    // Default order: verified first, then name; a stable partition of the name order.
    const verified = this.verified;
    this.listOrder = [
      ...this.nameOrder.filter((p) => verified[p] === 1),
      ...this.nameOrder.filter((p) => verified[p] === 0),
    ];
    this.listOrder.forEach((p, i) => (this.listRank[p] = i));
    this.ranksDirty = false;
  }

  /** Every live position in the default order (verified first, then name). */
  inListOrder(): readonly number[] {
    this.ensureRanks();
    return this.listOrder;
  }

  /** Facet counts over every live document, computed once per change of the store. */
  facetsOfAll(): FacetDistribution {
    this.ensureRanks();
    if (!this.allFacets) {
      // In position order: sequential reads.
      const live: number[] = [];
      for (let pos = 0; pos < this.positions; pos++) if (this.alive[pos] === 1) live.push(pos);
      this.allFacets = this.facets(live);
    }
    return structuredClone(this.allFacets);
  }

  /** Facet counts over the given positions. */
  facets(positions: ArrayLike<number>): FacetDistribution {
    const kind = new Int32Array(this.kinds.values.length);
    const sector = new Int32Array(this.sectors.values.length);
    const departement = new Int32Array(this.departements.values.length);
    const region = new Int32Array(this.regions.values.length);
    const label = new Int32Array(this.labels.values.length);
    const kinds = this.kind;
    const departements = this.departement;
    const regions = this.region;
    const s = this.sectorLists;
    const l = this.labelLists;
    for (let i = 0; i < positions.length; i++) {
      const p = positions[i];
      kind[kinds[p]]++;
      departement[departements[p]]++;
      region[regions[p]]++;
      for (let j = s.start[p], e = s.end[p]; j < e; j++) sector[s.values[j]]++;
      for (let j = l.start[p], e = l.end[p]; j < e; j++) label[l.values[j]]++;
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

  /** Great-circle distance in km (haversine) from a point to the document at a position. */
  distanceFn(point: GeoPoint): (pos: number) => number {
    const latRad = point.lat * RAD;
    const lonDeg = point.lon;
    const cosLat = Math.cos(latRad);
    const lats = this.latRad;
    const lons = this.lon;
    const coss = this.cosLat;
    return (p) => {
      const dLat = lats[p] - latRad;
      const dLon = (lons[p] - lonDeg) * RAD;
      const a = Math.sin(dLat / 2) ** 2 + cosLat * coss[p] * Math.sin(dLon / 2) ** 2;
      return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
    };
  }
}

/**
 * The `k` smallest items by `key` (ties by the order of `items`), sorted. A bounded max-heap when k is small
 * compared to the input, a full sort otherwise.
 */
export function smallestK<T>(items: ArrayLike<T>, k: number, key: (item: T) => number): T[] {
  if (k <= 0 || items.length === 0) return [];
  if (k * 8 >= items.length) {
    const keyed = Array.from(items, (item, i) => ({ item, k: key(item), i }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    return keyed.slice(0, k).map((e) => e.item);
  }
  // Max-heap of the k best so far, by (key, index).
  const heapKeys: number[] = [];
  const heapIdx: number[] = [];
  const greater = (a: number, b: number) =>
    heapKeys[a] > heapKeys[b] || (heapKeys[a] === heapKeys[b] && heapIdx[a] > heapIdx[b]);
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
