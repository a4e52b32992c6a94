import { describe, expect, it } from 'vitest';
import { formatImportError } from '../../app/domain/import/errors';
import { buildImportReference } from '../../app/domain/import/reference';
import { createRowSchema } from '../../app/domain/import/row';
import { validateImportFile } from '../../app/domain/import/validate';
import { LA_POSTE_SIRET, invalidSiret, validSiret } from '../fixtures/import/csv';

// The row schema and whole-file validation against a small in-memory reference: no database involved.
const reference = buildImportReference({
  kinds: ['EI', 'ACI', 'ESAT'],
  sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'],
  labels: ['esus', 'rge'],
  regions: ['11'],
  departements: ['75', '2A'],
  communes: [
    { code: '75056', departement: '75', name: 'Paris', postcodes: ['75001', '75011'] },
    { code: '2A004', departement: '2A', name: 'Ajaccio', postcodes: ['20000'] },
    { code: '2A006', departement: '2A', name: 'Alata', postcodes: ['20167'] },
    { code: '2A008', departement: '2A', name: 'Albitreccia', postcodes: ['20128', '20167'] },
  ],
  communeAliases: [
    { code: '75111', currentCode: '75056', label: 'Paris 11e Arrondissement' },
    { code: '99999', currentCode: '00000', label: 'points to nothing: ignored' },
  ],
});
const schema = createRowSchema(reference);
const base = {
  siret: validSiret(1),
  name: 'Atelier',
  kind: 'EI',
  sectors: 'nettoyage-bureaux',
  commune_insee: '75056',
};

describe('row schema', () => {
  it('leaves absent optional columns undefined (keep) and gives the own département', () => {
    expect(schema.parse(base)).toEqual({
      siret: validSiret(1),
      name: 'Atelier',
      structureKind: 'EI',
      sectors: ['nettoyage-bureaux'],
      communeCode: '75056',
      description: undefined,
      email: undefined,
      phone: undefined,
      website: undefined,
      headcount: undefined,
      insertionHeadcount: undefined,
      serviceAreas: undefined,
      labels: undefined,
      charterStatus: undefined,
      warnings: [],
    });
  });

  it('stores an arrondissement or former commune as the current commune, with a warning', () => {
    const row = schema.parse({ ...base, commune_insee: '75111', service_area: '' });
    expect(row).toMatchObject({ communeCode: '75056', serviceAreas: [{ kind: 'departement', code: '75' }] });
    expect(row.warnings).toEqual([
      {
        column: 'commune_insee',
        message: 'code INSEE « 75111 » (Paris 11e Arrondissement) enregistré comme la commune 75056 (Paris)',
      },
    ]);
  });

  it('tells a postcode from an INSEE code, and refuses unknown or malformed codes', () => {
    const message = (commune_insee: string) => schema.safeParse({ ...base, commune_insee }).error?.issues[0].message;
    expect(message('75011')).toBe('« 75011 » est un code postal, pas un code INSEE : commune 75056 (Paris)');
    expect(message('20167')).toBe(
      '« 20167 » est un code postal, pas un code INSEE : communes 2A006 (Alata), 2A008 (Albitreccia)',
    );
    expect(message('99999')).toBe('commune inconnue : code INSEE « 99999 »');
    expect(message('Paris')).toBe(
      'code INSEE de commune invalide « Paris » (5 caractères, par exemple 75056 pour Paris)',
    );
  });

  it('turns empty cells into cleared values', () => {
    const row = schema.parse({
      ...base,
      description: ' ',
      email: '',
      phone: '',
      website: '',
      headcount: '',
      insertion_headcount: '',
      service_area: '',
      labels: '',
      charter_status: '',
    });
    expect(row).toMatchObject({
      description: '',
      email: null,
      phone: null,
      website: null,
      headcount: null,
      insertionHeadcount: null,
      labels: [],
      charterStatus: undefined,
    });
    expect(row.serviceAreas).toEqual([{ kind: 'departement', code: '75' }]);
  });

  it('canonicalises codes typed in another case and de-duplicates lists', () => {
    const row = schema.parse({
      ...base,
      kind: 'esat',
      sectors: 'NETTOYAGE-BUREAUX|nettoyage-bureaux|Entretien-espaces-verts',
      commune_insee: '2a004',
      labels: 'RGE|rge',
      charter_status: 'Verified',
    });
    expect(row).toMatchObject({
      structureKind: 'ESAT',
      sectors: ['nettoyage-bureaux', 'entretien-espaces-verts'],
      communeCode: '2A004',
      labels: ['rge'],
      charterStatus: 'verified',
    });
    expect(row.serviceAreas).toBeUndefined();
  });

  it('accepts La Poste and spaced SIRETs, refuses bad ones with the shared messages', () => {
    expect(schema.parse({ ...base, siret: LA_POSTE_SIRET }).siret).toBe(LA_POSTE_SIRET);
    expect(schema.parse({ ...base, siret: validSiret(1).replace(/(\d{3})/g, '$1 ') }).siret).toBe(validSiret(1));
    const issues = (siret: string) =>
      schema.safeParse({ ...base, siret }).error?.issues.map((i) => `${i.path[0]}: ${i.message}`);
    expect(issues(invalidSiret(1))).toEqual(['siret: SIRET invalide (clé de contrôle incorrecte)']);
    expect(issues('123')).toEqual(['siret: le SIRET doit comporter 14 chiffres (3 saisis)']);
    expect(issues('1234567890123A')).toEqual(['siret: le SIRET ne doit contenir que des chiffres']);
    expect(issues('')).toEqual(['siret: SIRET obligatoire']);
  });

  it('refuses non-string cells and a name on several lines', () => {
    expect(schema.safeParse({ ...base, headcount: 12 }).error?.issues[0]).toMatchObject({
      path: ['headcount'],
      message: 'texte attendu',
    });
    expect(schema.safeParse({ ...base, name: 'Atelier\nsolidaire' }).error?.issues[0].message).toBe(
      'le nom doit tenir sur une ligne',
    );
    expect(schema.safeParse({ ...base, name: 'A' }).error?.issues[0].message).toBe(
      'nom trop court (2 caractères au moins)',
    );
  });
});

describe('validateImportFile', () => {
  it('treats missing trailing cells as empty', () => {
    const result = validateImportFile(
      `siret,name,kind,sectors,commune_insee,email,labels\n${validSiret(2)},Atelier,EI,nettoyage-bureaux,75056\n`,
      reference,
    );
    expect(result.ok && result.value.rows[0]).toMatchObject({ line: 2, row: { email: null, labels: [] } });
  });

  it('reports progress once per row count and every error sorted by line', () => {
    const seen: number[] = [];
    const csv = `kind,siret,name,sectors,commune_insee\nXX,${invalidSiret(3)},Atelier,nettoyage-bureaux,75056\nEI,${validSiret(4)},Atelier,inconnu,75056\n`;
    const result = validateImportFile(csv, reference, (done) => seen.push(done));
    expect(seen).toEqual([1, 2]);
    expect(result.ok ? [] : result.error.map(formatImportError)).toEqual([
      'ligne 2, colonne siret : SIRET invalide (clé de contrôle incorrecte)',
      'ligne 2, colonne kind : type de structure inconnu « XX » (codes acceptés : EI, ACI, ESAT)',
      'ligne 3, colonne sectors : secteur inconnu : « inconnu » (liste des codes : /api/v1/reference/sectors)',
    ]);
  });
});
