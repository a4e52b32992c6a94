import type SQLite from 'better-sqlite3';
import { createSqliteEngine, type SqliteEngineOptions } from '../../search/sqlite/engine';
import { SearchStatsRecorder, type Phase, type RankingStrategy } from '../../search/sqlite/observer';
import type { SearchEngine } from '../../search/types';
import type { BenchQuery, Category } from './bench-queries';

// Measurement of scripts/bench.ts: engines created with an observer (how each search was answered, and
// the control that clears their caches for cold queries), and passes over the query set.

/** An engine and the observer that records its searches. */
export interface ObservedEngine {
  engine: SearchEngine;
  stats: SearchStatsRecorder;
}

export function createObservedEngine(
  sqlite: SQLite.Database,
  options: Omit<SqliteEngineOptions, 'observer'> = {},
): ObservedEngine {
  const stats = new SearchStatsRecorder();
  return { engine: createSqliteEngine(sqlite, { ...options, observer: stats }), stats };
}

export interface Sample {
  category: Category;
  /** Wall-clock time of engine.search. */
  ms: number;
  /** CPU time of this process during engine.search: close to the wall time on an idle machine, and a
   * steadier figure when other processes compete for the cores. */
  cpuMs: number;
  strategy: RankingStrategy;
  bm25Rows: number;
  matches: number;
  total: number;
  phases: Record<Phase, number>;
}

/** Runs every query once; `cold` clears the engine's caches before each query. */
export async function runPass(observed: ObservedEngine, queries: BenchQuery[], cold: boolean): Promise<Sample[]> {
  const { engine, stats: recorder } = observed;
  const samples: Sample[] = [];
  for (const { category, query } of queries) {
    if (cold) recorder.clearCaches();
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await engine.search(query);
    const elapsed = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const stats = recorder.lastStats();
    samples.push({
      category,
      ms: elapsed,
      cpuMs: (used.user + used.system) / 1000,
      strategy: stats.strategy,
      bm25Rows: stats.bm25Rows,
      matches: stats.matches,
      total: result.total,
      phases: stats.phases,
    });
  }
  return samples;
}
