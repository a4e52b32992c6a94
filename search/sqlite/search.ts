import { parseQuery } from '../text';
import { originOf, type SearchQuery, type SearchResult } from '../types';
import { filterOf } from './filters';
import { toHits } from './hits';
import type { FtsMatcher, MatchCache, MatchEntry, Statements } from './matches';
import { PhaseTimer, type RankingStrategy, type SqliteEngineObserver } from './observer';
import { planQuery, type PlannerVocabulary, type QueryPlan } from './query-planner';
import { rankMatches, relevanceOrder, type Ranking } from './ranking';
import { smallestK, type Store } from './store';

// One search of the SQLite engine over its current state: query words -> plan -> FTS5 matches (cached per
// expression) -> filters -> the page in the requested order -> facet counts -> hits (docs/decisions/011,
// 013). The engine (engine.ts) keeps the state fresh; this file only reads it.

/** What a search reads: the in-memory state, the FTS5 queries and their cache, the engine's options. */
export interface SearchState {
  store: Store;
  vocabulary: PlannerVocabulary;
  cache: MatchCache<Ranking>;
  fts: FtsMatcher;
  statements: Statements;
  bm25Budget: number;
  observer: SqliteEngineObserver | null;
}

/** Answers a query; `started` is when the engine received it (for processingTimeMs). */
export function answerQuery(state: SearchState, query: SearchQuery, started: number): SearchResult {
  const { store, vocabulary, cache, fts, statements, bm25Budget, observer } = state;
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
