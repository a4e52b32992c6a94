import type SQLite from 'better-sqlite3';
import { parseQuery } from '../text';
import { originOf, type SearchEngine, type SearchQuery, type SearchResult } from '../types';
import { filterOf } from './filters';
import { toHits } from './hits';
import { createFtsMatcher, MatchCache, Statements, type MatchEntry } from './matches';
import { PhaseTimer, type RankingStrategy, type SqliteEngineObserver } from './observer';
import { planQuery, type QueryPlan } from './query-planner';
import { rankMatches, relevanceOrder, type Ranking } from './ranking';
import {
  createDocsTable,
  createFtsTable,
  createMetaTable,
  createStoreIndex,
  createVocabTable,
  dropTables,
  LAYOUT_VERSION,
  LIVE,
  META,
  NEXT,
  STORE_COLUMNS,
} from './schema';
import { smallestK, Store, type StoreRow } from './store';
import { Vocabulary } from './vocabulary';
import { rebuildIndex, removeIds, toIndexRows, upsertRows, vocabularyWords } from './writer';

// The embedded search engine: SQLite FTS5 in the application's database file (docs/decisions/010-015).
// FTS5 finds the matching ids; an in-memory copy of the facet and geo fields filters them, counts the
// facets and orders them; bm25 ranks at most `bm25Budget` rows per query. This file wires the parts: the
// query planner (query-planner.ts), the FTS5 queries and their cache (matches.ts), the filters
// (filters.ts), the ranking (ranking.ts), the hits (hits.ts) and the index writes (writer.ts), and keeps
// the in-memory state (store.ts, vocabulary.ts) in step with the tables.

export interface SqliteEngineOptions {
  /**
   * Largest number of rows ranked with bm25 in one query. A broader match ranks its name matches (or, if
   * there are too many of those too, nothing) with bm25 and orders the rest by the default order.
   */
  bm25Budget?: number;
  /** Number of distinct query expressions whose matches and ranking are cached (until the index changes). */
  cacheSize?: number;
  /** Told how each search was answered, and given control of the caches (the bench, tests; see observer.ts). */
  observer?: SqliteEngineObserver;
}

const DEFAULT_BM25_BUDGET = 2_000;
const DEFAULT_CACHE_SIZE = 64;

