import etalabDepartements from '@etalab/decoupage-administratif/data/departements.json';
import type { DB } from '../../db/connection';
import { findCommune as findCommuneRow, type CommuneSummary } from '../../db/repositories/communes';
import {
  listDepartements,
  listKinds,
  listLabels,
  listRegions,
  listSectorGroupsWithSectors,
} from '../../db/repositories/reference';

// The reference lists (structure kinds, sectors, labels, régions, départements) as the web and the API use
// them: small, read on every search to validate codes and name facets, so they are loaded once per process
// and per database handle. They only change through migrations, which run before the server starts, so the
// cache is never invalidated (see docs/decisions/052-reference-cache.md).

export interface KindItem {
  code: string;
  name: string;
  shortName: string;
  family: string;
  description: string;
}

export interface SectorItem {
  code: string;
  name: string;
  group: { code: string; name: string };
  cpvDivisions: string[];
}

export interface SectorGroupItem {
  code: string;
  name: string;
  sectors: { code: string; name: string; cpvDivisions: string[] }[];
}

export interface LabelItem {
  code: string;
  name: string;
  description: string;
}

export interface RegionItem {
  code: string;
  name: string;
}

export interface DepartementItem {
  code: string;
  name: string;
  region: { code: string; name: string };
  /** INSEE article type (TNCC) of the name, for French sentences: du Rhône, de la Loire, de l'Ain. */
  liaison?: number;
}

export interface ReferenceData {
  kinds: KindItem[];
  sectorGroups: SectorGroupItem[];
  sectors: SectorItem[];
  labels: LabelItem[];
  regions: RegionItem[];
  /** The régions in French alphabetical order, as the home page and the search page's select list them. */
  regionsByName: RegionItem[];
  departements: DepartementItem[];
  kindsByCode: ReadonlyMap<string, KindItem>;
  sectorsByCode: ReadonlyMap<string, SectorItem>;
  labelsByCode: ReadonlyMap<string, LabelItem>;
  regionsByCode: ReadonlyMap<string, RegionItem>;
  departementsByCode: ReadonlyMap<string, DepartementItem>;
}

const LIAISON_BY_DEPARTEMENT = new Map<string, number>(
  (etalabDepartements as { code: string; typeLiaison?: number }[])
    .filter((d) => typeof d.typeLiaison === 'number')
    .map((d) => [d.code, d.typeLiaison as number]),
);

const frenchCollator = new Intl.Collator('fr');

async function loadReferenceData(db: DB): Promise<ReferenceData> {
  const [kindRows, groups, labelRows, regionRows, departementRows] = await Promise.all([
    listKinds(db),
    listSectorGroupsWithSectors(db),
    listLabels(db),
    listRegions(db),
    listDepartements(db),
  ]);
  const kinds = kindRows.map((k) => ({
    code: k.code,
    name: k.name,
    shortName: k.short_name,
    family: k.family,
    description: k.description,
  }));
  const sectorGroups = groups.map((g) => ({
    code: g.code,
    name: g.name,
    sectors: g.sectors.map((s) => ({ ...s, cpvDivisions: [...s.cpvDivisions] })),
  }));
  const sectors = groups.flatMap((g) =>
    g.sectors.map((s) => ({
      code: s.code,
      name: s.name,
      group: { code: g.code, name: g.name },
      cpvDivisions: [...s.cpvDivisions],
    })),
  );
  const labels = labelRows.map((l) => ({ code: l.code, name: l.name, description: l.description }));
  const regions = regionRows.map((r) => ({ code: r.code, name: r.name }));
  const regionsByCode = new Map(regions.map((r) => [r.code, r]));
  const departements = departementRows.map((d): DepartementItem => {
    const liaison = LIAISON_BY_DEPARTEMENT.get(d.code);
    return {
      code: d.code,
      name: d.name,
      region: { code: d.region_code, name: regionsByCode.get(d.region_code)?.name ?? d.region_code },
      ...(liaison !== undefined ? { liaison } : {}),
    };
  });
  return {
    kinds,
    sectorGroups,
    sectors,
    labels,
    regions,
    regionsByName: [...regions].sort((a, b) => frenchCollator.compare(a.name, b.name)),
    departements,
    kindsByCode: new Map(kinds.map((k) => [k.code, k])),
    sectorsByCode: new Map(sectors.map((s) => [s.code, s])),
    labelsByCode: new Map(labels.map((l) => [l.code, l])),
    regionsByCode,
    departementsByCode: new Map(departements.map((d) => [d.code, d])),
  };
}

const cache = new WeakMap<DB, Promise<ReferenceData>>();

/** The reference lists of this database, loaded on first use and kept for the life of the process. */
export function getReferenceData(db: DB): Promise<ReferenceData> {
  let entry = cache.get(db);
  if (!entry) {
    entry = loadReferenceData(db);
    // A failed load (database not ready) must not poison the cache.
    entry.catch(() => cache.delete(db));
    cache.set(db, entry);
  }
  return entry;
}

export type { CommuneSummary };

/** The commune with this INSEE code (not cached: there are some 35,000, and the lookup is by primary key). */
export function findCommune(db: DB, code: string): Promise<CommuneSummary | undefined> {
  return findCommuneRow(db, code);
}
