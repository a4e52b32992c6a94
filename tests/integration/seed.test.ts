import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { isValidSiret } from '../../app/domain/siret';
import { TURNOVER_BANDS } from '../../app/domain/supplier';
import { LABELS } from '../../db/reference/labels';
import { SECTORS } from '../../db/reference/sectors';
import { STRUCTURE_KIND_CODES } from '../../db/reference/kinds';
import { generateSuppliers, readGeneratorReference, seedDemoData, SupplierGenerator } from '../../db/seed/index';
import { mulberry32, Random, WeightedIndex } from '../../db/seed/random';
import { parseSeedArgs } from '../../scripts/seed';
import { createTestDatabase } from '../support/db';
import { ROOT, TMP_DIR } from '../support/paths';

const database = createTestDatabase();
const { db } = database;

/** The one value of a static counting query, on either dialect. */
async function count(text: string): Promise<number> {
  const { rows } = await sql.raw<Record<string, number>>(text).execute(db);
  return Number(Object.values(rows[0])[0]);
}
const reference = await readGeneratorReference(db);

describe('random helpers', () => {
  it('mulberry32 is deterministic and spreads over [0, 1)', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((s, v) => s + v, 0) / values.length).toBeCloseTo(0.5, 1);
    expect(mulberry32(2)()).not.toBe(mulberry32(1)());
  });

  it('WeightedIndex draws in proportion to the weights and never picks a zero weight', () => {
    const index = new WeightedIndex([1, 0, 3]);
    expect(index.find(0)).toBe(0);
    expect(index.find(0.2499)).toBe(0);
    expect(index.find(0.25)).toBe(2);
    expect(index.find(0.9999)).toBe(2);
    const r = new Random(7);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10_000; i++) counts[index.draw(r)]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.6);
    expect(counts[2] / counts[0]).toBeLessThan(3.4);
    expect(() => new WeightedIndex([])).toThrow();
    expect(() => new WeightedIndex([0, 0])).toThrow(RangeError);
    expect(() => new WeightedIndex([1, -1])).toThrow(RangeError);
  });
});

