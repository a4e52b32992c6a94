import { describe, expect, it } from 'vitest';
import { formatSnippet, MATCH_END, MATCH_START } from '../../search/snippet';
import { snippetOf, wordMatcher } from '../../search/sqlite/snippets';
import { smallestK } from '../../search/sqlite/store';
import { Vocabulary } from '../../search/sqlite/vocabulary';
import { normaliseWord } from '../../app/domain/text';
import {
  indexText,
  isStopWord,
  maxTypos,
  nameSortKey,
  parseQuery,
  tokenize,
  tokenizeWithOffsets,
  typoDistance,
} from '../../search/text';

describe('normaliseWord and tokenize', () => {
  it('lower-cases, removes accents and expands ligatures', () => {
    expect(normaliseWord('Élagage')).toBe('elagage');
    expect(normaliseWord('ÇA')).toBe('ca');
    expect(normaliseWord('Œuvre')).toBe('oeuvre');
    expect(normaliseWord('cœur')).toBe('coeur');
    expect(normaliseWord('Ægir')).toBe('aegir');
  });

  it('splits on spaces, hyphens, apostrophes and punctuation', () => {
    expect(tokenize("L'Haÿ-les-Roses, main-d’œuvre !")).toEqual(['l', 'hay', 'les', 'roses', 'main', 'd', 'oeuvre']);
    expect(tokenize('  ')).toEqual([]);
    expect(tokenize('SIRET 123 456 789 00012')).toEqual(['siret', '123', '456', '789', '00012']);
  });

  it('keeps the offsets of each word in the original text', () => {
    const text = "Lavage d'Écrans";
    const spans = tokenizeWithOffsets(text);
    expect(spans.map((s) => s.token)).toEqual(['lavage', 'd', 'ecrans']);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Lavage', 'd', 'Écrans']);
  });

  it('keeps decomposed accents inside their word', () => {
    const decomposed = 'E\u0301lagage';
    expect(tokenize(decomposed)).toEqual(['elagage']);
    expect(tokenizeWithOffsets(decomposed)[0].end).toBe(decomposed.length);
  });
});

describe('nameSortKey', () => {
  it('orders names by their words: case, accents, ligatures and punctuation ignored', () => {
    expect(nameSortKey("  L'Œuvre – Éclat  ")).toBe('l oeuvre eclat');
    const names = ['Zèbre', "L'Atelier", 'étoile', 'La Ressourcerie', 'Alpha'];
    expect([...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1))).toEqual([
      'Alpha',
      'étoile',
      "L'Atelier",
      'La Ressourcerie',
      'Zèbre',
    ]);
  });
});

describe('stop words', () => {
  it('knows the French articles, prepositions and elided forms', () => {
    for (const word of [
      'le',
      'la',
      'les',
      'de',
      'des',
      'du',
      'et',
      'en',
      'pour',
      'a',
      'au',
      'aux',
      'un',
      'une',
      'd',
      'l',
    ]) {
      expect(isStopWord(word), word).toBe(true);
    }
    expect(isStopWord('nettoyage')).toBe(false);
  });

  it('are left out of the indexed text', () => {
    expect(indexText("Entretien des espaces verts et de l'élagage")).toBe('entretien espaces verts elagage');
    expect(indexText(null)).toBe('');
  });
});

describe('maxTypos (Meilisearch thresholds)', () => {
  it('allows no typo below 5 letters', () => {
    expect(maxTypos('bois')).toBe(0);
    expect(maxTypos('a')).toBe(0);
  });

  it('allows one typo from 5 to 8 letters', () => {
    expect(maxTypos('tonte')).toBe(1);
    expect(maxTypos('vitrerie')).toBe(1);
  });

  it('allows two typos from 9 letters', () => {
    expect(maxTypos('maraicher')).toBe(2);
    expect(maxTypos('blanchisserie')).toBe(2);
  });

  it('allows no typo in numbers, whatever their length', () => {
    expect(maxTypos('30033789600017')).toBe(0);
    expect(maxTypos('75011')).toBe(0);
  });

  it('counts letters, not UTF-16 units', () => {
    expect(maxTypos('𝒜bcd')).toBe(0);
  });
});

describe('parseQuery', () => {
  it('normalises words, drops stop words and marks the last word as a prefix', () => {
    expect(parseQuery("Entretien de l'Espace")).toEqual([
      { text: 'entretien', numeric: false, prefix: false, maxTypos: 2 },
      { text: 'espace', numeric: false, prefix: true, maxTypos: 1 },
    ]);
  });

  it('never makes a number a prefix', () => {
    expect(parseQuery('nettoyage 75011')).toEqual([
      { text: 'nettoyage', numeric: false, prefix: false, maxTypos: 2 },
      { text: '75011', numeric: true, prefix: false, maxTypos: 0 },
    ]);
  });

  it('reads a SIRET or SIREN typed with spaces or dots as one number', () => {
    expect(parseQuery('300 337 896 00017')).toEqual([
      { text: '30033789600017', numeric: true, prefix: false, maxTypos: 0 },
    ]);
    expect(parseQuery('300.337.896')).toEqual([{ text: '300337896', numeric: true, prefix: false, maxTypos: 0 }]);
    // Other groups of digits stay separate words.
    expect(parseQuery('75 011').map((w) => w.text)).toEqual(['75', '011']);
  });

  it('has no words for an empty query or stop words only', () => {
    expect(parseQuery('')).toEqual([]);
    expect(parseQuery(undefined)).toEqual([]);
    expect(parseQuery(' le la les ')).toEqual([]);
  });

  it('keeps each word once', () => {
    expect(parseQuery('bois bois massif').map((w) => w.text)).toEqual(['bois', 'massif']);
  });
});

