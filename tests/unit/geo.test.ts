import { describe, expect, it } from 'vitest';
import { boundingBox, haversineKm, isValidLatitude, isValidLongitude } from '../../app/domain/geo';

const PARIS = [48.8566, 2.3522] as const;
const LYON = [45.764, 4.8357] as const;

describe('haversineKm', () => {
  it('measures known distances', () => {
    expect(haversineKm(...PARIS, ...LYON)).toBeCloseTo(391.5, 0);
    expect(haversineKm(...PARIS, ...PARIS)).toBe(0);
    expect(haversineKm(...LYON, ...PARIS)).toBeCloseTo(haversineKm(...PARIS, ...LYON), 9);
    // A quarter of a meridian, and antipodes (half the circumference).
    expect(haversineKm(0, 0, 90, 0)).toBeCloseTo((Math.PI * 6371.0088) / 2, 3);
    expect(haversineKm(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6371.0088, 3);
    // Across the antimeridian: short, not around the world.
    expect(haversineKm(0, 179.5, 0, -179.5)).toBeCloseTo(111.2, 0);
  });

  it('refuses coordinates out of range or not finite', () => {
    expect(() => haversineKm(91, 0, 0, 0)).toThrow(RangeError);
    expect(() => haversineKm(0, 181, 0, 0)).toThrow(RangeError);
    expect(() => haversineKm(0, 0, Number.NaN, 0)).toThrow(RangeError);
    expect(() => haversineKm(0, 0, 0, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(isValidLatitude(-90)).toBe(true);
    expect(isValidLatitude(-90.0001)).toBe(false);
    expect(isValidLongitude(180)).toBe(true);
    expect(isValidLongitude(Number.NaN)).toBe(false);
  });
});

describe('boundingBox', () => {
  it('contains every point within the distance, in all directions', () => {
    for (const km of [1, 10, 50, 300]) {
      const box = boundingBox(...PARIS, km);
      for (let bearing = 0; bearing < 360; bearing += 15) {
        // Destination point at `km` (slightly less) along the bearing.
        const d = (km * 0.999) / 6371.0088;
        const b = (bearing * Math.PI) / 180;
        const lat1 = (PARIS[0] * Math.PI) / 180;
        const lon1 = (PARIS[1] * Math.PI) / 180;
        const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
        const lon2 =
          lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
        const lat = (lat2 * 180) / Math.PI;
        const lon = (lon2 * 180) / Math.PI;
        expect(haversineKm(...PARIS, lat, lon)).toBeLessThanOrEqual(km);
        expect(lat).toBeGreaterThanOrEqual(box.minLat);
        expect(lat).toBeLessThanOrEqual(box.maxLat);
        expect(lon).toBeGreaterThanOrEqual(box.minLon);
        expect(lon).toBeLessThanOrEqual(box.maxLon);
      }
    }
  });

  it('is tight in latitude and widens with latitude in longitude', () => {
    const box = boundingBox(...PARIS, 111.2);
    expect(box.maxLat - PARIS[0]).toBeCloseTo(1, 1);
    expect(PARIS[0] - box.minLat).toBeCloseTo(1, 1);
    expect(box.maxLon - PARIS[1]).toBeGreaterThan(1.4);
    expect(box.maxLon - PARIS[1]).toBeLessThan(1.6);
    const zero = boundingBox(...PARIS, 0);
    expect(zero).toEqual({ minLat: PARIS[0], maxLat: PARIS[0], minLon: PARIS[1], maxLon: PARIS[1] });
  });

  it('opens the longitude range near the poles and across the antimeridian', () => {
    const polar = boundingBox(89.9, 10, 50);
    expect(polar.maxLat).toBe(90);
    expect([polar.minLon, polar.maxLon]).toEqual([-180, 180]);
    const dateLine = boundingBox(-17.5, 179.9, 50);
    expect([dateLine.minLon, dateLine.maxLon]).toEqual([-180, 180]);
  });

  it('refuses a negative or non-finite distance and bad coordinates', () => {
    expect(() => boundingBox(...PARIS, -1)).toThrow(RangeError);
    expect(() => boundingBox(...PARIS, Number.NaN)).toThrow(RangeError);
    expect(() => boundingBox(100, 0, 10)).toThrow(RangeError);
  });
});
