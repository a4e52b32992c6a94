// Query and document text rules of the search engines: normalisation, French stop words, trade synonyms,
// tokenising, typo thresholds (Meilisearch's defaults: 5+ letters -> 1 typo, 9+ -> 2, numbers exact) and
// the typo distance itself. Pure functions, no I/O: used by the SQLite engine to build its index and its
// queries, and by the Meilisearch settings for the stop words and synonyms. Word normalisation itself is
// app/domain/text.ts, shared with the commune autocomplete and slugs.

import { normaliseForSearch, normaliseWord, WORD_RE } from '../app/domain/text';

/**
 * Common French words that carry no meaning for a supplier search, in normalised form (lower case, no
 * accents). Elided articles (d', l', qu'...) are split off by the tokeniser and land here as one letter.
 */
export const FRENCH_STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'au',
  'aux',
  'avec',
  'ce',
  'ces',
  'cet',
  'cette',
  'c',
  'd',
  'dans',
  'de',
  'des',
  'du',
  'elle',
  'en',
  'est',
  'et',
  'eux',
  'il',
  'ils',
  'j',
  'je',
  'l',
  'la',
  'le',
  'les',
  'leur',
  'leurs',
  'lui',
  'm',
  'ma',
  'mais',
  'me',
  'mes',
  'moi',
  'mon',
  'n',
  'ne',
  'ni',
  'nos',
  'notre',
  'nous',
  'on',
  'ou',
  'par',
  'pas',
  'pour',
  'qu',
  'que',
  'qui',
  's',
  'sa',
  'se',
  'ses',
  'son',
  'sont',
  'sur',
  't',
  'ta',
  'te',
  'tes',
  'toi',
  'ton',
  'tu',
  'un',
  'une',
  'vos',
  'votre',
  'vous',
  'y',
]);

/**
 * Trade words that buyers and suppliers use for the same thing, as written (both engines normalise them):
 * a query word or two-word phrase of a group also finds the other phrases of its group.
 */
export const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['espaces verts', 'paysagiste', 'paysagisme'],
  ['ménage', 'nettoyage', 'propreté'],
  ['traiteur', 'restauration'],
  ['blanchisserie', 'pressing'],
  ['déménagement', 'manutention'],
  ['imprimerie', 'impression', 'reprographie'],
  ['informatique', 'numérique'],
  ['recyclage', 'réemploi', 'valorisation'],
  ['couture', 'confection'],
];

/** Minimum normalised word length for one typo, and for two (Meilisearch's defaults). */
export const ONE_TYPO_MIN_LENGTH = 5;
export const TWO_TYPOS_MIN_LENGTH = 9;

export function isStopWord(token: string): boolean {
  return FRENCH_STOP_WORDS.has(token);
}

export function isNumericToken(token: string): boolean {
  return /^[0-9]+$/.test(token);
}

/** The normalised words of a text, in order, stop words included. */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const match of text.matchAll(WORD_RE)) {
    const token = normaliseWord(match[0]);
    if (token.length > 0) out.push(token);
  }
  return out;
}

/**
 * The key both engines sort names by: the normalised words joined by one space, so case, accents, ligatures
 * and punctuation do not change the order (« L'Écluse » sorts as « l ecluse »).
 */
export function nameSortKey(name: string): string {
  return normaliseForSearch(name);
}

export interface TokenSpan {
  /** Normalised form. */
  token: string;
  /** Offsets in the original text (end exclusive). */
  start: number;
  end: number;
}

/** Like tokenize, with each word's position in the original text (for snippets). */
export function tokenizeWithOffsets(text: string): TokenSpan[] {
  const out: TokenSpan[] = [];
  for (const match of text.matchAll(WORD_RE)) {
    const token = normaliseWord(match[0]);
    if (token.length > 0) out.push({ token, start: match.index, end: match.index + match[0].length });
  }
  return out;
}

/** The text as the index stores it: normalised words without stop words, separated by spaces. */
export function indexText(text: string | null | undefined): string {
  if (!text) return '';
  return tokenize(text)
    .filter((t) => !isStopWord(t))
    .join(' ');
}

