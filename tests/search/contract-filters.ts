import { describe, expect, it } from 'vitest';
import { FIXTURES, PLACES } from './contract-fixtures';
import { ALL_IDS, byName, coversOf, facetsOf, ids, sorted, type SharedEngine } from './contract-support';

// Search contract, query behaviours: facets and filters, geography (radius, coverage, distances),
// sorting and pagination, health.

export function describeFilterContract(shared: SharedEngine): void {
  const { search, find } = shared;

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
      expect(sorted(await find('', { near: { lat: lyon.lat, lon: lyon.lon, radiusKm: 10 } }))).toEqual([102, 108, 109]);
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
        const result = await shared.engine().search({ page, perPage: 5 });
        expect(result.total).toBe(FIXTURES.length);
        expect(result.page).toBe(page);
        expect(result.hits.length).toBe(page < 3 ? 5 : FIXTURES.length - 10);
        seen.push(...ids(result));
      }
      expect(seen).toEqual(all);
    });

    it('paginates a text query', async () => {
      const first = await shared.engine().search({ q: 'nettoyage', page: 1, perPage: 2 });
      const second = await shared.engine().search({ q: 'nettoyage', page: 2, perPage: 2 });
      expect(first.total).toBe(3);
      expect(second.total).toBe(3);
      expect(sorted([...ids(first), ...ids(second)])).toEqual([101, 110, 111]);
    });

    it('gives an empty page past the end, with the right total and facets', async () => {
      const result = await shared.engine().search({ page: 40, perPage: 10 });
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
      expect(await shared.engine().health()).toBe(true);
    });

    it('accepts init() twice', async () => {
      await shared.engine().init();
      expect((await search({})).total).toBe(FIXTURES.length);
    });
  });
}
