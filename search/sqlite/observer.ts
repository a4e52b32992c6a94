// The observer hook of the SQLite engine (docs/decisions/015): how each search was answered, and a control
// over the engine's caches, for the bench (scripts/bench.ts) and the engine's own tests. Production engines
// are created without an observer and pay nothing for it beyond a null check per phase.

export type RankingStrategy = 'none' | 'bm25-full' | 'bm25-name-tier' | 'default-order';

export type Phase = 'plan' | 'match' | 'filter' | 'order' | 'facets' | 'hits';
export const PHASES: readonly Phase[] = ['plan', 'match', 'filter', 'order', 'facets', 'hits'];

/** How one search was answered. */
export interface SqliteSearchStats {
  matches: number;
  strategy: RankingStrategy;
  /** Rows ranked with bm25 by this search (0 when the ranking came from the cache). */
  bm25Rows: number;
  /** The expression's matches (and ranking, if needed) came from the cache. */
  cached: boolean;
  /** Milliseconds per phase: query words and typo variants, FTS5 matches, filters, ordering (bm25
   * included), facet counts, hits and snippets. */
  phases: Record<Phase, number>;
}

/** What the engine hands its observer when it is created. */
export interface SqliteEngineControls {
  /** Forgets cached matches, rankings and typo expansions (the bench measures cold queries with it). */
  clearCaches(): void;
}

export interface SqliteEngineObserver {
  /** Called after each search with how it was answered. */
  onSearch(stats: SqliteSearchStats): void;
  /**
   * Called when the in-memory state caught up with the index tables (docs/decisions/321): `full` reloaded every
   * document, `incremental` re-read only the `documents` other writes touched (writes of this engine are applied
   * to memory directly and not reported).
   */
  onRefresh?(kind: 'full' | 'incremental', documents: number): void;
  /** Called once, by createSqliteEngine, with the controls of the new engine. */
  attach?(controls: SqliteEngineControls): void;
}

/** Splits the time of one search into phases. Only created when the engine has an observer. */
export class PhaseTimer {
  readonly phases: Record<Phase, number> = { plan: 0, match: 0, filter: 0, order: 0, facets: 0, hits: 0 };
  private mark = performance.now();

  /** Adds the time since the previous lap to `phase`. */
  lap(phase: Phase): void {
    const now = performance.now();
    this.phases[phase] += now - this.mark;
    this.mark = now;
  }
}

/** An observer of one engine that keeps the stats of its last search and can clear its caches. */
export class SearchStatsRecorder implements SqliteEngineObserver {
  private controls: SqliteEngineControls | null = null;
  private last: SqliteSearchStats | null = null;
  /** How many times the engine's state was refreshed, by kind (the tests of cross-process freshness read it). */
  readonly refreshes = { full: 0, incremental: 0, documents: 0 };

  attach(controls: SqliteEngineControls): void {
    if (this.controls) throw new Error('A SearchStatsRecorder observes one engine only.');
    this.controls = controls;
  }

  onSearch(stats: SqliteSearchStats): void {
    this.last = stats;
  }

  onRefresh(kind: 'full' | 'incremental', documents: number): void {
    this.refreshes[kind]++;
    if (kind === 'incremental') this.refreshes.documents += documents;
  }

  /** How the last search was answered. */
  lastStats(): SqliteSearchStats {
    if (!this.last) throw new Error('No search was observed yet.');
    return this.last;
  }

  clearCaches(): void {
    if (!this.controls) throw new Error('This SearchStatsRecorder was not given to createSqliteEngine.');
    this.controls.clearCaches();
  }
}
