import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FacetDistribution, SearchEngine, SearchQuery, SearchResult, SupplierDocument } from '../../search/types';
import { byId, FIXTURES, PLACES, type Place } from './contract-fixtures';

// The search contract: behaviours every SearchEngine must have, written against the interface only
// (no engine internals). Run by tests/search/sqlite.contract.test.ts and by the Meilisearch engine's test.

export interface ContractOptions {
  /** When set, every behaviour is reported as skipped, with this reason. */
  skip?: string;
  /** Frees an engine made by makeEngine (default: engine.close()). */
  dispose?: (engine: SearchEngine) => Promise<void>;
}

const ALL_IDS = FIXTURES.map((d) => d.id);

function ids(result: SearchResult): number[] {
  return result.hits.map((h) => h.id);
}

function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The facet distribution of the given fixtures, computed from their data. */
export function facetsOf(docIds: number[]): FacetDistribution {
  const facets: FacetDistribution = { kind: {}, sector: {}, departement: {}, region: {}, label: {} };
  const add = (facet: Record<string, number>, key: string) => (facet[key] = (facet[key] ?? 0) + 1);
  for (const id of docIds) {
    const doc = byId(id);
    add(facets.kind, doc.structureKind);
    add(facets.departement, doc.departement);
    add(facets.region, doc.region);
    for (const s of doc.sectors) add(facets.sector, s);
    for (const l of doc.labels) add(facets.label, l);
  }
  return facets;
}

