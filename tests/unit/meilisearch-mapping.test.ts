import { describe, expect, it } from 'vitest';
import {
  buildFilter,
  buildSort,
  coversFilter,
  distanceKm,
  quoteFilterValue,
  toFacetDistribution,
  toMeiliDocument,
} from '../../search/meilisearch/mapping';
import { MEILI_SETTINGS, synonymGroups } from '../../search/meilisearch/settings';
import { nameSortKey, SYNONYM_GROUPS } from '../../search/text';
import type { SearchQuery, SupplierDocument } from '../../search/types';

// The Meilisearch engine's pure half: how our contract becomes documents, filter expressions and sort
// rules. (The engine itself runs against a real server in tests/search/meilisearch.contract.test.ts.)

const base: SearchQuery = { page: 1, perPage: 20 };

const document: SupplierDocument = {
  id: 7,
  slug: 'les-jardins-de-cocagne',
  siret: '73282932000074',
  name: 'Les Jardins de Cocagne',
  tradeName: 'Cocagne',
  structureKind: 'ACI',
  structureKindName: "Atelier et chantier d'insertion",
  sectors: ['espaces-verts'],
  sectorNames: ['Espaces verts'],
  offers: 'Entretien\nTonte et taille',
  description: 'Maraîchage biologique',
  labels: ['ecocert'],
  labelNames: ['Ecocert'],
  communeCode: '25056',
  communeName: 'Besançon',
  postcode: '25000',
  departement: '25',
  region: '27',
  lat: 47.24,
  lon: 6.02,
  charterStatus: 'verified',
  serviceArea: { national: false, regions: [], departements: ['25', '39'], communes: [], radiusKm: 30 },
};

describe('toMeiliDocument', () => {
  it('maps coordinates to _geo, flattens the service area and derives the sort keys', () => {
    const doc = toMeiliDocument(document);
    expect(doc._geo).toEqual({ lat: 47.24, lng: 6.02 });
    expect(doc.id).toBe(7);
    expect(doc.siren).toBe('732829320');
    expect(doc.nameSort).toBe('les jardins de cocagne');
    expect(doc.charterRank).toBe(1);
    expect(doc.serviceNational).toBe(false);
    expect(doc.serviceDepartements).toEqual(['25', '39']);
    expect(doc.serviceAreaRadiusKm).toBe(30);
    // Every other field of the search document is copied as it is; the point and the area are not kept twice.
    expect(doc).toMatchObject({
      slug: document.slug,
      siret: document.siret,
      tradeName: document.tradeName,
      sectorNames: document.sectorNames,
      postcode: '25000',
    });
    for (const key of ['lat', 'lon', 'serviceArea']) expect(doc).not.toHaveProperty(key);
    expect(toMeiliDocument({ ...document, charterStatus: 'pending' }).charterRank).toBe(0);
    expect(toMeiliDocument({ ...document, description: 'a\u0002b\u0003c' }).description).toBe('abc');
  });

  it('sorts names without accents or case', () => {
    expect(nameSortKey('Éco Œuvre')).toBe('eco oeuvre');
    expect(['Zèbre', 'étoile', 'Alpha'].map(nameSortKey).sort()).toEqual(['alpha', 'etoile', 'zebre']);
    // Punctuation does not count either: the same key as the SQLite engine's name order.
    expect(toMeiliDocument({ ...document, name: "L'Écluse – Atelier" }).nameSort).toBe('l ecluse atelier');
  });
});

describe('filter expressions', () => {
  it('quotes values and escapes double quotes', () => {
    expect(quoteFilterValue('EI')).toBe('"EI"');
    expect(quoteFilterValue('a"b')).toBe('"a\\"b"');
    expect(quoteFilterValue('x" OR charterStatus = "none')).toBe('"x\\" OR charterStatus = \\"none"');
  });

  it('refuses a backslash, which Meilisearch would not unescape', () => {
    expect(() => quoteFilterValue('a\\')).toThrow(/Invalid filter value/);
  });

  it('is undefined without criteria', () => {
    expect(buildFilter(base, [])).toBeUndefined();
  });

  it('ORs values within a facet and ANDs facets', () => {
    const filter = buildFilter(
      { ...base, kinds: ['EI', 'ACI', 'EI'], departements: ['75'], charter: ['verified'] },
      [],
    );
    expect(filter).toBe(
      '(structureKind IN ["EI", "ACI"]) AND (departement IN ["75"]) AND (charterStatus IN ["verified"])',
    );
  });

  it('filters by radius in metres around the point', () => {
    expect(buildFilter({ ...base, near: { lat: 48.85, lon: 2.35, radiusKm: 12.5 } }, [])).toBe(
      '(_geoRadius(48.85, 2.35, 12500))',
    );
  });

  it('refuses non-finite coordinates', () => {
    expect(() => buildFilter({ ...base, near: { lat: Number.NaN, lon: 2, radiusKm: 10 } }, [])).toThrow(/latitude/);
  });

  it('covers a commune by area codes or by each distinct radius', () => {
    const covers = { commune: '75056', departement: '75', region: '11', lat: 48.85, lon: 2.35 };
    expect(coversFilter(covers, [50, 20, 50, 0, Number.NaN])).toBe(
      '(serviceNational = true OR serviceRegions = "11" OR serviceDepartements = "75" OR serviceCommunes = "75056"' +
        ' OR (serviceAreaRadiusKm = 20 AND _geoRadius(48.85, 2.35, 20000))' +
        ' OR (serviceAreaRadiusKm = 50 AND _geoRadius(48.85, 2.35, 50000)))',
    );
    expect(buildFilter({ ...base, kinds: ['EA'], covers }, [])).toBe(
      '(structureKind IN ["EA"]) AND (serviceNational = true OR serviceRegions = "11" OR serviceDepartements = "75" OR serviceCommunes = "75056")',
    );
  });
});

