// The CSV import of a new file: a clean file, service areas, and every error it reports.
import { beforeEach, describe, expect, it } from 'vitest';
import { formatImportError } from '../../app/domain/import/errors';
import { importSuppliersCsv } from '../../app/services/import.server';
import { createTestDatabase } from '../support/db';

import { buildCsv, HEADER, invalidSiret, LA_POSTE_SIRET, validRow, validSiret } from '../fixtures/import/csv';
import { importTestHelpers } from './import-helpers';

const database = createTestDatabase();
const { db } = database;
const { clearSuppliers, messages, supplierCount, outboxCount, supplier, serviceAreas } = importTestHelpers(db);

beforeEach(clearSuppliers);

describe('importSuppliersCsv: a clean file', () => {
  it('creates draft suppliers with every column stored and normalised, and one outbox row each', async () => {
    const csv = buildCsv([
      validRow(1, {
        phone: '+33 6 12 34 56 78',
        labels: 'esus|RGE',
        kind: 'aci',
        sectors: ' nettoyage-bureaux | entretien-espaces-verts ',
      }),
      validRow(2, {
        commune_insee: '69123',
        email: '',
        website: '',
        headcount: '',
        insertion_headcount: '',
        labels: '',
      }),
    ]);
    const result = await importSuppliersCsv(database, csv);
    expect(result).toEqual({
      ok: true,
      value: {
        dryRun: false,
        counts: { rows: 2, newSuppliers: 2, existingSuppliers: 0, created: 2, updated: 0, unchanged: 0 },
        warnings: [],
      },
    });
    const first = await supplier(validSiret(1));
    expect(first).toMatchObject({
      name: 'Atelier solidaire n° 1',
      structure_kind: 'ACI',
      commune_code: '75056',
      email: 'contact1@atelier-solidaire.fr',
      phone: '06 12 34 56 78',
      website: 'https://atelier-1.example.fr',
      headcount: 40,
      insertion_headcount: 28,
      charter_status: 'none',
      publication_status: 'draft',
      charter_verified_at: null,
    });
    const sectors = await db
      .selectFrom('supplier_sectors')
      .select('sector_code')
      .where('supplier_id', '=', first.id)
      .orderBy('sector_code')
      .execute();
    expect(sectors.map((s) => s.sector_code)).toEqual(['entretien-espaces-verts', 'nettoyage-bureaux']);
    const labels = await db
      .selectFrom('supplier_labels')
      .select('label_code')
      .where('supplier_id', '=', first.id)
      .orderBy('label_code')
      .execute();
    expect(labels.map((l) => l.label_code)).toEqual(['esus', 'rge']);
    const second = await supplier(validSiret(2));
    expect(second).toMatchObject({
      commune_code: '69123',
      email: null,
      website: null,
      headcount: null,
      insertion_headcount: null,
    });
    expect(await serviceAreas(validSiret(2))).toEqual([{ kind: 'departement', code: '69', radius_km: null }]);
    expect(await outboxCount()).toBe(2);
  });

  it('reads a UTF-8 BOM, `;` separators and CRLF line endings', async () => {
    const csv = buildCsv([validRow(3, { name: 'Régie de quartier Île-de-France' }), validRow(4)], {
      bom: true,
      separator: ';',
      eol: '\r\n',
    });
    const result = await importSuppliersCsv(database, Buffer.from(csv, 'utf8'));
    expect(result.ok && result.value.counts.created).toBe(2);
    expect((await supplier(validSiret(3))).name).toBe('Régie de quartier Île-de-France');
  });

  it('keeps embedded separators, quotes and line breaks of quoted fields', async () => {
    const description = 'Nettoyage, entretien; et "réemploi"\nsur deux lignes';
    const csvComma = buildCsv([validRow(5, { description, name: 'Les Ateliers, "Réunis"' })]);
    const csvSemicolon = buildCsv([validRow(6, { description })], { separator: ';', eol: '\r\n' });
    expect((await importSuppliersCsv(database, csvComma)).ok).toBe(true);
    expect((await importSuppliersCsv(database, csvSemicolon)).ok).toBe(true);
    expect(await supplier(validSiret(5))).toMatchObject({ name: 'Les Ateliers, "Réunis"', description });
    // CRLF inside a quoted field is stored as a plain line break.
    expect((await supplier(validSiret(6))).description).toBe(description);
  });

  it('accepts a La Poste SIRET that only passes the sum-of-digits rule, and a SIRET typed with spaces', async () => {
    const result = await importSuppliersCsv(
      database,
      buildCsv([
        validRow(7, { siret: LA_POSTE_SIRET }),
        validRow(8, { siret: validSiret(8).replace(/^(\d{3})(\d{3})(\d{3})/, '$1 $2 $3 ') }),
      ]),
    );
    expect(result.ok).toBe(true);
    await supplier(LA_POSTE_SIRET);
    await supplier(validSiret(8));
  });

  it('accepts the columns in any order, in any case, and only the required ones', async () => {
    const csv =
      ' COMMUNE_INSEE ;Sectors;Name;kind;SIRET\n13055;nettoyage-bureaux;Propreté du Sud;EI;' + validSiret(9) + '\n';
    const result = await importSuppliersCsv(database, csv);
    expect(result.ok).toBe(true);
    expect(await supplier(validSiret(9))).toMatchObject({
      name: 'Propreté du Sud',
      structure_kind: 'EI',
      commune_code: '13055',
      description: '',
    });
    expect(await serviceAreas(validSiret(9))).toEqual([{ kind: 'departement', code: '13', radius_km: null }]);
  });
});