export function createSqliteEngine(sqlite: SQLite.Database, options: SqliteEngineOptions = {}): SearchEngine {
  const bm25Budget = options.bm25Budget ?? DEFAULT_BM25_BUDGET;
  const observer = options.observer ?? null;
  const store = new Store();
  const vocabulary = new Vocabulary();
  const cache = new MatchCache<Ranking>(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  // Statements are prepared on first use: the tables exist only after init().
  const statements = new Statements(sqlite);
  const fts = createFtsMatcher(statements);
  let generation = -1;
  let initialised = false;
  let rebuilding = false;

  function readGeneration(): number {
    return statements.get(`SELECT value FROM ${META} WHERE key = 'generation'`).pluck().get() as number;
  }

  /** Reloads the in-memory store and vocabulary from the tables. */
  function reload(): void {
    sqlite.transaction(() => {
      generation = readGeneration();
      store.load(
        statements
          .get(`SELECT ${STORE_COLUMNS.join(', ')} FROM ${LIVE.docs} ORDER BY id`)
          .iterate() as Iterable<StoreRow>,
      );
      // Numbers match exactly, so only words with a letter are needed for typo tolerance. Digits sort
      // before letters: the range skips the doclists of the SIRET, SIREN and postcode terms entirely.
      vocabulary.load(
        statements.get(`SELECT term FROM ${LIVE.vocab} WHERE term >= 'a'`).pluck().iterate() as Iterable<string>,
      );
    })();
    store.ensureRanks();
    cache.clear();
  }

  function assertInitialised(): void {
    if (!initialised) throw new Error('The SQLite search engine is not initialised: call init() first.');
  }

  function ensureFresh(): void {
    assertInitialised();
    if (readGeneration() !== generation) reload();
  }

  /** After a write to the tables (which returned the new generation), brings memory up to date. */
  function afterWrite(newGeneration: number, applyToMemory: () => void): void {
    cache.clear();
    if (newGeneration === generation + 1) {
      applyToMemory();
      generation = newGeneration;
      // Replaced documents leave retired positions behind: compact by reloading once they dominate.
      if (store.positions > 2 * store.size + 10_000) reload();
    } else {
      // Another process wrote in between: read everything again.
      reload();
    }
  }

  function search(query: SearchQuery): SearchResult {
    const started = performance.now();
    ensureFresh();
    store.ensureRanks();
    // Phase timing only for an observer: production pays one null check per phase.
    const timer = observer ? new PhaseTimer() : null;
    const words = parseQuery(query.q);
    const predicate = filterOf(store, query);
    const perPage = Math.max(1, Math.floor(query.perPage));
    const page = Math.max(1, Math.floor(query.page));
    const start = (page - 1) * perPage;
    const need = start + perPage;
    const point = originOf(query);
    const sort = query.sort ?? 'relevance';

    let plan: QueryPlan | null = null;
    let entry: MatchEntry<Ranking> | null = null;
    let filtered: readonly number[];
    let inDefaultOrder = true;
    let matches = 0;
    let cached = false;
    let strategy: RankingStrategy = 'none';
    let bm25Rows = 0;
    if (words.length === 0) {
      timer?.lap('plan');
      if (predicate) {
        // Positions follow ids: a sequential pass over the columns, ordered below.
        const found: number[] = [];
        const { alive, positions } = store;
        for (let pos = 0; pos < positions; pos++) if (alive[pos] === 1 && predicate(pos)) found.push(pos);
        filtered = found;
        inDefaultOrder = false;
      } else {
        // Every document, already in the default order.
        filtered = store.inListOrder();
      }
      matches = store.size;
      timer?.lap('filter');
    } else {
      plan = planQuery(words, vocabulary);
      timer?.lap('plan');
      const found: number[] = [];
      filtered = found;
      if (plan) {
        const fromCache = cache.get(plan.expression, fts.matchIds);
        entry = fromCache.entry;
        cached = fromCache.hit;
        matches = entry.matches.length;
        timer?.lap('match');
        for (const id of entry.matches) {
          const pos = store.posOf(id);
          if (pos >= 0 && (!predicate || predicate(pos))) found.push(pos);
        }
        timer?.lap('filter');
      }
    }

    let pageRecords: number[] = [];
    if (start < filtered.length) {
      let ordered: readonly number[];
      const { nameRank, listRank } = store;
      if (sort === 'name') {
        ordered = smallestK(filtered, need, (pos) => nameRank[pos]);
      } else if (sort === 'distance' && point) {
        const distance = store.distanceFn(point);
        // Metres, then the default order among equally distant suppliers (same commune).
        ordered = smallestK(filtered, need, (pos) => Math.round(distance(pos) * 1000) * 1e7 + listRank[pos]);
      } else if (plan && entry) {
        const hadRanking = entry.ranking !== undefined;
        entry.ranking ??= rankMatches(plan, entry.matches.length, bm25Budget, fts);
        strategy = entry.ranking.strategy;
        bm25Rows = hadRanking ? 0 : entry.ranking.bm25Rows;
        ordered = relevanceOrder(store, entry.ranking, filtered, need);
      } else {
        ordered = inDefaultOrder ? filtered.slice(0, need) : smallestK(filtered, need, (pos) => listRank[pos]);
      }
      pageRecords = ordered.slice(start, need);
    }
    timer?.lap('order');
    // Without text nor filter (the search page as it opens), every query counts the same documents.
    const facets = words.length === 0 && !predicate ? store.facetsOfAll() : store.facets(filtered);
    timer?.lap('facets');
    const hits = toHits(statements, store, pageRecords, query, plan);
    timer?.lap('hits');
    if (observer && timer) observer.onSearch({ matches, strategy, bm25Rows, cached, phases: timer.phases });

    return {
      hits,
      total: filtered.length,
      page,
      perPage,
      facets,
      processingTimeMs: Math.round((performance.now() - started) * 10) / 10,
    };
  }

  const engine: SearchEngine = {
    name: 'sqlite',

    async init() {
      sqlite.transaction(() => {
        createMetaTable(sqlite);
        const layout = sqlite.prepare(`SELECT value FROM ${META} WHERE key = 'layout'`).pluck().get() as
          number | undefined;
        if (layout !== undefined && layout !== LAYOUT_VERSION) {
          // An index of another layout is derived data: drop it; the caller rebuilds it from the database.
          dropTables(sqlite, [LIVE.vocab, LIVE.fts, LIVE.docs, NEXT.fts, NEXT.docs]);
        }
        createDocsTable(sqlite, LIVE.docs);
        createStoreIndex(sqlite);
        createFtsTable(sqlite, LIVE.fts);
        createVocabTable(sqlite);
        sqlite.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('layout', ?)`).run(LAYOUT_VERSION);
      })();
      statements.clear();
      initialised = true;
      reload();
    },

    async search(query) {
      return search(query);
    },

    async upsert(documents) {
      if (documents.length === 0) return;
      assertInitialised();
      const rows = documents.map(toIndexRows);
      afterWrite(upsertRows(sqlite, rows), () => {
        for (const { doc, fts } of rows) {
          store.upsert(doc);
          vocabulary.add(vocabularyWords(fts));
        }
      });
    },

    async remove(ids) {
      if (ids.length === 0) return;
      assertInitialised();
      afterWrite(removeIds(sqlite, ids), () => {
        // Words of removed documents stay in the vocabulary until the next reload: a typo variant
        // without documents matches nothing, so results are unaffected.
        for (const id of ids) store.remove(id);
      });
    },

    async rebuild(batches, onProgress) {
      assertInitialised();
      if (rebuilding) throw new Error('A rebuild of the search index is already running.');
      rebuilding = true;
      let indexed: number;
      try {
        indexed = await rebuildIndex(sqlite, batches, onProgress);
      } finally {
        rebuilding = false;
      }
      statements.clear();
      reload();
      return indexed;
    },

    async documentCount() {
      ensureFresh();
      return store.size;
    },

    async health() {
      try {
        return initialised && readGeneration() >= 0;
      } catch {
        return false;
      }
    },

    async close() {
      statements.clear();
      cache.clear();
      initialised = false;
    },
  };
  observer?.attach?.({
    clearCaches() {
      cache.clear();
      vocabulary.clearCache();
    },
  });
  return engine;
}