describe('sort rules', () => {
  it('lists verified charters first then by name when there is no text', () => {
    expect(buildSort(base, false)).toEqual(['charterRank:desc', 'nameSort:asc']);
  });

  it('leaves relevance to the ranking rules when there is text', () => {
    expect(buildSort({ ...base, sort: 'relevance' }, true)).toBeUndefined();
  });

  it('sorts by name', () => {
    expect(buildSort({ ...base, sort: 'name' }, true)).toEqual(['nameSort:asc']);
  });

  it('sorts by distance from the origin, else from the near point', () => {
    expect(buildSort({ ...base, sort: 'distance', origin: { lat: 45, lon: 5 } }, true)).toEqual([
      '_geoPoint(45,5):asc',
      'nameSort:asc',
    ]);
    expect(buildSort({ ...base, sort: 'distance', near: { lat: 43.3, lon: 5.4, radiusKm: 10 } }, true)).toEqual([
      '_geoPoint(43.3,5.4):asc',
      'nameSort:asc',
    ]);
  });

  it('falls back to relevance for a distance sort without any point', () => {
    expect(buildSort({ ...base, sort: 'distance' }, true)).toBeUndefined();
  });
});

describe('facets and distances', () => {
  it('renames Meilisearch attributes to our facet names, with every facet present', () => {
    expect(toFacetDistribution({ structureKind: { EI: 3 }, sectors: { nettoyage: 2 }, labels: { rge: 1 } })).toEqual({
      kind: { EI: 3 },
      sector: { nettoyage: 2 },
      departement: {},
      region: {},
      label: { rge: 1 },
    });
    expect(toFacetDistribution(undefined).kind).toEqual({});
  });

  it('computes great-circle distances', () => {
    // Paris - Lyon, about 392 km.
    expect(distanceKm({ lat: 48.8566, lon: 2.3522 }, { lat: 45.764, lon: 4.8357 })).toBeCloseTo(391.5, 0);
    expect(distanceKm({ lat: 45, lon: 5 }, { lat: 45, lon: 5 })).toBe(0);
  });
});

describe('index settings', () => {
  it('applies the settings of docs/decisions/031-meilisearch-index-settings.md', () => {
    expect(MEILI_SETTINGS.searchableAttributes?.slice(0, 4)).toEqual(['name', 'tradeName', 'sectorNames', 'offers']);
    expect(MEILI_SETTINGS.filterableAttributes).toEqual(
      expect.arrayContaining([
        'structureKind',
        'sectors',
        'departement',
        'region',
        'labels',
        'charterStatus',
        'serviceAreaRadiusKm',
        '_geo',
      ]),
    );
    expect(MEILI_SETTINGS.sortableAttributes).toEqual(expect.arrayContaining(['nameSort', '_geo']));
    expect(MEILI_SETTINGS.typoTolerance).toMatchObject({
      disableOnAttributes: ['siret', 'siren', 'postcode'],
      disableOnNumbers: true,
    });
    expect(MEILI_SETTINGS.stopWords).toEqual(
      expect.arrayContaining(['le', 'la', 'les', 'de', 'des', 'et', 'à', 'l', 'd']),
    );
  });

  it('makes synonyms two-way', () => {
    const synonyms = synonymGroups(SYNONYM_GROUPS);
    expect(synonyms['espaces verts']).toContain('paysagiste');
    expect(synonyms.paysagiste).toContain('espaces verts');
    expect(synonyms['ménage']).toContain('nettoyage');
    expect(synonyms.nettoyage).toContain('ménage');
    expect(synonyms.nettoyage).not.toContain('nettoyage');
  });
});
