import type { SearchEngine } from '../../../search/types';
import { LruCache } from './lru';

// Answers that depend only on the request and on the search index (the search page's view, the public search
// API's JSON), kept for repeated queries while the index does not change (docs/decisions/303-search-answer-caching.md).
// Every entry belongs to one version of the index (`SearchEngine.version()`): the first answer stored under a new
// version empties the cache. Least recently used entries go first once `maxEntries` is reached; 0 keeps nothing.

export class AnswerCache<T> {
  private version: string | undefined;
  private readonly entries: LruCache<T>;

  constructor(readonly maxEntries: number) {
    this.entries = new LruCache<T>(maxEntries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The answer stored for `key` under this version of the index, if any. */
  get(version: string, key: string): T | undefined {
    return version === this.version ? this.entries.get(key) : undefined;
  }

  set(version: string, key: string, value: T): void {
    if (this.maxEntries <= 0) return;
    if (version !== this.version) {
      this.entries.clear();
      this.version = version;
    }
    this.entries.set(key, value);
  }
}

const cachesByEngine = new WeakMap<SearchEngine, Map<string, AnswerCache<unknown>>>();

/**
 * The cache of one kind of answer for this engine, so that two contexts (tests, a reindex) never share answers.
 * Read the engine's version before computing an answer: an answer stored under a version is then never older than
 * that version (it may be newer, which a later request under the new version recomputes).
 */
export function answerCache<T>(engine: SearchEngine, kind: string, maxEntries: number): AnswerCache<T> {
  let caches = cachesByEngine.get(engine);
  if (!caches) {
    caches = new Map();
    cachesByEngine.set(engine, caches);
  }
  let cache = caches.get(kind);
  if (!cache) {
    cache = new AnswerCache<unknown>(maxEntries);
    caches.set(kind, cache);
  }
  return cache as AnswerCache<T>;
}

/** The engine's version, or null when it cannot tell (engine down): then nothing is cached or revalidated. */
export async function indexVersion(engine: SearchEngine): Promise<string | null> {
  try {
    return await engine.version();
  } catch {
    return null;
  }
}