/** Name order: accents and case ignored. */
function nameKey(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function byName(docIds: number[]): number[] {
  return [...docIds].sort((a, b) => {
    const ka = nameKey(byId(a).name);
    const kb = nameKey(byId(b).name);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}

function coversOf(place: Place): NonNullable<SearchQuery['covers']> {
  return {
    commune: place.commune,
    departement: place.departement,
    region: place.region,
    lat: place.lat,
    lon: place.lon,
  };
}

function edited(doc: SupplierDocument, changes: Partial<SupplierDocument>): SupplierDocument {
  return { ...doc, ...changes };
}

async function* inBatches(
  docs: SupplierDocument[],
  size: number,
  between?: () => Promise<void>,
): AsyncGenerator<SupplierDocument[]> {
  for (let i = 0; i < docs.length; i += size) {
    if (i > 0 && between) await between();
    yield docs.slice(i, i + size);
  }
}

export function describeSearchContract(
  engineName: string,
  makeEngine: () => Promise<SearchEngine>,
  opts: ContractOptions = {},
): void {
  const { skip } = opts;
  const dispose = opts.dispose ?? ((engine: SearchEngine) => engine.close());
  if (skip) console.info(`[search contract] ${engineName}: skipped (${skip})`);
  const title = skip ? `search contract: ${engineName} (skipped: ${skip})` : `search contract: ${engineName}`;

  /** A fresh engine with the given documents indexed; disposed after the test. */
  async function withEngine(docs: SupplierDocument[], use: (engine: SearchEngine) => Promise<void>): Promise<void> {
    const engine = await makeEngine();
    try {
      await engine.init();
      await engine.upsert(docs);
      await use(engine);
    } finally {
      await dispose(engine);
    }
  }

  describe.skipIf(Boolean(skip))(title, () => {
    let engine: SearchEngine;
    const search = (query: Partial<SearchQuery>) => engine.search({ page: 1, perPage: 50, ...query });
    const find = async (q: string, query: Partial<SearchQuery> = {}) => ids(await search({ q, ...query }));

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.init();
      await engine.upsert(FIXTURES);
    });
    afterAll(async () => {
      if (engine) await dispose(engine);
    });

    describe('text matching', () => {
      it('finds a supplier by a word of its name', async () => {
        expect(await find('cocagne')).toEqual([102]);
      });

      it('is case-insensitive', async () => {
        expect(sorted(await find('NETTOYAGE'))).toEqual(sorted(await find('nettoyage')));
        expect(sorted(await find('nettoyage'))).toEqual([101, 110, 111]);
      });

      it('ignores accents in the query', async () => {
        expect(await find('elagage')).toEqual([105]);
        expect(await find('ÉLAGAGE')).toEqual([105]);
      });

      it('ignores accents in the documents', async () => {
        // The description spells it "ebenisterie".
        expect(await find('ébénisterie')).toEqual([108]);
      });

      it('tolerates one typo in a word of 5 to 8 letters', async () => {
        expect(await find('cocagme')).toEqual([102]);
      });

      it('tolerates one typo at exactly 5 letters', async () => {
        expect(await find('tomte')).toContain(102);
      });

      it('counts the transposition of two letters as one typo', async () => {
        expect(await find('cocgane')).toEqual([102]);
      });

      it('does not tolerate a typo in a word of 4 letters', async () => {
        expect(await find('bois')).toEqual([108]);
        expect(await find('boid')).toEqual([]);
        expect(await find('lyom')).toEqual([]);
      });

      it('does not tolerate two typos in a word of 8 letters', async () => {
        expect(await find('vitrarie')).toEqual([101]);
        expect(await find('vatrarie')).toEqual([]);
      });

      it('tolerates two typos in a word of 9 letters or more', async () => {
        expect(await find('mereicher')).toEqual([102]);
      });

      it('does not tolerate three typos', async () => {
        expect(await find('mereichar')).toEqual([]);
      });

      it('counts a typo on the first letter as two', async () => {
        expect(await find('docagne')).toEqual([]);
      });

      it('ranks exact matches before typo matches', async () => {
        const found = await find('tonte');
        expect(found[0]).toBe(102);
        expect(found).toContain(112);
      });

      it('matches the last word as a prefix', async () => {
        expect(sorted(await find('blanchi'))).toEqual([103, 109]);
        expect(await find('menuis')).toEqual([108]);
      });

      it('matches only the last word as a prefix', async () => {
        expect(await find('port blanchi')).toEqual([103]);
        expect(await find('blanchi port')).toEqual([]);
      });

      it('requires every word to match', async () => {
        expect(await find('jardins lyonnais')).toEqual([102]);
        expect(await find('vitres jardins')).toEqual([]);
      });

      it('ignores French stop words', async () => {
        expect(sorted(await find('entretien de bureaux'))).toEqual([101, 111]);
        expect(sorted(await find('entretien des bureaux'))).toEqual(sorted(await find('entretien bureaux')));
        expect(await find("l'élagage")).toEqual([105]);
        expect(await find('la blanchisserie du port')).toEqual([103]);
      });

      it('searches the trade name, sector names and commune', async () => {
        expect(await find('arbres bei')).toEqual([105]);
        expect(await find('horticole')).toEqual([102]);
        expect(sorted(await find('villeurbanne'))).toEqual([109]);
      });

      it('applies the trade synonyms, single words and phrases', async () => {
        expect(sorted(await find('ménage'))).toEqual([101, 110, 111]);
        expect(await find('paysagiste')).toEqual([102]);
        expect(await find('paysagiste lyon')).toEqual([102]);
      });

      it('ranks a match in the name above a match in the description', async () => {
        expect(await find('canuts')).toEqual([108, 102]);
      });

      it('returns nothing, with empty facets, for an unknown word', async () => {
        const result = await search({ q: 'xylophone' });
        expect(result.hits).toEqual([]);
        expect(result.total).toBe(0);
        expect(result.facets).toEqual({ kind: {}, sector: {}, departement: {}, region: {}, label: {} });
      });
    });

    describe('snippets', () => {
      it('marks the matched words of the description', async () => {
        const [hit] = (await search({ q: 'lavage vitres' })).hits;
        expect(hit.id).toBe(101);
        expect(hit.snippet).toContain('<mark>vitres</mark>');
        expect(hit.snippet).toContain('<mark>lavage</mark>');
      });

      it('takes the snippet from the offers when the description does not match', async () => {
        const [hit] = (await search({ q: 'nacelle' })).hits;
        expect(hit.id).toBe(101);
        expect(hit.snippet).toContain('<mark>nacelle</mark>');
      });

      it('escapes HTML in snippets', async () => {
        const [hit] = (await search({ q: 'cocktails' })).hits;
        expect(hit.id).toBe(104);
        expect(hit.snippet).toContain('<mark>cocktails</mark>');
        expect(hit.snippet).toContain('&lt;script&gt;');
        expect(hit.snippet).toContain('&amp;');
        expect(hit.snippet).not.toContain('<script');
        expect(hit.snippet?.replace(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
      });

      it('has no snippet when only the name matched, nor without a query', async () => {
        const [hit] = (await search({ q: 'garonne' })).hits;
        expect(hit.id).toBe(104);
        expect(hit.snippet).toBeUndefined();
        for (const h of (await search({})).hits) expect(h.snippet).toBeUndefined();
      });
    });

    describe('identifiers', () => {
      it('finds a supplier by its exact SIRET', async () => {
        expect(await find(byId(104).siret)).toEqual([104]);
      });

      it('finds nothing for a SIRET with one wrong digit', async () => {
        expect(await find('81814257200011')).toEqual([]);
        expect(await find('81814257300010')).toEqual([]);
      });

      it('finds every establishment of a SIREN', async () => {
        expect(sorted(await find('300337896'))).toEqual([101, 111]);
      });

      it('finds a supplier by its exact postcode, and nothing one digit off', async () => {
        expect(await find('13002')).toEqual([103]);
        expect(await find('13003')).toEqual([]);
      });
    });

    describe('hit fields', () => {
      it('returns the public fields of each hit', async () => {
        const [hit] = (await search({ q: 'kodra' })).hits;
        const doc = byId(107);
        expect(hit).toMatchObject({
          id: 107,
          slug: doc.slug,
          name: doc.name,
          structureKind: 'SCOP',
          sectors: doc.sectors,
          commune: { code: '93048', name: 'Montreuil' },
          departement: '93',
          region: '11',
          charterStatus: 'verified',
        });
        expect(hit.distanceKm).toBeUndefined();
      });

      it('answers with page, perPage and a processing time', async () => {
        const result = await engine.search({ q: 'nettoyage', page: 1, perPage: 2 });
        expect(result.page).toBe(1);
        expect(result.perPage).toBe(2);
        expect(result.total).toBe(3);
        expect(result.hits).toHaveLength(2);
        expect(result.processingTimeMs).toBeGreaterThanOrEqual(0);
      });
    });

    describe('facets and filters', () => {
      it('counts every facet over all suppliers for an empty query', async () => {
        const result = await search({});
        expect(result.total).toBe(FIXTURES.length);
        expect(result.facets).toEqual(facetsOf(ALL_IDS));
      });

      it('counts facets over the matches of a text query', async () => {
        const result = await search({ q: 'blanchisserie' });
        expect(sorted(ids(result))).toEqual([103, 109]);
        expect(result.facets).toEqual(facetsOf([103, 109]));
      });

      it('counts facets with the filters applied', async () => {
        const result = await search({ q: 'entretien', departements: ['93'] });
        expect(ids(result)).toEqual([111]);
        expect(result.facets).toEqual(facetsOf([111]));
      });

      it('filters by structure kind, OR within the facet', async () => {
        expect(sorted(await find('', { kinds: ['ESAT'] }))).toEqual([103, 108]);
        expect(sorted(await find('', { kinds: ['ESAT', 'EA'] }))).toEqual([103, 104, 108, 109]);
      });

      it('filters by sector, OR within the facet', async () => {
        expect(sorted(await find('', { sectors: ['blanchisserie'] }))).toEqual([103, 109]);
        expect(sorted(await find('', { sectors: ['blanchisserie', 'nettoyage-industriel'] }))).toEqual([103, 109, 110]);
      });

      it('filters by département and by région', async () => {
        expect(sorted(await find('', { departements: ['69'] }))).toEqual([102, 108, 109]);
        expect(sorted(await find('', { departements: ['69', '13'] }))).toEqual([102, 103, 108, 109]);
        expect(sorted(await find('', { regions: ['84'] }))).toEqual([102, 108, 109, 110]);
      });

      it('filters by label', async () => {
        expect(sorted(await find('', { labels: ['esus'] }))).toEqual([101, 106]);
        expect(sorted(await find('', { labels: ['esus', 'ecocert'] }))).toEqual([101, 104, 106]);
      });

      it('filters by charter status', async () => {
        expect(sorted(await find('', { charter: ['verified'] }))).toEqual([101, 102, 104, 107, 110, 113]);
        expect(sorted(await find('', { charter: ['pending', 'expired'] }))).toEqual([103, 106, 108, 111]);
      });

      it('combines facets with AND', async () => {
        expect(sorted(await find('', { kinds: ['EI'], departements: ['75', '93'] }))).toEqual([101, 111]);
        expect(await find('', { kinds: ['EI'], departements: ['75'], charter: ['verified'] })).toEqual([101]);
        expect(await find('', { kinds: ['ESAT'], regions: ['11'] })).toEqual([]);
      });

      it('combines a text query with filters', async () => {
        expect(await find('nettoyage', { regions: ['84'] })).toEqual([110]);
        expect(sorted(await find('blanchisserie', { kinds: ['EA', 'ESAT'] }))).toEqual([103, 109]);
      });

      it('matches nothing for an unknown code', async () => {
        const result = await search({ sectors: ['no-such-sector'] });
        expect(result.total).toBe(0);
        expect(result.hits).toEqual([]);
        expect(result.facets.kind).toEqual({});
      });
    });

    describe('geography', () => {
      const lyon = PLACES.lyon;

      it('keeps the suppliers within the radius of a point', async () => {
        expect(sorted(await find('', { near: { lat: lyon.lat, lon: lyon.lon, radiusKm: 10 } }))).toEqual([
          102, 108, 109,
        ]);
        expect(sorted(await find('', { near: { lat: lyon.lat, lon: lyon.lon, radiusKm: 1 } }))).toEqual([102, 108]);
      });

      it('includes a supplier once the radius reaches it', async () => {
        // Saint-Étienne is about 50 km from Lyon.
        expect(await find('', { near: { lat: lyon.lat, lon: lyon.lon, radiusKm: 45 } })).not.toContain(110);
        expect(await find('', { near: { lat: lyon.lat, lon: lyon.lon, radiusKm: 55 } })).toContain(110);
      });

      it('gives each hit its distance from the reference point, rounded to 0.1 km', async () => {
        const result = await search({ near: { lat: lyon.lat, lon: lyon.lon, radiusKm: 10 } });
        const villeurbanne = result.hits.find((h) => h.id === 109);
        expect(villeurbanne?.distanceKm).toBeGreaterThan(4.3);
        expect(villeurbanne?.distanceKm).toBeLessThan(5.3);
        for (const hit of result.hits) {
          expect(hit.distanceKm).toBeDefined();
          expect(Math.abs((hit.distanceKm as number) * 10 - Math.round((hit.distanceKm as number) * 10))).toBeLessThan(
            1e-9,
          );
        }
        expect(result.hits.find((h) => h.id === 102)?.distanceKm).toBe(0);
      });

      it('covers a commune from anywhere with a national service area', async () => {
        expect(sorted(await find('', { covers: coversOf(PLACES.strasbourg) }))).toEqual([107, 113]);
      });

      it('covers a commune through a région service area', async () => {
        expect(sorted(await find('', { covers: coversOf(PLACES.saintEtienne) }))).toEqual([102, 107, 110, 113]);
      });

      it('covers a commune through a département service area', async () => {
        expect(sorted(await find('', { covers: coversOf(PLACES.montreuil) }))).toEqual([101, 107, 111, 113]);
      });

      it('covers a commune through a commune service area', async () => {
        expect(sorted(await find('', { covers: coversOf(PLACES.rennes) }))).toEqual([105, 107, 113]);
        expect(sorted(await find('', { covers: coversOf(PLACES.nantes) }))).toEqual([107, 113]);
      });

      it('covers a commune through a radius service area that reaches it', async () => {
        // Lyon: région 84 (102), radius 20 km at 0 km (108), 15 km at 5 km (109), 60 km at 50 km (110).
        expect(sorted(await find('', { covers: coversOf(lyon) }))).toEqual([102, 107, 108, 109, 110, 113]);
        // Aix-en-Provence is about 27 km from Marseille: inside 103's 30 km.
        expect(sorted(await find('', { covers: coversOf(PLACES.aix) }))).toEqual([103, 107, 113]);
      });

      it('combines coverage with a text query and facets', async () => {
        expect(await find('nettoyage', { covers: coversOf(lyon) })).toEqual([110]);
        expect(await find('', { covers: coversOf(lyon), kinds: ['ESAT'] })).toEqual([108]);
      });
    });

    describe('sorting and pagination', () => {
      it('lists every supplier for an empty query: verified charter first, then by name', async () => {
        const verified = FIXTURES.filter((d) => d.charterStatus === 'verified').map((d) => d.id);
        const others = FIXTURES.filter((d) => d.charterStatus !== 'verified').map((d) => d.id);
        expect(await find('')).toEqual([...byName(verified), ...byName(others)]);
      });

      it('sorts by name, accents and case ignored', async () => {
        const found = await find('', { sort: 'name' });
        expect(found).toEqual(byName(ALL_IDS));
        // "Éclat" sorts among the E, not after "Urban".
        expect(found.indexOf(101)).toBeLessThan(found.indexOf(110));
      });

      it('sorts the matches of a text query by name', async () => {
        expect(await find('nettoyage', { sort: 'name' })).toEqual([101, 111, 110]);
      });

      it('sorts by distance from the reference point', async () => {
        const paris = PLACES.paris;
        const result = await search({ near: { lat: paris.lat, lon: paris.lon, radiusKm: 1000 }, sort: 'distance' });
        expect(result.hits[0].id).toBe(101);
        const distances = result.hits.map((h) => h.distanceKm as number);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        expect(result.total).toBe(result.hits.length);
      });

      it('uses the origin as the reference point for distance', async () => {
        const marseille = PLACES.marseille;
        const result = await search({ origin: { lat: marseille.lat, lon: marseille.lon }, sort: 'distance' });
        expect(result.total).toBe(FIXTURES.length);
        expect(result.hits[0].id).toBe(103);
        expect(result.hits[0].distanceKm).toBe(0);
        expect(result.hits[result.hits.length - 1].id).toBe(106);
      });

      it('splits the results into pages that add up to the whole list', async () => {
        const all = await find('');
        const seen: number[] = [];
        for (let page = 1; page <= 3; page++) {
          const result = await engine.search({ page, perPage: 5 });
          expect(result.total).toBe(FIXTURES.length);
          expect(result.page).toBe(page);
          expect(result.hits.length).toBe(page < 3 ? 5 : FIXTURES.length - 10);
          seen.push(...ids(result));
        }
        expect(seen).toEqual(all);
      });

      it('paginates a text query', async () => {
        const first = await engine.search({ q: 'nettoyage', page: 1, perPage: 2 });
        const second = await engine.search({ q: 'nettoyage', page: 2, perPage: 2 });
        expect(first.total).toBe(3);
        expect(second.total).toBe(3);
        expect(sorted([...ids(first), ...ids(second)])).toEqual([101, 110, 111]);
      });

      it('gives an empty page past the end, with the right total and facets', async () => {
        const result = await engine.search({ page: 40, perPage: 10 });
        expect(result.hits).toEqual([]);
        expect(result.total).toBe(FIXTURES.length);
        expect(result.facets).toEqual(facetsOf(ALL_IDS));
      });

      it('treats a query of stop words only like an empty query', async () => {
        expect((await search({ q: 'le la des' })).total).toBe(FIXTURES.length);
      });
    });

    describe('health', () => {
      it('reports healthy once initialised', async () => {
        expect(await engine.health()).toBe(true);
      });

      it('accepts init() twice', async () => {
        await engine.init();
        expect((await search({})).total).toBe(FIXTURES.length);
      });
    });
  });

  describe.skipIf(Boolean(skip))(`${title}: index maintenance`, () => {
    it('makes only the upserted documents searchable', async () => {
      await withEngine([byId(101), byId(102)], async (e) => {
        const result = await e.search({ page: 1, perPage: 20 });
        expect(sorted(ids(result))).toEqual([101, 102]);
        expect((await e.search({ q: 'blanchisserie', page: 1, perPage: 20 })).total).toBe(0);
      });
    });

    it('replaces a document on upsert', async () => {
      await withEngine(FIXTURES, async (e) => {
        await e.upsert([
          edited(byId(105), {
            name: 'Armor Élagage Insertion',
            structureKind: 'SCIC',
            structureKindName: "Société coopérative d'intérêt collectif",
          }),
        ]);
        const s = (q: string) => e.search({ q, page: 1, perPage: 20 });
        expect(ids(await s('armor'))).toEqual([105]);
        expect((await s('bretagne')).total).toBe(0);
        const all = await e.search({ page: 1, perPage: 50 });
        expect(all.total).toBe(FIXTURES.length);
        expect(all.facets.kind.SCIC).toBe(2);
        expect(all.facets.kind.EI).toBe(facetsOf(ALL_IDS).kind.EI - 1);
        // Upserting the same documents again adds nothing.
        await e.upsert(FIXTURES.slice(0, 3));
        expect((await e.search({ page: 1, perPage: 50 })).total).toBe(FIXTURES.length);
      });
    });

    it('adds a new document on upsert', async () => {
      await withEngine(FIXTURES.slice(0, 5), async (e) => {
        expect((await e.search({ q: 'kodra', page: 1, perPage: 20 })).total).toBe(0);
        await e.upsert([byId(107)]);
        expect(ids(await e.search({ q: 'kodra', page: 1, perPage: 20 }))).toEqual([107]);
        expect((await e.search({ q: 'kodro', page: 1, perPage: 20 })).total).toBe(1);
      });
    });

    it('removes documents', async () => {
      await withEngine(FIXTURES, async (e) => {
        await e.remove([103, 999_999]);
        expect(ids(await e.search({ q: 'blanchisserie', page: 1, perPage: 20 }))).toEqual([109]);
        const all = await e.search({ page: 1, perPage: 50 });
        expect(all.total).toBe(FIXTURES.length - 1);
        expect(all.facets.departement['13']).toBeUndefined();
        expect(all.hits.map((h) => h.id)).not.toContain(103);
      });
    });

    it('counts its documents: none before any upsert, then every upsert and remove', async () => {
      const e = await makeEngine();
      try {
        await e.init();
        expect(await e.documentCount()).toBe(0);
        await e.upsert(FIXTURES.slice(0, 4));
        expect(await e.documentCount()).toBe(4);
        await e.upsert(FIXTURES.slice(2, 6));
        expect(await e.documentCount()).toBe(6);
        await e.remove([FIXTURES[0].id]);
        expect(await e.documentCount()).toBe(5);
      } finally {
        await dispose(e);
      }
    });

    it('rebuilds the whole index from batches, reporting progress', async () => {
      await withEngine(FIXTURES, async (e) => {
        const progress: number[] = [];
        const subset = [byId(101), byId(102), byId(103), byId(104), byId(105)];
        const count = await e.rebuild(inBatches(subset, 2), (n) => progress.push(n));
        expect(count).toBe(5);
        expect(progress[progress.length - 1]).toBe(5);
        const all = await e.search({ page: 1, perPage: 50 });
        expect(sorted(ids(all))).toEqual([101, 102, 103, 104, 105]);
        expect(all.facets).toEqual(facetsOf([101, 102, 103, 104, 105]));
        expect(ids(await e.search({ q: 'cocagme', page: 1, perPage: 20 }))).toEqual([102]);
        expect((await e.search({ q: 'kodra', page: 1, perPage: 20 })).total).toBe(0);
      });
    });

    it('keeps answering from the old index while a rebuild runs', async () => {
      await withEngine(FIXTURES, async (e) => {
        const during: number[] = [];
        await e.rebuild(
          inBatches(FIXTURES.slice(0, 4), 2, async () => {
            during.push((await e.search({ page: 1, perPage: 50 })).total);
            during.push((await e.search({ q: 'kodra', page: 1, perPage: 20 })).total);
          }),
        );
        expect(during).toEqual([FIXTURES.length, 1]);
        expect((await e.search({ page: 1, perPage: 50 })).total).toBe(4);
      });
    });
  });
}