describe('SupplierGenerator', () => {
  it('is deterministic: same seed, same suppliers; supplier i does not depend on the count', () => {
    const first = generateSuppliers(reference, 42, 30);
    expect(generateSuppliers(reference, 42, 30)).toEqual(first);
    expect(new SupplierGenerator(reference, 42).supplier(29)).toEqual(first[29]);
    expect(generateSuppliers(reference, 42, 5)).toEqual(first.slice(0, 5));
  });

  it('gives different suppliers for a different seed', () => {
    const a = generateSuppliers(reference, 1, 20);
    const b = generateSuppliers(reference, 2, 20);
    expect(a.map((s) => s.siret)).not.toEqual(b.map((s) => s.siret));
    expect(a.map((s) => s.name)).not.toEqual(b.map((s) => s.name));
  });

  it('produces valid, unique SIRETs and only known codes', () => {
    const suppliers = generateSuppliers(reference, 5, 1500);
    const communeCodes = new Set(reference.communes.map((c) => c.code));
    const departementCodes = new Set(reference.departements.map((d) => d.code));
    const regionCodes = new Set(reference.regions.map((r) => r.code));
    const sectorCodes = new Set(SECTORS.map((s) => s.code));
    const labelCodes = new Set<string>(LABELS.map((l) => l.code));
    expect(new Set(suppliers.map((s) => s.siret)).size).toBe(suppliers.length);
    for (const s of suppliers) {
      expect(isValidSiret(s.siret), s.siret).toBe(true);
      expect(STRUCTURE_KIND_CODES).toContain(s.structureKind);
      expect(communeCodes.has(s.communeCode)).toBe(true);
      expect(s.sectors!.length).toBeGreaterThanOrEqual(1);
      for (const code of s.sectors!) expect(sectorCodes.has(code), code).toBe(true);
      for (const code of s.labels!) expect(labelCodes.has(code), code).toBe(true);
      expect(s.labels!.length).toBeLessThanOrEqual(4);
      expect(s.offers!.length).toBeGreaterThanOrEqual(1);
      expect(s.offers!.length).toBeLessThanOrEqual(4);
      expect(s.references!.length).toBeLessThanOrEqual(4);
      for (const ref of s.references!) {
        expect(ref.year).toBeGreaterThanOrEqual(2015);
        expect(ref.year).toBeLessThanOrEqual(2026);
      }
      expect(TURNOVER_BANDS).toContain(s.turnoverBand);
      for (const area of s.serviceAreas!) {
        if (area.kind === 'departement') expect(departementCodes.has(area.code)).toBe(true);
        if (area.kind === 'region') expect(regionCodes.has(area.code)).toBe(true);
        if (area.kind === 'commune') expect(communeCodes.has(area.code)).toBe(true);
        if (area.kind === 'radius') {
          expect(area.radiusKm).toBeGreaterThanOrEqual(10);
          expect(area.radiusKm).toBeLessThanOrEqual(80);
        }
      }
      expect(s.email).toMatch(/^[a-z]+@[a-z0-9-]+\.example$/);
      expect(s.phone).toMatch(/^0[1-6] \d\d \d\d \d\d \d\d$/);
      if (s.website) expect(s.website).toMatch(/^https:\/\/www\.[a-z0-9-]+\.example$/);
      const sentences = s.description!.split(/(?<=\.)\s+/);
      expect(sentences.length).toBeGreaterThanOrEqual(2);
      expect(sentences.length).toBeLessThanOrEqual(4);
      expect(s.headcount).toBeGreaterThan(0);
      if (s.insertionHeadcount !== null) expect(s.insertionHeadcount).toBeLessThanOrEqual(s.headcount!);
      if (s.structureKind === 'ESUS') expect(s.labels).toContain('esus');
      if (['SCOP', 'SCIC'].includes(s.structureKind)) expect(s.legalForm).toMatch(new RegExp(`^${s.structureKind} `));
    }
  });

  it('follows the intended distributions (charter, publication, service areas, population weighting)', () => {
    const suppliers = generateSuppliers(reference, 11, 4000);
    const share = (predicate: (s: (typeof suppliers)[number]) => boolean) =>
      suppliers.filter(predicate).length / suppliers.length;
    expect(share((s) => s.charterStatus === 'verified')).toBeCloseTo(0.45, 1);
    expect(share((s) => s.charterStatus === 'pending')).toBeCloseTo(0.2, 1);
    expect(share((s) => s.charterStatus === 'none')).toBeCloseTo(0.25, 1);
    expect(share((s) => s.charterStatus === 'expired')).toBeCloseTo(0.1, 1);
    expect(share((s) => s.publicationStatus === 'published')).toBeGreaterThan(0.92);
    expect(share((s) => s.publicationStatus === 'draft')).toBeGreaterThan(0.02);
    expect(
      share((s) => s.serviceAreas![0].kind === 'departement' || s.serviceAreas![0].kind === 'radius'),
    ).toBeGreaterThan(0.6);
    expect(share((s) => s.serviceAreas![0].kind === 'national')).toBeGreaterThan(0.02);
    // Paris has about 3 % of the population: it must get far more suppliers than an average commune.
    expect(share((s) => s.communeCode === '75056')).toBeGreaterThan(0.015);
    expect(share((s) => s.communeCode === '75056')).toBeLessThan(0.05);
    const kinds = new Set(suppliers.map((s) => s.structureKind));
    expect(kinds.size).toBe(STRUCTURE_KIND_CODES.length);
  });

  it('refuses a non-integer seed or index and an empty reference', () => {
    expect(() => new SupplierGenerator(reference, 1.5)).toThrow(RangeError);
    expect(() => new SupplierGenerator({ ...reference, communes: [] }, 1)).toThrow(/reference data/);
    const generator = new SupplierGenerator(reference, 1);
    expect(() => generator.supplier(-1)).toThrow(RangeError);
    expect(() => generator.supplier(0.5)).toThrow(RangeError);
  });
});

