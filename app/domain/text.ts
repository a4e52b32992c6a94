// Shared text normalisation: the one form words are indexed, searched, sorted and slugged in (search engines,
// commune autocomplete, slugs). Pure, no I/O.

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss', ﬁ: 'fi', ﬂ: 'fl' };

/** Plain ASCII text needs no accent stripping (the fast path). */
const ASCII = /^[\x00-\x7f]*$/; // eslint-disable-line no-control-regex -- the whole ASCII range, NUL included

/** A word is a run of letters, digits and combining marks; everything else separates words. */
export const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Lower case, accents removed, ligatures expanded: the form one word is indexed and searched in. */
export function normaliseWord(word: string): string {
  // Fast path: plain ASCII has no accent nor ligature.
  if (ASCII.test(word)) return word.toLowerCase();
  return word
    .replace(/[œŒæÆßﬁﬂ]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/**
 * The normalised words of a text joined by one space: case, accents, ligatures, hyphens, apostrophes and
 * punctuation do not matter. "L'Haÿ-les-Roses" -> "l hay les roses", "Saint-Étienne" -> "saint etienne".
 */
export function normaliseForSearch(text: string): string {
  const words: string[] = [];
  for (const match of text.matchAll(WORD_RE)) {
    const word = normaliseWord(match[0]);
    if (word) words.push(word);
  }
  return words.join(' ');
}
