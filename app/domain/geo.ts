// Distances and bounding boxes on the sphere. Pure, no I/O.

/** Mean Earth radius in kilometres (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

const toRadians = (degrees: number) => (degrees * Math.PI) / 180;
const toDegrees = (radians: number) => (radians * 180) / Math.PI;

export function isValidLatitude(lat: number): boolean {
  return Number.isFinite(lat) && lat >= -90 && lat <= 90;
}

export function isValidLongitude(lon: number): boolean {
  return Number.isFinite(lon) && lon >= -180 && lon <= 180;
}

function assertCoordinates(lat: number, lon: number): void {
  if (!isValidLatitude(lat)) throw new RangeError(`Invalid latitude: ${lat}`);
  if (!isValidLongitude(lon)) throw new RangeError(`Invalid longitude: ${lon}`);
}

/** Great-circle distance in kilometres between two points given in decimal degrees (haversine formula). */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  assertCoordinates(lat1, lon1);
  assertCoordinates(lat2, lon2);
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

export interface BoundingBox {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/**
 * The smallest latitude/longitude box that contains every point within `km` of (lat, lon): a cheap index
 * pre-filter before the exact haversine test. Near a pole, or when the box would cross the antimeridian,
 * the longitude range is widened to the whole [-180, 180] (never too narrow, sometimes too wide).
 */
export function boundingBox(lat: number, lon: number, km: number): BoundingBox {
  assertCoordinates(lat, lon);
  if (!Number.isFinite(km) || km < 0) throw new RangeError(`Invalid distance: ${km}`);
  const angular = km / EARTH_RADIUS_KM;
  const latRad = toRadians(lat);
  let minLatRad = latRad - angular;
  let maxLatRad = latRad + angular;
  let minLon = -180;
  let maxLon = 180;
  const halfPi = Math.PI / 2;
  if (minLatRad > -halfPi && maxLatRad < halfPi) {
    const dLon = Math.asin(Math.min(1, Math.sin(angular) / Math.cos(latRad)));
    const lonRad = toRadians(lon);
    const lo = lonRad - dLon;
    const hi = lonRad + dLon;
    if (lo >= -Math.PI && hi <= Math.PI && dLon < halfPi) {
      minLon = toDegrees(lo);
      maxLon = toDegrees(hi);
    }
  } else {
    minLatRad = Math.max(minLatRad, -halfPi);
    maxLatRad = Math.min(maxLatRad, halfPi);
  }
  return { minLat: toDegrees(minLatRad), maxLat: toDegrees(maxLatRad), minLon, maxLon };
}
