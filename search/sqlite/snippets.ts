import { formatSnippet, MATCH_END, MATCH_START, stripMarkers } from '../snippet';
import { isStopWord, tokenizeWithOffsets } from '../text';

// Snippets of the SQLite engine, computed from the stored original text of the page's hits only: the
// excerpt of about SNIPPET_WORDS words that holds the most matched words, matches marked, then escaped.

export const SNIPPET_WORDS = 24;
/** Words of context kept before the first match of the excerpt. */
const LEAD_WORDS = 4;

/** Decides whether one normalised indexed word is a match of the query (exact, typo or prefix). */
export type WordMatcher = (token: string) => boolean;

export function wordMatcher(terms: ReadonlySet<string>, prefixes: readonly string[]): WordMatcher {
  return (token) => {
    if (isStopWord(token)) return false;
    if (terms.has(token)) return true;
    for (const prefix of prefixes) if (token.startsWith(prefix)) return true;
    return false;
  };
}

/**
 * The marked excerpt of `text` around its matches, as escaped HTML with <mark> tags, or undefined when
 * no word of the text matches.
 */
export function snippetOf(text: string, isMatch: WordMatcher, maxWords = SNIPPET_WORDS): string | undefined {
  if (!text) return undefined;
  const clean = stripMarkers(text);
  const tokens = tokenizeWithOffsets(clean);
  const matched: number[] = [];
  tokens.forEach((t, i) => {
    if (isMatch(t.token)) matched.push(i);
  });
  if (matched.length === 0) return undefined;

  // The window that starts a few words before one of the matches and holds the most matches.
  let bestStart = 0;
  let bestCount = -1;
  for (const m of matched) {
    const start = Math.max(0, m - LEAD_WORDS);
    const end = start + maxWords;
    let count = 0;
    for (const other of matched) if (other >= start && other < end) count++;
    if (count > bestCount) {
      bestCount = count;
      bestStart = start;
    }
  }
  const end = Math.min(tokens.length, bestStart + maxWords);
  const matchedSet = new Set(matched);

  let out = bestStart > 0 ? '… ' : '';
  let cursor = tokens[bestStart].start;
  for (let i = bestStart; i < end; i++) {
    const t = tokens[i];
    out += clean.slice(cursor, t.start);
    const word = clean.slice(t.start, t.end);
    out += matchedSet.has(i) ? `${MATCH_START}${word}${MATCH_END}` : word;
    cursor = t.end;
  }
  // Keep the punctuation that closes the excerpt (a full stop, a closing parenthesis), not the next words.
  const tail = end < tokens.length ? clean.slice(cursor, tokens[end].start) : clean.slice(cursor);
  out += tail.replace(/\s.*$/s, '');
  if (end < tokens.length) out += ' …';
  return formatSnippet(out);
}