describe('seedDemoData', () => {
  it('writes N suppliers with their children and outbox rows, and a second run changes nothing', async () => {
    const progress: number[] = [];
    const result = await seedDemoData(database, {
      suppliers: 200,
      seed: 9,
      batchSize: 64,
      onProgress: (done) => progress.push(done),
    });
    expect(result).toMatchObject({ created: 200, updated: 0, unchanged: 0 });
    expect(progress).toEqual([64, 128, 192, 200]);
    expect(await count('select count(*) from suppliers')).toBe(200);
    expect(await count('select count(distinct supplier_id) from supplier_sectors')).toBe(200);
    expect(await count('select count(distinct supplier_id) from supplier_offers')).toBe(200);
    expect(await count('select count(distinct supplier_id) from supplier_service_areas')).toBe(200);
    expect(await count('select count(distinct supplier_id) from search_changes')).toBe(200);
    expect(await count('select count(distinct slug) from suppliers')).toBe(200);

    const again = await seedDemoData(database, { suppliers: 200, seed: 9 });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 200 });
    expect(await count('select count(*) from suppliers')).toBe(200);
  });

  it('stores what the generator produced', async () => {
    const expected = new SupplierGenerator(reference, 9).supplier(3);
    const row = await db
      .selectFrom('suppliers')
      .selectAll()
      .where('siret', '=', expected.siret)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: expected.name,
      structure_kind: expected.structureKind,
      commune_code: expected.communeCode,
      charter_status: expected.charterStatus,
    });
    const sectors = await db
      .selectFrom('supplier_sectors')
      .select('sector_code')
      .where('supplier_id', '=', row.id)
      .orderBy('sector_code')
      .execute();
    expect(sectors.map((r) => r.sector_code)).toEqual([...expected.sectors!].sort());
  });

  it('refuses bad options and writes nothing', async () => {
    const before = await count('select count(*) from suppliers');
    await expect(seedDemoData(database, { suppliers: -1, seed: 1 })).rejects.toThrow(RangeError);
    await expect(seedDemoData(database, { suppliers: 1.5, seed: 1 })).rejects.toThrow(RangeError);
    await expect(seedDemoData(database, { suppliers: 10, seed: Number.NaN })).rejects.toThrow(RangeError);
    await expect(seedDemoData(database, { suppliers: 10, seed: 1, batchSize: 0 })).rejects.toThrow(RangeError);
    expect(await count('select count(*) from suppliers')).toBe(before);
  });
});

describe('npm run seed arguments', () => {
  it('accepts the documented options, with defaults', () => {
    expect(parseSeedArgs([])).toEqual({ ok: true, value: { suppliers: 1000, seed: 42 } });
    expect(parseSeedArgs(['--suppliers', '500', '--seed', '7', '--database', 'data/x.db'])).toEqual({
      ok: true,
      value: { suppliers: 500, seed: 7, database: 'data/x.db' },
    });
    expect(parseSeedArgs(['--suppliers=0'])).toMatchObject({ ok: true, value: { suppliers: 0 } });
  });

  it.each([
    [['--suppliers', 'abc'], '--suppliers doit être un nombre entier.'],
    [['--suppliers', '1.5'], '--suppliers doit être un nombre entier.'],
    [['--suppliers', ''], '--suppliers doit être un nombre entier.'],
    [['--suppliers=-3'], '--suppliers doit être positif ou nul.'],
    [['--suppliers', '-3'], 'valeur manquante ou ambiguë'],
    [['--suppliers', '1000001'], '--suppliers ne peut pas dépasser 1000000.'],
    [['--seed', 'x'], '--seed doit être un nombre entier.'],
    [['--seed=-1'], '--seed doit être positif ou nul.'],
    [['--seed', '4294967296'], '--seed ne peut pas dépasser 4294967295.'],
    [['--database', '  '], '--database ne peut pas être vide.'],
    [['--unknown', '1'], 'option inconnue'],
    [['positional'], 'valeur sans option'],
    [['--suppliers'], 'valeur manquante'],
  ])('refuses %j with a French message', (argv, message) => {
    const result = parseSeedArgs(argv);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.map((issue) => issue.message).join('\n')).toContain(message);
  });

  it('the script refuses bad arguments without touching the database, and seeds a fresh file', () => {
    const file = path.join(TMP_DIR, `test-seed-cli-${process.pid}.db`);
    const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
    try {
      const bad = spawnSync(tsx, ['scripts/seed.ts', '--suppliers', 'beaucoup', '--database', file], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' }, // --database is a SQLite file (docs/decisions/315)
      });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--suppliers doit être un nombre entier.');
      expect(fs.existsSync(file)).toBe(false);

      const good = spawnSync(tsx, ['scripts/seed.ts', '--suppliers', '12', '--seed', '3', '--database', file], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, DATABASE_URL: '' }, // --database is a SQLite file (docs/decisions/315)
      });
      expect(good.stderr).not.toContain('échoué');
      expect(good.status).toBe(0);
      expect(good.stdout).toContain('12 créés');
      expect(good.stdout).toMatch(/localisées précisément \(\d+\.\d %, \d+\.\d % de la population\)/);
    } finally {
      for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    }
  }, 60_000);
});
