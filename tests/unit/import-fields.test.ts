import { describe, expect, it } from 'vitest';
import { parseCount, parseEmail, parseFrenchPhone, parseWebsite, splitList } from '../../app/domain/import/fields';
import { resolveCharterStatus, resolvePublicationStatus } from '../../app/domain/import/policy';
import { buildImportReference } from '../../app/domain/import/reference';
import { parseServiceArea } from '../../app/domain/import/service-area';

describe('parseFrenchPhone', () => {
  it.each([
    ['0123456789', '01 23 45 67 89'],
    ['01 23 45 67 89', '01 23 45 67 89'],
    ['01.23.45.67.89', '01 23 45 67 89'],
    ['06-12-34-56-78', '06 12 34 56 78'],
    ['+33 1 23 45 67 89', '01 23 45 67 89'],
    ['+33 (0)1 23 45 67 89', '01 23 45 67 89'],
    ['+33612345678', '06 12 34 56 78'],
    ['0033 6 12 34 56 78', '06 12 34 56 78'],
  ])('normalises %s', (input, expected) => {
    expect(parseFrenchPhone(input)).toEqual({ ok: true, value: expected });
  });

  it.each([
    '012345678',
    '01234567890',
    '1123456789',
    '0023456789',
    '+44 20 7946 0958',
    '+33 0 12 34 56 78',
    '01 23 45 67 8a',
    'téléphone',
  ])('refuses %s', (input) => {
    const result = parseFrenchPhone(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/numéro de téléphone invalide/);
  });
});

describe('parseEmail', () => {
  it('accepts ordinary addresses', () => {
    expect(parseEmail('contact@atelier-solidaire.fr')).toEqual({ ok: true, value: 'contact@atelier-solidaire.fr' });
    expect(parseEmail('prenom.nom+achats@sous.domaine.org').ok).toBe(true);
  });
  it.each([
    'contact',
    'contact@',
    '@exemple.fr',
    'contact@exemple',
    'a b@exemple.fr',
    'contact@@exemple.fr',
    'contact..x@exemple.fr',
    `${'a'.repeat(250)}@ex.fr`,
  ])('refuses %s', (input) => expect(parseEmail(input).ok).toBe(false));
});

describe('parseWebsite', () => {
  it('accepts http and https URLs and keeps them as written', () => {
    expect(parseWebsite('https://www.exemple.fr')).toEqual({ ok: true, value: 'https://www.exemple.fr' });
    expect(parseWebsite('http://exemple.fr/qui-sommes-nous?x=1').ok).toBe(true);
  });
  it.each([
    'www.exemple.fr',
    'ftp://exemple.fr',
    'javascript:alert(1)',
    'https://localhost',
    'https://exemple .fr',
    'https://user:pw@exemple.fr',
  ])('refuses %s', (input) => {
    const result = parseWebsite(input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/adresse du site/);
  });
});

describe('parseCount', () => {
  it('accepts whole numbers, spaces as thousands separators', () => {
    expect(parseCount('0')).toEqual({ ok: true, value: 0 });
    expect(parseCount('1 200')).toEqual({ ok: true, value: 1200 });
  });
  it.each(['-1', '1.5', '12,5', 'douze', '2000000'])('refuses %s', (input) => expect(parseCount(input).ok).toBe(false));
});

