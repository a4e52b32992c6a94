import { describe, expect, it } from 'vitest';
import { parseSheetForm, fieldName, type SheetReference } from '../../app/domain/sheet/form';
import { sheetFormDefaults } from '../../app/domain/sheet/form-defaults';
import { buildSheetData, changedSheetFields, publicationIssues, type SheetData } from '../../app/domain/sheet/sheet';
import { EMPTY_SHEET } from '../support/sheet-data';

// The offer-sheet form's schema (docs/decisions/130-sheet-editor-and-drafts.md): drafts may be empty, malformed
// values are refused with a French message named after the field.

const ref: SheetReference = {
  kinds: new Set(['EI', 'ACI']),
  sectors: new Set(['nettoyage-bureaux', 'espaces-verts']),
  labels: new Set(['esus']),
  regions: new Set(['84']),
  departements: new Set(['69', '2A']),
  currentYear: 2026,
};

const stored: SheetData = { ...EMPTY_SHEET, name: 'Atelier du Rhône' };

function issuesOf(payload: Record<string, unknown>) {
  const r = parseSheetForm(payload, ref);
  return r.ok ? [] : r.error;
}

describe('parseSheetForm', () => {
  it('accepts an empty draft: nothing is required', () => {
    const r = parseSheetForm({}, ref);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ name: null, structureKind: null, commune: null, offers: [], sectors: [] });
  });

  it('reads a full form, dropping blank rows and normalising the phone', () => {
    const r = parseSheetForm(
      {
        name: ' Atelier ',
        yearFounded: '2012',
        postcode: '69003',
        structureKind: 'ACI',
        description: 'Nous entretenons des espaces verts.',
        offers: [
          { name: 'Tonte', description: 'Parcs' },
          { name: '', description: '' },
        ],
        sectors: 'espaces-verts',
        areaNational: '',
        areaRegions: ['84'],
        areaDepartements: ['69', '69'],
        areaCommunes: ['', 'Lyon (69123)'],
        areaRadiusKm: '30',
        headcount: '1 200',
        insertionHeadcount: '40',
        turnoverBand: '1m-5m',
        references: [{ clientName: 'Ville de Lyon', year: '2024', description: 'Entretien' }, { clientName: '' }],
        labels: ['esus'],
        email: 'contact@atelier.fr',
        phone: '+33 4 72 00 00 00',
        website: 'https://atelier.fr',
      },
      ref,
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({
      name: 'Atelier',
      yearFounded: 2012,
      offers: [{ name: 'Tonte', description: 'Parcs' }],
      sectors: ['espaces-verts'],
      areaDepartements: ['69'],
      areaCommunes: [{ index: 1, text: 'Lyon (69123)' }],
      areaRadiusKm: 30,
      headcount: 1200,
      references: [{ clientName: 'Ville de Lyon', year: 2024, description: 'Entretien' }],
      phone: '04 72 00 00 00',
    });
  });

  it.each([
    ['email', { email: 'pas-une-adresse' }, /adresse e-mail invalide/],
    ['website', { website: 'javascript:alert(1)' }, /site/],
    ['website', { website: 'pas une url' }, /https:\/\//],
    ['phone', { phone: '12' }, /téléphone invalide/],
    ['yearFounded', { yearFounded: '2999' }, /futur/],
    ['yearFounded', { yearFounded: '12' }, /quatre chiffres/],
    ['yearFounded', { yearFounded: '1500' }, /1800/],
    ['headcount', { headcount: '-3' }, /entier positif/],
    ['headcount', { headcount: '2,5' }, /entier positif/],
    ['insertionHeadcount', { headcount: '5', insertionHeadcount: '9' }, /dépasser l’effectif/],
    ['sectors', { sectors: ['nettoyage-bureaux', 'inconnu'] }, /code inconnu « inconnu »/],
    ['labels', { labels: 'faux-label' }, /Labels : code inconnu/],
    ['areaRegions', { areaRegions: '99' }, /Régions/],
    ['areaDepartements', { areaDepartements: '100' }, /Départements/],
    ['structureKind', { structureKind: 'XYZ' }, /choisissez un type/],
    ['turnoverBand', { turnoverBand: 'beaucoup' }, /tranche/],
    ['postcode', { postcode: '6900' }, /cinq chiffres/],
    ['areaRadiusKm', { areaRadiusKm: '0' }, /de 1 à 1000/],
    ['areaRadiusKm', { areaRadiusKm: '5000' }, /de 1 à 1000/],
    ['name', { name: 'A' }, /2 caractères au moins/],
    ['name', { name: 'x'.repeat(151) }, /150 caractères au plus/],
    ['description', { description: 'x'.repeat(5001) }, /5000 caractères au plus/],
    ['tradeName', { tradeName: 'a\nb' }, /une ligne/],
    ['address', { address: 'x'.repeat(301) }, /300 caractères au plus/],
    ['commune', { commune: 'x'.repeat(101) }, /100 caractères au plus/],
    ['email', { email: ['a@b.fr', 'c@d.fr'] }, /une seule valeur/],
    ['offers[0].name', { offers: [{ name: '', description: 'sans nom' }] }, /Donnez un nom/],
    ['offers[1].name', { offers: [{ name: 'a' }, { name: 'x'.repeat(151) }] }, /150 caractères/],
    ['references[0].year', { references: [{ clientName: 'Ville', year: '' }] }, /obligatoire/],
    ['references[0].clientName', { references: [{ year: '2020' }] }, /obligatoire/],
    ['references[0].year', { references: [{ clientName: 'Ville', year: '2030' }] }, /futur/],
    ['areaCommunes[0]', { areaCommunes: ['x'.repeat(101)] }, /100 caractères/],
    ['description', { description: 'a\u0000b' }, /contrôle/],
  ])('refuses a bad %s with a message next to it', (field, payload, message) => {
    const issues = issuesOf(payload);
    expect(issues.map((i) => i.field)).toContain(field);
    expect(issues.find((i) => i.field === field)?.message).toMatch(message);
  });

  it('caps the number of rows', () => {
    const offers = Array.from({ length: 21 }, (_, i) => ({ name: `Offre ${i}` }));
    expect(issuesOf({ offers })).toEqual([{ field: 'offers', message: 'Offres : 20 au plus.' }]);
  });

  it('names nested fields as Conform does', () => {
    expect(fieldName(['offers', 2, 'name'])).toBe('offers[2].name');
    expect(fieldName(['areaCommunes', 0])).toBe('areaCommunes[0]');
    expect(fieldName([])).toBe('');
  });
});