/** Number of typos allowed for one normalised query word: 0 for numbers and short words. */
export function maxTypos(token: string): 0 | 1 | 2 {
  if (isNumericToken(token)) return 0;
  const length = [...token].length;
  if (length >= TWO_TYPOS_MIN_LENGTH) return 2;
  if (length >= ONE_TYPO_MIN_LENGTH) return 1;
  return 0;
}

export interface QueryWord {
  /** Normalised form. */
  text: string;
  numeric: boolean;
  /** The last word of the query also matches as a prefix (not numbers: identifiers match exactly). */
  prefix: boolean;
  maxTypos: 0 | 1 | 2;
}

/**
 * Splits a free-text query into its words: normalised, stop words dropped, the last word marked as a
 * prefix. A query that is only a SIRET or SIREN typed with spaces ("123 456 789 00012") becomes one
 * number. A query made only of stop words has no words (it lists everything, like an empty query).
 */
export function parseQuery(q: string | null | undefined): QueryWord[] {
  const text = (q ?? '').trim();
  if (text.length === 0) return [];
  const compact = text.replace(/[\s.]+/g, '');
  if (/^[0-9]{9}$|^[0-9]{14}$/.test(compact)) {
    return [{ text: compact, numeric: true, prefix: false, maxTypos: 0 }];
  }
  const tokens = tokenize(text).filter((t) => !isStopWord(t));
  // The same word twice adds nothing to an AND query.
  const unique = [...new Set(tokens)];
  const last = tokens[tokens.length - 1];
  return unique.map((token) => {
    const numeric = isNumericToken(token);
    return {
      text: token,
      numeric,
      prefix: !numeric && token === last,
      maxTypos: maxTypos(token),
    };
  });
}

/**
 * Typo distance between a query word and an indexed word, as Meilisearch counts it: Damerau-Levenshtein
 * (optimal string alignment: insertion, deletion, substitution and the transposition of two adjacent
 * letters each cost 1), plus 1 when the first letters differ (a typo on the first letter counts double).
 * Returns `max + 1` as soon as the distance is known to exceed `max`.
 */
export function typoDistance(query: string, word: string, max: number): number {
  const firstPenalty = query.length > 0 && word.length > 0 && query.codePointAt(0) !== word.codePointAt(0) ? 1 : 0;
  const budget = max - firstPenalty;
  if (budget < 0) return max + 1;
  // Code points, not UTF-16 units (normalised words are almost always ASCII: then this is a copy-free view).
  const a = SURROGATE.test(query) ? [...query] : query;
  const b = SURROGATE.test(word) ? [...word] : word;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > budget) return max + 1;
  if (n === 0 || m === 0) return Math.max(n, m) + firstPenalty;
  const same = (i: number, j: number) => a[i] === b[j];
  if (rows.length < 3 * (m + 1)) rows = new Int32Array(3 * (m + 1) * 2);
  // Three rolling rows in one buffer: two rows back (for transpositions), previous, current.
  let twoBack = 0;
  let previous = m + 1;
  let current = 2 * (m + 1);
  for (let j = 0; j <= m; j++) rows[previous + j] = j;
  for (let i = 1; i <= n; i++) {
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = same(i - 1, j - 1) ? 0 : 1;
      let value = rows[previous + j] + 1;
      const insertion = rows[current + j - 1] + 1;
      if (insertion < value) value = insertion;
      const substitution = rows[previous + j - 1] + cost;
      if (substitution < value) value = substitution;
      if (i > 1 && j > 1 && same(i - 1, j - 2) && same(i - 2, j - 1)) {
        const transposition = rows[twoBack + j - 2] + 1;
        if (transposition < value) value = transposition;
      }
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > budget) return max + 1;
    const oldTwoBack = twoBack;
    twoBack = previous;
    previous = current;
    current = oldTwoBack;
  }
  const distance = rows[previous + m] + firstPenalty;
  return distance > max ? max + 1 : distance;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Scratch rows of typoDistance, reused between calls (single-threaded). */
let rows = new Int32Array(96);