describe('splitList', () => {
  it('splits on | and drops blanks', () => {
    expect(splitList(' a | b||c |')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

describe('parseServiceArea', () => {
  const reference = buildImportReference({
    kinds: [],
    sectors: [],
    labels: [],
    regions: ['11', '84'],
    departements: ['75', '2A', '69'],
    communes: [
      { code: '75056', departement: '75', name: 'Paris', postcodes: ['75001', '75011'] },
      { code: '2A004', departement: '2A', name: 'Ajaccio', postcodes: ['20000', '20090'] },
    ],
    communeAliases: [{ code: '75111', currentCode: '75056', label: 'Paris 11e Arrondissement' }],
  });

  it('reads the accepted forms', () => {
    const notes: string[] = [];
    const note = (message: string) => notes.push(message);
    expect(parseServiceArea('', reference, note)).toEqual({ ok: true, value: 'own-departement' });
    expect(parseServiceArea('national', reference, note)).toEqual({ ok: true, value: [{ kind: 'national' }] });
    expect(parseServiceArea('NATIONAL', reference, note)).toEqual({ ok: true, value: [{ kind: 'national' }] });
    expect(parseServiceArea('radius:30', reference, note)).toEqual({
      ok: true,
      value: [{ kind: 'radius', radiusKm: 30 }],
    });
    expect(parseServiceArea('region:11|departement:2a| commune:2A004 ', reference, note)).toEqual({
      ok: true,
      value: [
        { kind: 'region', code: '11' },
        { kind: 'departement', code: '2A' },
        { kind: 'commune', code: '2A004' },
      ],
    });
    expect(notes).toEqual([]);
  });

  it('accepts radius bounds 1 and 1000 and refuses beyond', () => {
    expect(parseServiceArea('radius:1', reference).ok).toBe(true);
    expect(parseServiceArea('radius:1000', reference).ok).toBe(true);
    for (const bad of ['radius:0', 'radius:1001', 'radius:-5', 'radius:2.5', 'radius:', 'radius:dix']) {
      expect(parseServiceArea(bad, reference).ok, bad).toBe(false);
    }
  });

  it('stores an arrondissement as its commune, with a note, and recognises a postcode', () => {
    const notes: string[] = [];
    const note = (message: string) => notes.push(message);
    expect(parseServiceArea('commune:75111', reference, note)).toEqual({
      ok: true,
      value: [{ kind: 'commune', code: '75056' }],
    });
    expect(notes).toEqual([
      'code INSEE « 75111 » (Paris 11e Arrondissement) enregistré comme la commune 75056 (Paris)',
    ]);
    expect(parseServiceArea('commune:20090', reference, note)).toEqual({
      ok: false,
      error: ['« 20090 » est un code postal, pas un code INSEE : commune 2A004 (Ajaccio)'],
    });
    expect(parseServiceArea('commune:75111|pays:FR', reference, note).ok).toBe(false);
    expect(notes).toHaveLength(1);
  });

  it('refuses unknown codes, unknown keywords and mixed national or radius', () => {
    const messages = (value: string) => {
      const result = parseServiceArea(value, reference);
      return result.ok ? [] : result.error;
    };
    expect(messages('region:99|departement:999|commune:99999')).toEqual([
      'région inconnue : code « 99 »',
      'département inconnu : code « 999 »',
      'commune inconnue : code INSEE « 99999 »',
    ]);
    expect(messages('pays:FR')[0]).toMatch(/« pays:FR » non reconnu/);
    expect(messages('region:')[0]).toMatch(/code manquant/);
    expect(messages('national|region:11')).toEqual(['« national » ne se combine avec aucune autre zone']);
    expect(messages('radius:30|departement:75')).toEqual(['un rayon (radius:KM) ne se combine avec aucune autre zone']);
    expect(messages('national:FR')[0]).toMatch(/national s'écrit seul/);
  });
});

describe('import status policy', () => {
  const published = { charterStatus: 'verified', publicationStatus: 'published' } as const;
  const suspended = { charterStatus: 'none', publicationStatus: 'suspended' } as const;

  it('charter: the row wins, then --approve, then the stored status, then none', () => {
    expect(resolveCharterStatus('pending', true, undefined)).toBe('pending');
    expect(resolveCharterStatus('none', true, published)).toBe('none');
    expect(resolveCharterStatus(undefined, true, undefined)).toBe('verified');
    expect(resolveCharterStatus(undefined, false, undefined)).toBe('none');
    expect(resolveCharterStatus(undefined, false, published)).toBeUndefined();
  });

  it('publication: --approve publishes, otherwise new ones are drafts and existing ones keep their status', () => {
    expect(resolvePublicationStatus(true, undefined)).toBe('published');
    expect(resolvePublicationStatus(true, { charterStatus: 'none', publicationStatus: 'draft' })).toBe('published');
    expect(resolvePublicationStatus(false, undefined)).toBe('draft');
    expect(resolvePublicationStatus(false, published)).toBeUndefined();
    expect(resolvePublicationStatus(true, suspended)).toBeUndefined();
    expect(resolvePublicationStatus(false, suspended)).toBeUndefined();
  });
});
