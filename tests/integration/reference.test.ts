import { describe, expect, it } from 'vitest';
import { isValidCpvDivision } from '../../app/domain/cpv';
import { haversineKm } from '../../app/domain/geo';
import { normaliseForSearch } from '../../app/domain/text';
import { geographyReport, loadReferenceData, REFERENCE_TABLES } from '../../db/reference/index';
import { findCommune, searchCommunes } from '../../db/repositories/communes';
import {
  listCharterCriteria,
  listDepartements,
  listKinds,
  listLabels,
  listRegions,
  listSectorGroupsWithSectors,
} from '../../db/repositories/reference';
import { createSqliteTestDatabase } from '../support/db';

const database = createSqliteTestDatabase();
const { db, sqlite } = database;

const count = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

describe('loadReferenceData', () => {
  it('fills the geography with the current communes of France and its five overseas départements', () => {
    expect(count('regions')).toBe(18);
    expect(count('departements')).toBe(101);
    expect(count('communes')).toBeGreaterThan(34_800);
    expect(count('communes')).toBeLessThan(35_100);
    const overseas = sqlite.prepare("select code from departements where code like '97%' order by code").pluck().all();
    expect(overseas).toEqual(['971', '972', '973', '974', '976']);
    // No overseas collectivity (Saint-Pierre-et-Miquelon, Saint-Martin...) and no former commune.
    expect(count("communes where departement_code in ('975', '977', '978')")).toBe(0);
    // Every commune belongs to a known département of its own région.
    expect(
      count('communes c join departements d on d.code = c.departement_code where d.region_code <> c.region_code'),
    ).toBe(0);
  });

  it('locates Paris, Marseille and Mamoudzou on their own coordinates', async () => {
    const paris = await findCommune(db, '75056');
    expect(paris?.name).toBe('Paris');
    expect(paris?.approximateLocation).toBe(false);
    expect(haversineKm(paris!.latitude, paris!.longitude, 48.86, 2.35)).toBeLessThan(3);
    expect(paris?.postcodes).toContain('75001');
    expect(paris?.postcodes).toContain('75116');
    const marseille = await findCommune(db, '13055');
    expect(haversineKm(marseille!.latitude, marseille!.longitude, 43.2965, 5.3698)).toBeLessThan(5);
    const mamoudzou = await findCommune(db, '97611');
    expect(mamoudzou?.regionCode).toBe('06');
    expect(haversineKm(mamoudzou!.latitude, mamoudzou!.longitude, -12.78, 45.23)).toBeLessThan(5);
  });

  it('gives every commune plausible coordinates, its normalised search name and a non-negative population', () => {
    const outside = sqlite
      .prepare(
        `select count(*) from communes where departement_code not like '97%'
           and (latitude not between 41 and 51.2 or longitude not between -5.3 and 9.7)`,
      )
      .pluck()
      .get();
    expect(outside).toBe(0);
    const rows = sqlite.prepare('select name, search_name, population from communes').all() as {
      name: string;
      search_name: string;
      population: number;
    }[];
    for (const row of rows) {
      expect(row.search_name).toBe(normaliseForSearch(row.name));
      expect(row.population).toBeGreaterThanOrEqual(0);
    }
    const approximate = count('communes where approximate_location = 1');
    const report = geographyReport();
    expect(report.communes).toBe(count('communes'));
    expect(report.communes - report.located).toBe(approximate);
    // Every commune of 1,000+ people is in GeoNames' list: most of the population must be precisely located.
    const precisePopulation = sqlite
      .prepare(
        'select sum(case when approximate_location = 0 then population else 0 end) * 1.0 / sum(population) from communes',
      )
      .pluck()
      .get() as number;
    expect(precisePopulation).toBeGreaterThan(0.8);
    expect(report.populationMatchRate).toBeCloseTo(precisePopulation, 6);
  });

  it('places each département at the centroid of its communes', async () => {
    const departements = await listDepartements(db);
    const paris = departements.find((d) => d.code === '75');
    expect(haversineKm(paris!.latitude, paris!.longitude, 48.86, 2.35)).toBeLessThan(10);
    const reunion = departements.find((d) => d.code === '974');
    expect(haversineKm(reunion!.latitude, reunion!.longitude, -21.11, 55.53)).toBeLessThan(40);
  });

  it('loads the catalogue reference: kinds, sectors mapped to CPV divisions, labels and the charter', async () => {
    const kinds = await listKinds(db);
    expect(kinds.map((k) => k.code)).toEqual([
      'EI',
      'AI',
      'ACI',
      'ETTI',
      'EITI',
      'GEIQ',
      'EA',
      'EATT',
      'ESAT',
      'SEP',
      'SCOP',
      'SCIC',
      'ASSO',
      'ESUS',
    ]);
    expect(kinds.find((k) => k.code === 'ESAT')?.family).toBe('disability');
    expect(kinds.find((k) => k.code === 'SEP')?.family).toBe('prison');

    const groups = await listSectorGroupsWithSectors(db);
    expect(groups.length).toBeGreaterThanOrEqual(15);
    expect(groups.length).toBeLessThanOrEqual(20);
    const sectors = groups.flatMap((g) => g.sectors);
    expect(sectors.length).toBeGreaterThanOrEqual(80);
    expect(sectors.length).toBeLessThanOrEqual(150);
    for (const sector of sectors) {
      expect(sector.code).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(sector.cpvDivisions.length).toBeGreaterThan(0);
      for (const division of sector.cpvDivisions)
        expect(isValidCpvDivision(division), `${sector.code}: ${division}`).toBe(true);
    }
    expect(sectors.find((s) => s.code === 'nettoyage-bureaux')?.cpvDivisions).toEqual(['90']);

    const labels = await listLabels(db);
    expect(labels.length).toBeGreaterThanOrEqual(12);
    expect(labels.map((l) => l.code)).toContain('esus');
    const criteria = await listCharterCriteria(db);
    expect(criteria.map((c) => c.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await listRegions(db)).map((r) => r.name)).toContain('Île-de-France');
  });

  it('is idempotent: a second load changes nothing', async () => {
    const tables = [...REFERENCE_TABLES];
    const snapshot = () => tables.map((t) => sqlite.prepare(`select * from ${t} order by 1, 2`).all());
    const before = snapshot();
    const changesBefore = sqlite.prepare('select total_changes()').pluck().get() as number;
    await loadReferenceData(db);
    expect(sqlite.prepare('select total_changes()').pluck().get()).toBe(changesBefore);
    expect(snapshot()).toEqual(before);
  });

  it('repairs a modified row and restores a deleted mapping', async () => {
    sqlite.prepare("update communes set name = 'Altéré', population = 1 where code = '69123'").run();
    sqlite.prepare("delete from sector_cpv_divisions where sector_code = 'nettoyage-bureaux'").run();
    sqlite.prepare("insert into sector_cpv_divisions (sector_code, cpv_division) values ('traiteur', '45')").run();
    await loadReferenceData(db);
    const lyon = await findCommune(db, '69123');
    expect(lyon?.name).toBe('Lyon');
    expect(lyon!.population).toBeGreaterThan(400_000);
    expect(
      sqlite
        .prepare("select cpv_division from sector_cpv_divisions where sector_code = 'nettoyage-bureaux'")
        .pluck()
        .all(),
    ).toEqual(['90']);
    expect(
      sqlite
        .prepare("select cpv_division from sector_cpv_divisions where sector_code = 'traiteur' order by 1")
        .pluck()
        .all(),
    ).toEqual(['15', '55']);
  });
});