describe('building and comparing the sheet', () => {
  it('keeps the stored name, kind and commune when a draft leaves them empty', () => {
    const r = parseSheetForm({ name: '', structureKind: '', commune: '', description: 'Nouveau texte' }, ref);
    if (!r.ok) throw new Error('parse failed');
    const { data, kept } = buildSheetData(r.value, { communeCode: null, areaCommuneCodes: [] }, stored);
    expect(kept).toEqual(['name', 'structureKind', 'communeCode']);
    expect(data).toMatchObject({ name: 'Atelier du Rhône', structureKind: 'EI', communeCode: '69123' });
    expect(changedSheetFields(stored, data)).toEqual(['description']);
  });

  it('makes service areas from the form; national wins over the rest', () => {
    const r = parseSheetForm({ areaNational: 'on', areaDepartements: '69' }, ref);
    if (!r.ok) throw new Error('parse failed');
    const { data } = buildSheetData(r.value, { communeCode: '69123', areaCommuneCodes: [] }, stored);
    expect(data.serviceAreas).toEqual([{ kind: 'national' }]);
  });

  it('ignores the order of sets when comparing', () => {
    const a = { ...stored, sectors: ['b', 'a'], labels: ['x'] };
    const b = { ...stored, sectors: ['a', 'b'], labels: ['x'] };
    expect(changedSheetFields(a, b)).toEqual([]);
  });

  it('lists what a published sheet cannot lose', () => {
    const issues = publicationIssues(['name', 'communeCode'], stored, 50);
    expect(issues.map((i) => i.field)).toEqual([
      'name',
      'commune',
      'description',
      'offers',
      'sectors',
      'areaNational',
      'email',
    ]);
  });

  it('gives the form its initial values with a blank row to fill', () => {
    const values = sheetFormDefaults(
      {
        ...stored,
        serviceAreas: [
          { kind: 'commune', code: '69123' },
          { kind: 'radius', radiusKm: 20 },
        ],
      },
      { '69123': 'Lyon' },
    );
    expect(values.commune).toBe('Lyon (69123)');
    expect(values.areaCommunes).toEqual(['Lyon (69123)', '']);
    expect(values.areaRadiusKm).toBe('20');
    expect(values.offers).toEqual([{ name: '', description: '' }]);
  });
});