describe('importSuppliersCsv: service areas', () => {
  it('stores national, radius, lists and the own département for an empty cell', async () => {
    const csv = buildCsv([
      validRow(10, { service_area: 'national' }),
      validRow(11, { service_area: 'radius:30' }),
      validRow(12, { service_area: 'region:11|departement:75' }),
      validRow(13, { service_area: '', commune_insee: '2A004' }),
      validRow(14, { service_area: 'commune:69123|commune:75056' }),
    ]);
    expect((await importSuppliersCsv(database, csv)).ok).toBe(true);
    expect(await serviceAreas(validSiret(10))).toEqual([{ kind: 'national', code: null, radius_km: null }]);
    expect(await serviceAreas(validSiret(11))).toEqual([{ kind: 'radius', code: null, radius_km: 30 }]);
    expect(await serviceAreas(validSiret(12))).toEqual([
      { kind: 'departement', code: '75', radius_km: null },
      { kind: 'region', code: '11', radius_km: null },
    ]);
    expect(await serviceAreas(validSiret(13))).toEqual([{ kind: 'departement', code: '2A', radius_km: null }]);
    expect(await serviceAreas(validSiret(14))).toEqual([
      { kind: 'commune', code: '69123', radius_km: null },
      { kind: 'commune', code: '75056', radius_km: null },
    ]);
  });

  it('stores Paris, Lyon and Marseille arrondissements and former communes as current communes, with warnings', async () => {
    const csv = buildCsv([
      validRow(25, { commune_insee: '75111', service_area: 'commune:69381|commune:13201' }),
      validRow(26, { commune_insee: '01059', service_area: '' }),
    ]);
    const result = await importSuppliersCsv(database, csv);
    expect(result.ok && result.value.warnings.map(formatImportError)).toEqual([
      'ligne 2, colonne commune_insee : code INSEE « 75111 » (Paris 11e Arrondissement) enregistré comme la commune 75056 (Paris)',
      "ligne 2, colonne service_area : zone d'intervention : code INSEE « 69381 » (Lyon 1er Arrondissement) enregistré comme la commune 69123 (Lyon)",
      "ligne 2, colonne service_area : zone d'intervention : code INSEE « 13201 » (Marseille 1er Arrondissement) enregistré comme la commune 13055 (Marseille)",
      'ligne 3, colonne commune_insee : code INSEE « 01059 » (Brénaz, commune déléguée) enregistré comme la commune 01453 (Arvière-en-Valromey)',
    ]);
    expect((await supplier(validSiret(25))).commune_code).toBe('75056');
    expect(await serviceAreas(validSiret(25))).toEqual([
      { kind: 'commune', code: '13055', radius_km: null },
      { kind: 'commune', code: '69123', radius_km: null },
    ]);
    expect((await supplier(validSiret(26))).commune_code).toBe('01453');
    expect(await serviceAreas(validSiret(26))).toEqual([{ kind: 'departement', code: '01', radius_km: null }]);
  });

  it('refuses a postcode given as commune code, naming the INSEE code to use', async () => {
    expect(messages(await importSuppliersCsv(database, buildCsv([validRow(27, { commune_insee: '75011' })])))).toEqual([
      'ligne 2, colonne commune_insee : « 75011 » est un code postal, pas un code INSEE : commune 75056 (Paris)',
    ]);
  });

  it('refuses bad service areas with the line and column', async () => {
    const csv = buildCsv([
      validRow(15, { service_area: 'radius:0' }),
      validRow(16, { service_area: 'radius:1001' }),
      validRow(17, { service_area: 'region:99' }),
      validRow(18, { service_area: 'departement:75|quartier:nord' }),
      validRow(19, { service_area: 'national|departement:75' }),
    ]);
    expect(messages(await importSuppliersCsv(database, csv))).toEqual([
      "ligne 2, colonne service_area : zone d'intervention : « radius:0 » : le rayon doit être compris entre 1 et 1000 km",
      "ligne 3, colonne service_area : zone d'intervention : « radius:1001 » : le rayon doit être compris entre 1 et 1000 km",
      "ligne 4, colonne service_area : zone d'intervention : région inconnue : code « 99 »",
      "ligne 5, colonne service_area : zone d'intervention : « quartier:nord » non reconnu (formats acceptés : national, radius:KM, ou une liste region:CODE|departement:CODE|commune:INSEE)",
      "ligne 6, colonne service_area : zone d'intervention : « national » ne se combine avec aucune autre zone",
    ]);
    expect(await supplierCount()).toBe(0);
  });
});

