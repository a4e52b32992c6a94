import { boundingBox, EARTH_RADIUS_KM } from '../../app/domain/geo';
import type { SearchQuery } from '../types';
import type { Predicate, Store } from './store';

// The filters of a query over the in-memory store (docs/decisions/011): facets, `near` (bounding box, then
// haversine) and `covers` (national, région, département, commune, or a radius area reaching the point).

/** A degree of latitude is this long everywhere (on the sphere of EARTH_RADIUS_KM). */
const KM_PER_DEGREE_OF_LATITUDE = EARTH_RADIUS_KM * (Math.PI / 180);

/** The filter of a query (facets AND'ed, values OR'ed; near; covers), or null when it has none. */
export function filterOf(store: Store, query: SearchQuery): Predicate | null {
  const checks: Predicate[] = [];
  if (query.kinds?.length) {
    const mask = store.kinds.mask(query.kinds);
    const kind = store.kind;
    checks.push((p) => mask[kind[p]] === 1);
  }
  if (query.sectors?.length) {
    const mask = store.sectors.mask(query.sectors);
    const lists = store.sectorLists;
    checks.push((p) => lists.some(p, mask));
  }
  if (query.departements?.length) {
    const mask = store.departements.mask(query.departements);
    const departement = store.departement;
    checks.push((p) => mask[departement[p]] === 1);
  }
  if (query.regions?.length) {
    const mask = store.regions.mask(query.regions);
    const region = store.region;
    checks.push((p) => mask[region[p]] === 1);
  }
  if (query.labels?.length) {
    const mask = store.labels.mask(query.labels);
    const lists = store.labelLists;
    checks.push((p) => lists.some(p, mask));
  }
  if (query.charter?.length) {
    const mask = store.charters.mask(query.charter);
    const charter = store.charter;
    checks.push((p) => mask[charter[p]] === 1);
  }
  if (query.near) {
    const { radiusKm } = query.near;
    const distance = store.distanceFn(query.near);
    // Bounding box first (cheap comparisons), then the exact haversine distance.
    const { minLat, maxLat, minLon, maxLon } = boundingBox(query.near.lat, query.near.lon, Math.max(0, radiusKm));
    const lat = store.lat;
    const lon = store.lon;
    checks.push((p) => {
      if (lat[p] < minLat || lat[p] > maxLat || lon[p] < minLon || lon[p] > maxLon) return false;
      return distance(p) <= radiusKm;
    });
  }
  if (query.covers) {
    const covers = query.covers;
    const distance = store.distanceFn(covers);
    const commune = store.communes.codes.get(covers.commune) ?? -1;
    const departement = store.departements.codes.get(covers.departement) ?? -1;
    const region = store.regions.codes.get(covers.region) ?? -1;
    const { national, areaRegions, areaDepartements, areaCommunes } = store;
    const radius = store.radiusKm;
    const lat = store.lat;
    const coveredLat = covers.lat;
    checks.push(
      (p) =>
        national[p] === 1 ||
        areaRegions.includes(p, region) ||
        areaDepartements.includes(p, departement) ||
        areaCommunes.includes(p, commune) ||
        // The latitude difference alone is a lower bound of the distance: skip the haversine when it is enough.
        (radius[p] >= 0 &&
          Math.abs(lat[p] - coveredLat) * KM_PER_DEGREE_OF_LATITUDE <= radius[p] &&
          distance(p) <= radius[p]),
    );
  }
  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0];
  return (p) => {
    for (const check of checks) if (!check(p)) return false;
    return true;
  };
}
