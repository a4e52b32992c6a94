import { describe, expect, it } from 'vitest';
import {
  countSuppliers,
  listCodes,
  listLargestLocatedCommunes,
  listPublishedSirets,
  listSupplierPostcodes,
  storageBytes,
} from '../../db/repositories/bench-samples';
import { hasAnySupplier } from '../../db/repositories/suppliers';
import { createTestDatabase } from '../support/db';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// The samples the search benchmark draws its queries from (scripts/lib/bench-queries.ts): fixed orders, so the
// same seed gives the same queries on the same database.

const { db } = createTestDatabase();

describe('benchmark samples', () => {
  it('list reference codes in a fixed order: kinds by display position, the others by code', async () => {
    const kinds = await listCodes(db, 'structure_kinds');
    expect(kinds.slice(0, 3)).toEqual(['EI', 'AI', 'ACI']);
    for (const table of ['sectors', 'departements', 'regions', 'labels'] as const) {
      const codes = await listCodes(db, table);
      expect(codes.length, table).toBeGreaterThan(10);
      expect(codes, table).toEqual([...codes].sort());
    }
  });

  it('list the most populated communes with exact coordinates, largest first', async () => {
    const cities = await listLargestLocatedCommunes(db, 3);
    expect(cities.map((c) => c.name)).toEqual(['Paris', 'Marseille', 'Lyon']);
    expect(cities[0]).toMatchObject({ code: '75056', departement: '75', region: '11' });
    expect(cities[0].lat).toBeCloseTo(48.85, 1);
  });

  it('count suppliers, and sample published SIRETs and distinct postcodes', async () => {
    expect(await hasAnySupplier(db)).toBe(false);
    expect(await countSuppliers(db)).toBe(0);
    const published = supplierInput({ postcode: '75011' });
    await writeSupplier(db, published);
    await writeSupplier(db, supplierInput({ publicationStatus: 'draft', postcode: '75011' }));
    expect(await hasAnySupplier(db)).toBe(true);
    expect(await countSuppliers(db)).toBe(2);
    const sirets = await listPublishedSirets(db, 10);
    expect(sirets).toEqual([published.siret]);
    expect(await listSupplierPostcodes(db, 10)).toEqual(['75011']);
  });

  it('split the file’s bytes between the search index and the data', async () => {
    const bytes = await storageBytes(db);
    expect(bytes.data).toBeGreaterThan(1_000_000);
    expect(bytes.index).toBeGreaterThanOrEqual(0);
  });
});
