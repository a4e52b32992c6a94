import { describe, expect, it } from 'vitest';
import { listGroupementCandidates } from '../../db/repositories/groupement-candidates';
import { createTestDatabase } from '../support/db';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// The SQL pre-filter of the partner suggestions (docs/decisions/213-candidate-prefilter-and-bench.md).

const { db } = createTestDatabase();
const LYON = { departementCode: '69', regionCode: '84' };

describe('listGroupementCandidates', () => {
  it('keeps published suppliers of the sectors whose areas may reach the département', async () => {
    const write = async (name: string, overrides: Parameters<typeof supplierInput>[0]) => {
      const result = await writeSupplier(db, supplierInput({ name, ...overrides }));
      return result;
    };
    await write('Lyon département', {
      communeCode: '69123',
      serviceAreas: [{ kind: 'departement', code: '69' }],
      sectors: ['nettoyage-bureaux', 'traiteur'],
      charterStatus: 'verified',
    });
    await write('Paris seulement', { serviceAreas: [{ kind: 'departement', code: '75' }] });
    await write('Paris national', { serviceAreas: [{ kind: 'national' }], sectors: ['entretien-espaces-verts'] });
    await write('Lyon traiteur', {
      communeCode: '69123',
      serviceAreas: [{ kind: 'departement', code: '69' }],
      sectors: ['traiteur'],
    });
    await write('Lyon brouillon', {
      communeCode: '69123',
      serviceAreas: [{ kind: 'departement', code: '69' }],
      publicationStatus: 'draft',
    });
    await write('Grenoble région', { communeCode: '38185', serviceAreas: [{ kind: 'region', code: '84' }] });
    await write('Villeurbanne rayon', { communeCode: '69266', serviceAreas: [{ kind: 'radius', radiusKm: 20 }] });
    await write('Paris commune', { serviceAreas: [{ kind: 'commune', code: '69266' }] });
    await write('Grenoble rayon', { communeCode: '38185', serviceAreas: [{ kind: 'radius', radiusKm: 200 }] });

    const rows = await listGroupementCandidates(db, LYON, ['nettoyage-bureaux', 'entretien-espaces-verts']);
    expect(rows.map((r) => r.name).sort()).toEqual([
      'Grenoble région',
      'Lyon département',
      'Paris commune',
      'Paris national',
      'Villeurbanne rayon',
    ]);
    const lyon = rows.find((r) => r.name === 'Lyon département')!;
    expect(lyon.sectors).toEqual(['nettoyage-bureaux']); // only the sectors asked for
    expect(lyon.charterStatus).toBe('verified');
    expect(lyon.areas).toEqual([{ kind: 'departement', code: '69', radiusKm: null, departementCode: null }]);
    expect(lyon.lat).toBeGreaterThan(45);
    expect(rows.find((r) => r.name === 'Paris commune')!.areas[0].departementCode).toBe('69');
    expect(await listGroupementCandidates(db, LYON, [])).toEqual([]);
  });
});
