import { isStopWord, SYNONYM_GROUPS, tokenize, type QueryWord } from '../text';

// The query planner of the SQLite engine: query words (search/text.ts parseQuery) -> one FTS5 expression,
// with each word's typo variants, the prefix of the last word and the trade synonyms as alternatives
// (docs/decisions/012 and 013). Pure: the indexed words come from an injected vocabulary, no database.

/** What the planner needs to know of the indexed words (search/sqlite/vocabulary.ts in the engine). */
export interface PlannerVocabulary {
  /** The word is indexed. */
  has(term: string): boolean;
  /** Indexed words other than `word` within `maxTypos` typos, closest first. */
  typoVariants(word: string, maxTypos: number): readonly { term: string }[];
}

export interface QueryPlan {
  /** FTS5 expression with every variant (exact, typos, prefix). */
  expression: string;
  /**
   * The same without typo variants, or null when the query has none; '' when typo variants are needed
   * for some word (no document can match without a typo).
   */
  exactExpression: string | null;
  /** Words that count as matches in snippets. */
  terms: Set<string>;
  prefixes: string[];
}

/**
 * The trade synonyms of search/text.ts (one list for both engines), normalised: each phrase
 * ("espaces verts", "ménage") maps to the other phrases of its group, as lists of words.
 */
const SYNONYMS: ReadonlyMap<string, string[][]> = (() => {
  const map = new Map<string, string[][]>();
  for (const groupWords of SYNONYM_GROUPS) {
    const phrases = groupWords.map((p) => tokenize(p).filter((t) => !isStopWord(t))).filter((p) => p.length > 0);
    for (const phrase of phrases) {
      const key = phrase.join(' ');
      const others = phrases.filter((o) => o.join(' ') !== key);
      map.set(key, [...(map.get(key) ?? []), ...others]);
    }
  }
  return map;
})();

/** An FTS5 string literal. */
export function quote(term: string): string {
  // Query words are letters and digits only (see search/text.ts), so quoting cannot be escaped from.
  return `"${term.replace(/"/g, '""')}"`;
}

const group = (alternatives: string[]) => (alternatives.length > 0 ? `(${alternatives.join(' OR ')})` : '');

/** The FTS5 expression of the query words, or null when one word can match nothing. */
export function planQuery(words: readonly QueryWord[], vocabulary: PlannerVocabulary): QueryPlan | null {
  const parts: string[] = [];
  const exactParts: string[] = [];
  const terms = new Set<string>();
  const prefixes: string[] = [];
  let hasTypos = false;

  /** Alternatives of one word: itself, its prefix (last word), its typo variants. */
  function alternativesOf(word: QueryWord): { all: string[]; exact: string[] } {
    const all: string[] = [];
    const exact: string[] = [];
    if (word.numeric) {
      all.push(quote(word.text));
      exact.push(quote(word.text));
      return { all, exact };
    }
    terms.add(word.text);
    if (word.prefix) {
      // The prefix query also matches the word itself.
      all.push(`${quote(word.text)}*`);
      exact.push(`${quote(word.text)}*`);
      prefixes.push(word.text);
    } else if (vocabulary.has(word.text)) {
      all.push(quote(word.text));
      exact.push(quote(word.text));
    }
    for (const variant of vocabulary.typoVariants(word.text, word.maxTypos)) {
      all.push(quote(variant.term));
      terms.add(variant.term);
      hasTypos = true;
    }
    return { all, exact };
  }

  /** Synonym phrases whose every word is indexed, as FTS5 alternatives. */
  function synonymAlternatives(key: string): string[] {
    const out: string[] = [];
    for (const phrase of SYNONYMS.get(key) ?? []) {
      if (!phrase.every((t) => vocabulary.has(t))) continue;
      for (const t of phrase) terms.add(t);
      out.push(phrase.length === 1 ? quote(phrase[0]) : `(${phrase.map(quote).join(' AND ')})`);
    }
    return out;
  }

  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    const next = words[i + 1];
    const pairKey = next && !word.numeric && !next.numeric ? `${word.text} ${next.text}` : null;
    if (pairKey && SYNONYMS.has(pairKey)) {
      // A two-word phrase with synonyms ("espaces verts" ~ "paysagiste"): both words, or a synonym.
      const first = alternativesOf(word);
      const second = alternativesOf(next);
      const synonyms = synonymAlternatives(pairKey);
      const both =
        first.all.length > 0 && second.all.length > 0 ? [`(${group(first.all)} AND ${group(second.all)})`] : [];
      const bothExact =
        first.exact.length > 0 && second.exact.length > 0 ? [`(${group(first.exact)} AND ${group(second.exact)})`] : [];
      const all = [...both, ...synonyms];
      if (all.length === 0) return null;
      parts.push(group(all));
      exactParts.push(group([...bothExact, ...synonyms]));
      i++;
      continue;
    }
    const { all, exact } = alternativesOf(word);
    const synonyms = word.numeric ? [] : synonymAlternatives(word.text);
    if (all.length + synonyms.length === 0) return null;
    parts.push(group([...all, ...synonyms]));
    exactParts.push(group([...exact, ...synonyms]));
  }
  const exactPossible = exactParts.every((p) => p !== '');
  return {
    expression: parts.join(' AND '),
    exactExpression: hasTypos ? (exactPossible ? exactParts.join(' AND ') : '') : null,
    terms,
    prefixes,
  };
}
