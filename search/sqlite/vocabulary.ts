import { typoDistance } from '../text';

// The indexed words (from the fts5vocab table) kept in memory for typo tolerance: a query word is
// expanded to the indexed words within its typo budget before it is sent to FTS5. Words are bucketed
// by length and first letter, so a lookup only measures the words that could be close enough.

/** At most this many typo variants per query word, closest first. */
const MAX_VARIANTS = 40;
/** Expansions of recent query words, cleared when the vocabulary changes. */
const CACHE_SIZE = 2_000;

export interface TypoVariant {
  term: string;
  distance: number;
}

/** Bit per letter a-z (other characters share bit 26): a cheap necessary condition before measuring. */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i) - 97;
    mask |= c >= 0 && c < 26 ? 1 << c : 1 << 26;
  }
  return mask;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

interface Bucket {
  terms: string[];
  masks: number[];
}

export class Vocabulary {
  private terms = new Set<string>();
  /** Words by "length" and by "length:first letter"; only words with a letter (numbers match exactly). */
  private byLength = new Map<string, Bucket>();
  private byLengthAndFirst = new Map<string, Bucket>();
  private cache = new Map<string, TypoVariant[]>();

  get size(): number {
    return this.terms.size;
  }

  load(terms: Iterable<string>): void {
    this.terms = new Set();
    this.byLength = new Map();
    this.byLengthAndFirst = new Map();
    this.add(terms);
  }

  add(terms: Iterable<string>): void {
    let added = false;
    for (const term of terms) {
      if (this.terms.has(term)) continue;
      this.terms.add(term);
      added = true;
      if (!/\p{L}/u.test(term)) continue;
      const mask = letterMask(term);
      push(this.byLength, String(term.length), term, mask);
      push(this.byLengthAndFirst, `${term.length}:${term[0]}`, term, mask);
    }
    if (added) this.cache.clear();
  }

  /** Forgets the cached expansions (the bench measures cold lookups with it). */
  clearCache(): void {
    this.cache.clear();
  }

  has(term: string): boolean {
    return this.terms.has(term);
  }

  /** Indexed words other than `word` itself within `maxTypos` (Meilisearch's counting), closest first. */
  typoVariants(word: string, maxTypos: number): TypoVariant[] {
    if (maxTypos <= 0) return [];
    const key = `${maxTypos}:${word}`;
    const cached = this.cache.get(key);
    if (cached) {
      // Refresh its place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, cached);
      return cached;
    }
    const length = word.length;
    const mask = letterMask(word);
    const found: TypoVariant[] = [];
    for (let l = Math.max(1, length - maxTypos); l <= length + maxTypos; l++) {
      // A different first letter costs 2, so with one typo only words with the same first letter qualify.
      const bucket = maxTypos >= 2 ? this.byLength.get(String(l)) : this.byLengthAndFirst.get(`${l}:${word[0]}`);
      if (!bucket) continue;
      const { terms, masks } = bucket;
      for (let i = 0; i < terms.length; i++) {
        // Each typo adds or removes at most one distinct letter on each side.
        if (popcount(mask & ~masks[i]) > maxTypos || popcount(masks[i] & ~mask) > maxTypos) continue;
        const term = terms[i];
        if (term === word) continue;
        const distance = typoDistance(word, term, maxTypos);
        if (distance <= maxTypos) found.push({ term, distance });
      }
    }
    found.sort((a, b) => a.distance - b.distance || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
    const result = found.slice(0, MAX_VARIANTS);
    this.cache.set(key, result);
    if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value as string);
    return result;
  }
}

function push(map: Map<string, Bucket>, key: string, term: string, mask: number): void {
  const bucket = map.get(key);
  if (bucket) {
    bucket.terms.push(term);
    bucket.masks.push(mask);
  } else {
    map.set(key, { terms: [term], masks: [mask] });
  }
}
