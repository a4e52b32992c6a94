import { describe, expect, it } from 'vitest';
import { planQuery, quote, type PlannerVocabulary } from '../../search/sqlite/query-planner';
import { parseQuery, type QueryWord } from '../../search/text';

// The SQLite engine's query planner alone: query words -> FTS5 expression, with an in-memory vocabulary
// standing in for the index (no database).

function word(text: string, options: Partial<Omit<QueryWord, 'text'>> = {}): QueryWord {
  return { text, numeric: false, prefix: false, maxTypos: 0, ...options };
}

/** A vocabulary of the given words; `variants` lists the typo variants a word has. */
function vocabulary(terms: string[], variants: Record<string, string[]> = {}) {
  const known = new Set(terms);
  const calls: { word: string; maxTypos: number }[] = [];
  const vocab: PlannerVocabulary = {
    has: (term) => known.has(term),
    typoVariants: (w, maxTypos) => {
      calls.push({ word: w, maxTypos });
      return maxTypos > 0 ? (variants[w] ?? []).map((term) => ({ term })) : [];
    },
  };
  return { vocab, calls };
}

describe('query planner', () => {
  it('matches an indexed word exactly', () => {
    const { vocab } = vocabulary(['cocagne']);
    expect(planQuery([word('cocagne')], vocab)).toEqual({
      expression: '("cocagne")',
      exactExpression: null,
      terms: new Set(['cocagne']),
      prefixes: [],
    });
  });

  it('gives no plan for a word that is not indexed and has no typo variant', () => {
    const { vocab } = vocabulary(['cocagne']);
    expect(planQuery([word('xylophone', { maxTypos: 2 })], vocab)).toBeNull();
  });

  it('gives no plan when one word of several matches nothing (every word must match)', () => {
    const { vocab } = vocabulary(['jardins', 'lyonnais']);
    expect(planQuery([word('jardins'), word('lyonnais')], vocab)?.expression).toBe('("jardins") AND ("lyonnais")');
    expect(planQuery([word('jardins'), word('xylophone')], vocab)).toBeNull();
  });

  it('matches the last word as a prefix, indexed or not', () => {
    const { vocab } = vocabulary(['entretien']);
    const plan = planQuery(parseQuery('entretien de bure'), vocab);
    expect(plan).toMatchObject({ expression: '("entretien") AND ("bure"*)', exactExpression: null });
    expect(plan?.prefixes).toEqual(['bure']);
    expect(plan?.terms).toEqual(new Set(['entretien', 'bure']));
  });

  it('adds typo variants as alternatives, and an expression without them', () => {
    const { vocab, calls } = vocabulary(['tonte', 'tente', 'bois'], { tonte: ['tente'] });
    const plan = planQuery([word('tonte', { maxTypos: 1 }), word('bois')], vocab);
    expect(plan).toEqual({
      expression: '("tonte" OR "tente") AND ("bois")',
      exactExpression: '("tonte") AND ("bois")',
      terms: new Set(['tonte', 'tente', 'bois']),
      prefixes: [],
    });
    expect(calls).toContainEqual({ word: 'tonte', maxTypos: 1 });
  });

  it('has an empty exact expression when a word matches through its typo variants only', () => {
    const { vocab } = vocabulary(['cocagne'], { cocagme: ['cocagne'] });
    expect(planQuery([word('cocagme', { maxTypos: 1 })], vocab)).toMatchObject({
      expression: '("cocagne")',
      exactExpression: '',
    });
  });

  it('neither expands nor prefixes numbers', () => {
    const { vocab, calls } = vocabulary([], { '13002': ['13003'] });
    const plan = planQuery(parseQuery('13002'), vocab);
    expect(plan).toEqual({ expression: '("13002")', exactExpression: null, terms: new Set(), prefixes: [] });
    expect(calls).toEqual([]);
    expect(planQuery(parseQuery('300 337 896 00017'), vocab)?.expression).toBe('("30033789600017")');
  });

  it('adds the indexed synonyms of a word', () => {
    const { vocab } = vocabulary(['menage', 'nettoyage', 'proprete']);
    const plan = planQuery([word('menage')], vocab);
    expect(plan?.expression).toBe('("menage" OR "nettoyage" OR "proprete")');
    expect(plan?.terms).toEqual(new Set(['menage', 'nettoyage', 'proprete']));
    // A synonym that is not indexed is left out; the word itself may be missing.
    expect(planQuery([word('menage')], vocabulary(['nettoyage']).vocab)?.expression).toBe('("nettoyage")');
  });

  it('adds a two-word synonym as both words', () => {
    const { vocab } = vocabulary(['paysagiste', 'espaces', 'verts']);
    expect(planQuery([word('paysagiste')], vocab)?.expression).toBe('("paysagiste" OR ("espaces" AND "verts"))');
  });

  it('reads two words that form a synonym phrase together', () => {
    const { vocab } = vocabulary(['espaces', 'verts', 'paysagiste', 'lyon']);
    const plan = planQuery([word('espaces'), word('verts'), word('lyon')], vocab);
    expect(plan?.expression).toBe('((("espaces") AND ("verts")) OR "paysagiste") AND ("lyon")');
    // Through its synonym, the phrase matches even when one of its words is not indexed.
    const partial = vocabulary(['espaces', 'paysagiste']).vocab;
    expect(planQuery([word('espaces'), word('verts')], partial)?.expression).toBe('("paysagiste")');
    expect(planQuery([word('espaces'), word('verts')], vocabulary(['espaces']).vocab)).toBeNull();
  });

  it('keeps synonyms in the expression without typo variants', () => {
    const { vocab } = vocabulary(['nettoyage', 'proprete'], { menage: ['manege'] });
    expect(planQuery([word('menage', { maxTypos: 1 })], vocab)).toMatchObject({
      expression: '("manege" OR "nettoyage" OR "proprete")',
      exactExpression: '("nettoyage" OR "proprete")',
    });
  });

  it('quotes every term, so FTS5 syntax in a word stays a word', () => {
    expect(quote('near')).toBe('"near"');
    expect(quote('a"b')).toBe('"a""b"');
    const { vocab } = vocabulary(['and', 'or']);
    expect(planQuery([word('and'), word('or')], vocab)?.expression).toBe('("and") AND ("or")');
  });
});