describe('searchCommunes', () => {
  it('finds communes by name prefix, ignoring case, accents, hyphens and apostrophes, largest first', async () => {
    const results = await searchCommunes(db, 'saint-etienne', 5);
    expect(results[0].code).toBe('42218');
    expect(results.length).toBe(5);
    for (let i = 1; i < results.length; i++)
      expect(results[i - 1].population).toBeGreaterThanOrEqual(results[i].population);
    expect((await searchCommunes(db, 'SAINT ÉTIENNE', 1))[0].code).toBe('42218');
    expect((await searchCommunes(db, "l'hay les", 3)).map((c) => c.code)).toContain('94038');
    expect((await searchCommunes(db, 'Par', 1))[0].code).toBe('75056');
  });

  it('finds communes by postcode or INSEE code prefix', async () => {
    expect((await searchCommunes(db, '69003', 3)).map((c) => c.code)).toContain('69123');
    expect((await searchCommunes(db, '75116', 3)).map((c) => c.code)).toEqual(['75056']);
    const byPrefix = await searchCommunes(db, '13', 10);
    expect(byPrefix[0].code).toBe('13055');
    expect((await searchCommunes(db, '2A004', 1))[0].name).toBe('Ajaccio');
  });

  it('never treats user text as a pattern, returns nothing for empty text and bounds the limit', async () => {
    for (const text of ['%', '*', '?', '[a-z]', '6*', '69?', '%69'])
      expect(await searchCommunes(db, text, 10), text).toEqual([]);
    expect((await searchCommunes(db, '2a004', 1))[0].name).toBe('Ajaccio');
    // Punctuation is dropped by the normalisation, so '_' is never a wildcard: '_a' searches 'a'.
    expect(await searchCommunes(db, '_a', 10)).toEqual(await searchCommunes(db, 'a', 10));
    expect(await searchCommunes(db, '   ', 10)).toEqual([]);
    expect(await searchCommunes(db, 'zzzzqqq', 10)).toEqual([]);
    expect((await searchCommunes(db, 'saint', 1000)).length).toBe(50);
    expect((await searchCommunes(db, 'saint', 0)).length).toBe(1);
    expect(await findCommune(db, '99999')).toBeUndefined();
  });
});
