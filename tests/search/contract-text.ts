import { describe, expect, it } from 'vitest';
import { byId } from './contract-fixtures';
import { sorted, type SharedEngine } from './contract-support';

// Search contract, query behaviours: text matching (typos, prefixes, stop words, synonyms, ranking),
// snippets, identifiers and the fields of a hit.

export function describeTextContract(shared: SharedEngine): void {
  const { search, find } = shared;

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
      const result = await shared.engine().search({ q: 'nettoyage', page: 1, perPage: 2 });
      expect(result.page).toBe(1);
      expect(result.perPage).toBe(2);
      expect(result.total).toBe(3);
      expect(result.hits).toHaveLength(2);
      expect(result.processingTimeMs).toBeGreaterThanOrEqual(0);
    });
  });
}
