// Shared text normalisation for search keys (commune autocomplete, name matching). Pure, no I/O.

const LIGATURES: Record<string, string> = { œ: 'oe', Œ: 'oe', æ: 'ae', Æ: 'ae', ß: 'ss' };

/**
 * Lower case, accents removed, ligatures expanded, and every run of characters that is not a letter or a
 * digit (hyphens, apostrophes, punctuation, spaces) turned into one space; trimmed.
 * "L'Haÿ-les-Roses" -> "l hay les roses", "Saint-Étienne" -> "saint etienne", "Œuvre" -> "oeuvre".
 */
export function normaliseForSearch(text: string): string {
  return text
    .replace(/[œŒæÆß]/g, (c) => LIGATURES[c] ?? c)
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
