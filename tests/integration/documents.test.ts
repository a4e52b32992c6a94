import { describe, expect, it } from 'vitest';
import { countPublishedSuppliers, iteratePublishedDocuments, loadSupplierDocuments } from '../../search/documents';
import type { SupplierDocument } from '../../search/types';
import { createTestDatabase } from '../support/db';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

const { db } = createTestDatabase();

describe('loadSupplierDocuments', () => {
  it('builds the whole document of a published supplier from the repository-written rows', async () => {
    const { id, slug } = await writeSupplier(
      db,
      supplierInput({
        name: 'Les Jardins de Cocagne',
        tradeName: 'Cocagne Lyon',
        structureKind: 'ACI',
        communeCode: '69123',
        postcode: '69007',
        description: 'Maraîchage biologique et paniers solidaires.',
        sectors: ['creation-espaces-verts', 'entretien-espaces-verts'],
        offers: [
          { name: 'Entretien', description: 'Tonte et taille' },
          { name: 'Paniers', description: '' },
        ],
        labels: ['rge', 'esus'],
        serviceAreas: [
          { kind: 'region', code: '84' },
          { kind: 'departement', code: '01' },
          { kind: 'commune', code: '75056' },
          { kind: 'radius', radiusKm: 20 },
          { kind: 'radius', radiusKm: 45 },
        ],
        charterStatus: 'verified',
      }),
    );

    const { documents, missingOrUnpublished } = await loadSupplierDocuments(db, [id]);
    expect(missingOrUnpublished).toEqual([]);
    expect(documents).toHaveLength(1);
    const doc = documents[0];
    expect(doc).toEqual<SupplierDocument>({
      id,
      slug,
      siret: expect.stringMatching(/^\d{14}$/),
      name: 'Les Jardins de Cocagne',
      tradeName: 'Cocagne Lyon',
      structureKind: 'ACI',
      structureKindName: expect.any(String),
      // Reference order of the taxonomy, whatever order the writer used.
      sectors: ['entretien-espaces-verts', 'creation-espaces-verts'],
      sectorNames: ["Entretien d'espaces verts", "Création et aménagement d'espaces verts"],
      offers: 'Entretien : Tonte et taille · Paniers',
      description: 'Maraîchage biologique et paniers solidaires.',
      labels: ['esus', 'rge'],
      labelNames: [expect.any(String), expect.any(String)],
      communeCode: '69123',
      communeName: 'Lyon',
      postcode: '69007',
      departement: '69',
      region: '84',
      lat: expect.closeTo(45.75, 1),
      lon: expect.closeTo(4.85, 1),
      charterStatus: 'verified',
      serviceArea: { national: false, regions: ['84'], departements: ['01'], communes: ['75056'], radiusKm: 45 },
    });
    const kind = await db
      .selectFrom('structure_kinds')
      .select('name')
      .where('code', '=', 'ACI')
      .executeTakeFirstOrThrow();
    expect(doc.structureKindName).toBe(kind.name);
    const labels = await db
      .selectFrom('labels')
      .select(['code', 'name'])
      .where('code', 'in', ['esus', 'rge'])
      .orderBy('position')
      .execute();
    expect(doc.labelNames).toEqual(labels.map((l) => l.name));
  });

  it("falls back to the commune's first postcode and reports a national area", async () => {
    const { id } = await writeSupplier(
      db,
      supplierInput({ communeCode: '93066', postcode: null, serviceAreas: [{ kind: 'national' }] }),
    );
    const { documents } = await loadSupplierDocuments(db, [id]);
    expect(documents[0].postcode).toBe('93200');
    expect(documents[0].serviceArea).toEqual({
      national: true,
      regions: [],
      departements: [],
      communes: [],
      radiusKm: null,
    });
  });

  it('lists draft, suspended and unknown suppliers as missing or unpublished', async () => {
    const published = await writeSupplier(db, supplierInput());
    const draft = await writeSupplier(db, supplierInput({ publicationStatus: 'draft' }));
    const suspended = await writeSupplier(db, supplierInput({ publicationStatus: 'suspended' }));
    const { documents, missingOrUnpublished } = await loadSupplierDocuments(db, [
      suspended.id,
      999_999,
      published.id,
      draft.id,
      published.id,
    ]);
    expect(documents.map((d) => d.id)).toEqual([published.id]);
    expect(missingOrUnpublished).toEqual([draft.id, suspended.id, 999_999].sort((a, b) => a - b));
  });

  it('answers an empty list without a query', async () => {
    expect(await loadSupplierDocuments(db, [])).toEqual({ documents: [], missingOrUnpublished: [] });
  });
});

describe('iteratePublishedDocuments', () => {
  it('yields every published supplier once, in id order, in batches of the given size', async () => {
    for (let i = 0; i < 25; i++) {
      await writeSupplier(db, supplierInput({ publicationStatus: i % 5 === 0 ? 'draft' : 'published' }));
    }
    const expected = (
      await db
        .selectFrom('suppliers')
        .select('id')
        .where('publication_status', '=', 'published')
        .orderBy('id')
        .execute()
    ).map((r) => r.id);
    expect(await countPublishedSuppliers(db)).toBe(expected.length);

    const batches: SupplierDocument[][] = [];
    for await (const batch of iteratePublishedDocuments(db, 7)) batches.push(batch);
    expect(batches.slice(0, -1).every((b) => b.length === 7)).toBe(true);
    expect(batches.at(-1)!.length).toBeGreaterThan(0);
    expect(batches.flat().map((d) => d.id)).toEqual(expected);
    // Each document is the same as the one loaded on its own.
    const one = await loadSupplierDocuments(db, [expected[3]]);
    expect(batches.flat()[3]).toEqual(one.documents[0]);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(iteratePublishedDocuments(db, 0).next()).rejects.toThrow(RangeError);
  });
});