describe('typoDistance', () => {
  it('is 0 for the same word', () => {
    expect(typoDistance('tonte', 'tonte', 1)).toBe(0);
  });

  it('counts a substitution, an insertion and a deletion as one typo each', () => {
    expect(typoDistance('tonte', 'tente', 2)).toBe(1);
    expect(typoDistance('jardin', 'jardins', 2)).toBe(1);
    expect(typoDistance('jardins', 'jardin', 2)).toBe(1);
    expect(typoDistance('mereicher', 'maraicher', 2)).toBe(2);
  });

  it('counts the transposition of two neighbouring letters as one typo', () => {
    expect(typoDistance('cocgane', 'cocagne', 1)).toBe(1);
  });

  it('counts a typo on the first letter as two', () => {
    expect(typoDistance('docagne', 'cocagne', 2)).toBe(2);
    expect(typoDistance('docagne', 'cocagne', 1)).toBe(2);
  });

  it('stops at max + 1', () => {
    expect(typoDistance('mereichar', 'maraicher', 2)).toBe(3);
    expect(typoDistance('abc', 'abcdefgh', 1)).toBe(2);
  });
});

describe('Vocabulary.typoVariants', () => {
  const vocabulary = new Vocabulary();
  vocabulary.load(['tonte', 'tente', 'toute', 'cocagne', 'maraicher', 'vitrerie', 'bois', '75011']);

  it('finds the words within the typo budget, closest first', () => {
    expect(vocabulary.typoVariants('tomte', 1).map((v) => v.term)).toEqual(['tonte', 'toute']);
    expect(vocabulary.typoVariants('tonte', 1).map((v) => v.term)).toEqual(['tente', 'toute']);
    expect(vocabulary.typoVariants('mereicher', 2)).toEqual([{ term: 'maraicher', distance: 2 }]);
  });

  it('finds nothing without a typo budget', () => {
    expect(vocabulary.typoVariants('boid', 0)).toEqual([]);
  });

  it('sees the words added later', () => {
    expect(vocabulary.typoVariants('kodro', 1)).toEqual([]);
    vocabulary.add(['kodra']);
    expect(vocabulary.has('kodra')).toBe(true);
    expect(vocabulary.typoVariants('kodro', 1)).toEqual([{ term: 'kodra', distance: 1 }]);
  });
});

describe('formatSnippet', () => {
  it('escapes the text and turns markers into <mark>', () => {
    expect(formatSnippet(`Buffets & ${MATCH_START}cocktails${MATCH_END} <script>alert("x")</script>`)).toBe(
      'Buffets &amp; <mark>cocktails</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;',
    );
  });

  it('escapes inside a mark too', () => {
    expect(formatSnippet(`${MATCH_START}<b>${MATCH_END}`)).toBe('<mark>&lt;b&gt;</mark>');
  });

  it('tolerates unbalanced and empty markers', () => {
    expect(formatSnippet(`a${MATCH_END} b ${MATCH_START}c`)).toBe('a b <mark>c</mark>');
    expect(formatSnippet(`a ${MATCH_START}${MATCH_END}b`)).toBe('a b');
  });

  it('collapses whitespace and drops other control characters', () => {
    expect(formatSnippet('a\n\n  b\u0007c')).toBe('a bc');
  });
});

describe('snippetOf', () => {
  const matcher = wordMatcher(new Set(['vitres', 'lavage']), ['nacel']);

  it('marks exact and prefix matches in the original spelling', () => {
    expect(snippetOf('Lavage de VITRES sur nacelles.', matcher)).toBe(
      '<mark>Lavage</mark> de <mark>VITRES</mark> sur <mark>nacelles</mark>.',
    );
  });

  it('cuts a long text around the matches, with ellipses', () => {
    const words = Array.from({ length: 60 }, (_, i) => `mot${i}`);
    words[30] = 'vitres';
    const snippet = snippetOf(words.join(' '), matcher, 10) as string;
    expect(snippet.startsWith('… mot26 ')).toBe(true);
    expect(snippet).toContain('<mark>vitres</mark>');
    expect(snippet.endsWith('mot35 …')).toBe(true);
  });

  it('is undefined when nothing matches or the text is empty', () => {
    expect(snippetOf('Entretien de jardins', matcher)).toBeUndefined();
    expect(snippetOf('', matcher)).toBeUndefined();
  });

  it('never marks a stop word', () => {
    const withStopWord = wordMatcher(new Set(['de']), ['d']);
    expect(snippetOf('Lavage de vitres', withStopWord)).toBeUndefined();
  });
});

describe('smallestK', () => {
  const items = [5, 3, 9, 1, 7, 3, 8, 2, 6, 4, 0, 11, 10, 12, 13, 14, 15, 16, 17, 18];

  it('returns the k smallest, sorted, by heap or by sort', () => {
    expect(smallestK(items, 3, (x) => x)).toEqual([0, 1, 2]);
    expect(smallestK(items, 5, (x) => x)).toEqual([0, 1, 2, 3, 3]);
    expect(smallestK(items, 100, (x) => x)).toEqual([...items].sort((a, b) => a - b));
    expect(smallestK(items, 0, (x) => x)).toEqual([]);
  });

  it('keeps the input order among equal keys', () => {
    const tagged = items.map((x, i) => ({ x: Math.floor(x / 5), i }));
    const result = smallestK(tagged, 2, (t) => t.x);
    expect(result.map((t) => t.i)).toEqual([1, 3]);
  });
});