describe('importSuppliersCsv: errors', () => {
  it('reports a bad SIRET with line and column in French', async () => {
    const result = await importSuppliersCsv(
      database,
      buildCsv([validRow(20), validRow(21, { siret: invalidSiret(21) })]),
    );
    expect(messages(result)).toEqual(['ligne 3, colonne siret : SIRET invalide (clé de contrôle incorrecte)']);
    expect(result.ok === false && result.error[0]).toEqual({
      line: 3,
      column: 'siret',
      message: 'SIRET invalide (clé de contrôle incorrecte)',
    });
  });

  it('counts physical lines: a quoted field over several lines shifts the following line numbers', async () => {
    const csv = buildCsv([
      validRow(22, { description: 'ligne un\nligne deux\nligne trois' }),
      validRow(23, { siret: '1234' }),
      validRow(24, { kind: 'XYZ' }),
    ]);
    expect(messages(await importSuppliersCsv(database, csv))).toEqual([
      'ligne 5, colonne siret : le SIRET doit comporter 14 chiffres (4 saisis)',
      'ligne 6, colonne kind : type de structure inconnu « XYZ » (codes acceptés : EI, AI, ACI, ETTI, EITI, GEIQ, EA, EATT, ESAT, SEP, SCOP, SCIC, ASSO, ESUS)',
    ]);
  });

  it('reports every error of the file at once and writes nothing', async () => {
    await importSuppliersCsv(database, buildCsv([validRow(30)]));
    const outboxBefore = await outboxCount();
    const csv = buildCsv([
      validRow(31, { commune_insee: '99999' }),
      validRow(32, { kind: 'ENTREPRISE' }),
      validRow(33, { sectors: 'nettoyage-bureaux|plomberie-martienne|astrologie' }),
      validRow(34, { labels: 'esus|label-inconnu' }),
      validRow(35, { email: 'contact@', website: 'www.exemple.fr' }),
      validRow(36, { phone: '12 34', headcount: '10', insertion_headcount: '12' }),
      validRow(37, { name: '', sectors: '', charter_status: 'expired' }),
      validRow(38, { website: 'ftp://exemple.fr', headcount: '-3', description: 'x'.repeat(5001) }),
      validRow(39, { commune_insee: 'Paris', name: 'N'.repeat(151) }),
      validRow(40),
    ]);
    const result = await importSuppliersCsv(database, csv);
    expect(messages(result)).toEqual([
      'ligne 2, colonne commune_insee : commune inconnue : code INSEE « 99999 »',
      'ligne 3, colonne kind : type de structure inconnu « ENTREPRISE » (codes acceptés : EI, AI, ACI, ETTI, EITI, GEIQ, EA, EATT, ESAT, SEP, SCOP, SCIC, ASSO, ESUS)',
      'ligne 4, colonne sectors : secteurs inconnus : « plomberie-martienne », « astrologie » (liste des codes : /api/v1/reference/sectors)',
      'ligne 5, colonne labels : label inconnu : « label-inconnu » (liste des codes : /api/v1/reference/labels)',
      'ligne 6, colonne email : adresse e-mail invalide « contact@ »',
      'ligne 6, colonne website : adresse du site invalide « www.exemple.fr » (elle doit commencer par https:// ou http://)',
      'ligne 7, colonne phone : numéro de téléphone invalide « 12 34 » (10 chiffres commençant par 0, ou +33 suivi de 9 chiffres)',
      "ligne 7, colonne insertion_headcount : l'effectif en insertion (12) dépasse l'effectif total (10)",
      'ligne 8, colonne name : nom obligatoire',
      'ligne 8, colonne sectors : secteur obligatoire',
      'ligne 8, colonne charter_status : statut de charte inconnu « expired » (valeurs acceptées : none, pending, verified, ou vide)',
      'ligne 9, colonne description : description trop longue (5001 caractères, 5000 au plus)',
      'ligne 9, colonne website : adresse du site invalide « ftp://exemple.fr » : seuls http:// et https:// sont acceptés',
      'ligne 9, colonne headcount : nombre entier positif ou nul attendu, reçu « -3 »',
      'ligne 10, colonne name : nom trop long (151 caractères, 150 au plus)',
      'ligne 10, colonne commune_insee : code INSEE de commune invalide « Paris » (5 caractères, par exemple 75056 pour Paris)',
    ]);
    expect(await supplierCount()).toBe(1);
    expect(await outboxCount()).toBe(outboxBefore);
  });

  it('reports a SIRET repeated in the file on every line that has it', async () => {
    const csv = buildCsv([
      validRow(41),
      validRow(42),
      validRow(41, { name: 'Doublon' }),
      validRow(41, { email: 'faux' }),
    ]);
    expect(messages(await importSuppliersCsv(database, csv))).toEqual([
      'ligne 2, colonne siret : SIRET en double dans le fichier (aussi lignes 4, 5)',
      'ligne 4, colonne siret : SIRET en double dans le fichier (aussi lignes 2, 5)',
      'ligne 5, colonne siret : SIRET en double dans le fichier (aussi lignes 2, 4)',
      'ligne 5, colonne email : adresse e-mail invalide « faux »',
    ]);
    expect(await supplierCount()).toBe(0);
  });

  it('refuses a file without a required column, or with an unknown column', async () => {
    const withoutKind = buildCsv([validRow(43)], { columns: HEADER.filter((c) => c !== 'kind') });
    expect(messages(await importSuppliersCsv(database, withoutKind))).toEqual([
      'ligne 1, colonne kind : en-tête : colonne obligatoire « kind » absente',
    ]);
    const extra = buildCsv([validRow(44)], { columns: [...HEADER, 'commentaire'] });
    expect(messages(await importSuppliersCsv(database, extra))[0]).toMatch(
      /^ligne 1 : en-tête : colonne inconnue « commentaire »/,
    );
    expect(await supplierCount()).toBe(0);
  });

  it('refuses an empty file, a blank file and a header-only file', async () => {
    expect(messages(await importSuppliersCsv(database, ''))).toEqual([
      "ligne 1 : le fichier est vide : une ligne d'en-tête puis une ligne par fournisseur sont attendues",
    ]);
    expect(messages(await importSuppliersCsv(database, Buffer.from([0xef, 0xbb, 0xbf, 0x0d, 0x0a])))).toHaveLength(1);
    expect(messages(await importSuppliersCsv(database, `${HEADER.join(';')}\r\n;;;;;;;;;;;;;\r\n`))).toEqual([
      "ligne 1 : le fichier ne contient que la ligne d'en-tête : aucun fournisseur à importer",
    ]);
  });

  it('refuses a row with more values than header columns', async () => {
    const csv = `siret,name,kind,sectors,commune_insee\n${validSiret(45)},Nettoyage, Propreté,EI,nettoyage-bureaux,75056\n`;
    expect(messages(await importSuppliersCsv(database, csv))[0]).toBe(
      "ligne 2 : 6 valeurs pour 5 colonnes d'en-tête (un séparateur en trop, ou un champ contenant le séparateur sans guillemets ?)",
    );
  });

  it('refuses a Latin-1 file instead of importing mojibake', async () => {
    const csv = buildCsv([validRow(46, { name: 'Société coopérative' })]);
    const result = await importSuppliersCsv(database, Buffer.from(csv, 'latin1'));
    expect(messages(result)[0]).toMatch(/^ligne 2 : le fichier n'est pas encodé en UTF-8/);
    expect(await supplierCount()).toBe(0);
  });
});
