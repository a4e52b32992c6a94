import type { Executor } from '../connection';
import type { StructureKindsTable } from '../schema';
import type { Selectable } from 'kysely';

// Typed reads of the reference lists (db/reference/ loads them), for the services. Light: no data files here.
// Communes, being many, have their own repository (./communes.ts).

export type StructureKind = Selectable<StructureKindsTable>;

export interface SectorGroupWithSectors {
  code: string;
  name: string;
  sectors: { code: string; name: string; cpvDivisions: string[] }[];
}

export function listKinds(db: Executor): Promise<StructureKind[]> {
  return db.selectFrom('structure_kinds').selectAll().orderBy('position').execute();
}

export async function listSectorGroupsWithSectors(db: Executor): Promise<SectorGroupWithSectors[]> {
  const [groups, sectors, divisions] = await Promise.all([
    db.selectFrom('sector_groups').select(['code', 'name']).orderBy('position').execute(),
    db.selectFrom('sectors').select(['code', 'name', 'group_code']).orderBy('group_code').orderBy('position').execute(),
    db
      .selectFrom('sector_cpv_divisions')
      .select(['sector_code', 'cpv_division'])
      .orderBy('sector_code')
      .orderBy('cpv_division')
      .execute(),
  ]);
  const divisionsBySector = new Map<string, string[]>();
  for (const d of divisions)
    divisionsBySector.set(d.sector_code, [...(divisionsBySector.get(d.sector_code) ?? []), d.cpv_division]);
  const sectorsByGroup = new Map<string, SectorGroupWithSectors['sectors']>();
  for (const s of sectors) {
    const list = sectorsByGroup.get(s.group_code) ?? [];
    list.push({ code: s.code, name: s.name, cpvDivisions: divisionsBySector.get(s.code) ?? [] });
    sectorsByGroup.set(s.group_code, list);
  }
  return groups.map((g) => ({ code: g.code, name: g.name, sectors: sectorsByGroup.get(g.code) ?? [] }));
}

export function listLabels(db: Executor) {
  return db.selectFrom('labels').select(['code', 'name', 'description']).orderBy('position').execute();
}

export function listRegions(db: Executor) {
  return db.selectFrom('regions').select(['code', 'name']).orderBy('name').execute();
}

export function listDepartements(db: Executor) {
  return db
    .selectFrom('departements')
    .select(['code', 'name', 'region_code', 'latitude', 'longitude'])
    .orderBy('code')
    .execute();
}

export function listCharterCriteria(db: Executor) {
  return db
    .selectFrom('charter_criteria')
    .select(['code', 'position', 'title', 'description'])
    .orderBy('position')
    .execute();
}
