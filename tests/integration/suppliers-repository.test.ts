import { describe, expect, it } from 'vitest';
import { IN_LIST_CHUNK } from '../../db/batch';
import { findPublishedSupplier, loadSupplierSheetRows } from '../../db/repositories/supplier-sheet';
import {
  countPublishedSuppliers,
  hasPublishedSupplier,
  listPublishedSupplierIds,
  listStatusesBySiret,
  listSupplierIdsUpdatedSince,
} from '../../db/repositories/suppliers';
import { createTestDatabase } from '../support/db';
import { supplierInput, validSiret, writeSupplier } from '../support/search-fixtures';

// The supplier reads of db/repositories (docs/decisions/072-sql-in-db-repositories.md), and the one
// "published" condition they share (073).

const { db } = createTestDatabase();

describe('supplier repository reads', () => {
  it('see published suppliers only, through the one isPublished condition', async () => {
    expect(await hasPublishedSupplier(db)).toBe(false);
    expect(await countPublishedSuppliers(db)).toBe(0);

    const draft = await writeSupplier(db, supplierInput({ publicationStatus: 'draft' }));
    const suspended = await writeSupplier(db, supplierInput({ publicationStatus: 'suspended' }));
    expect(await hasPublishedSupplier(db)).toBe(false);
    expect(await findPublishedSupplier(db, draft.id)).toBeUndefined();
    expect(await findPublishedSupplier(db, suspended.slug)).toBeUndefined();

    const first = await writeSupplier(db, supplierInput());
    const second = await writeSupplier(db, supplierInput());
    expect(await hasPublishedSupplier(db)).toBe(true);
    expect(await countPublishedSuppliers(db)).toBe(2);
    expect(await listPublishedSupplierIds(db, 0, 10)).toEqual([first.id, second.id]);
    expect(await listPublishedSupplierIds(db, first.id, 10)).toEqual([second.id]);
    expect(await listPublishedSupplierIds(db, 0, 1)).toEqual([first.id]);
    expect((await findPublishedSupplier(db, first.slug))?.id).toBe(first.id);
    expect((await findPublishedSupplier(db, second.id))?.commune_name).toBe('Paris');
  });

  it('read the child rows of a sheet with the names of the communes its areas list', async () => {
    const { id } = await writeSupplier(
      db,
      supplierInput({
        serviceAreas: [
          { kind: 'commune', code: '69123' },
          { kind: 'radius', radiusKm: 20 },
        ],
        labels: ['esus'],
      }),
    );
    const rows = await loadSupplierSheetRows(db, id);
    expect(rows.sectorCodes).toEqual(['nettoyage-bureaux']);
    expect(rows.labelCodes).toEqual(['esus']);
    expect(rows.offers).toEqual([
      { name: 'Nettoyage de bureaux', description: 'Entretien quotidien des locaux tertiaires.' },
    ]);
    expect(rows.areas).toHaveLength(2);
    expect([...rows.communeNames]).toEqual([['69123', 'Lyon']]);
  });

  it('read stored statuses by SIRET over more than one IN list', async () => {
    const { id } = await writeSupplier(db, supplierInput({ siret: validSiret(90_001), charterStatus: 'pending' }));
    const unknown = Array.from({ length: IN_LIST_CHUNK + 5 }, (_, i) => validSiret(80_000 + i));
    const stored = await listStatusesBySiret(db, [...unknown, validSiret(90_001)]);
    expect([...stored]).toEqual([[validSiret(90_001), { charterStatus: 'pending', publicationStatus: 'published' }]]);
    expect(await listSupplierIdsUpdatedSince(db, '9999-01-01T00:00:00.000Z')).toEqual([]);
    expect(await listSupplierIdsUpdatedSince(db, '2000-01-01T00:00:00.000Z')).toContain(id);
  });
});
