import { openDatabase, type OpenedDatabase } from '../db/connection';
import { createMeilisearchEngine } from './meilisearch/engine';
import { createSqliteEngine } from './sqlite/engine';
import type { SearchEngine } from './types';

export interface SearchEnv {
  MEILI_HOST?: string;
  MEILI_API_KEY?: string;
  MEILI_INDEX: string;
  /** The embedded index's own SQLite file when the database of record is PostgreSQL (docs/decisions/310). */
  SEARCH_INDEX_PATH?: string;
}

export const DEFAULT_SEARCH_INDEX_PATH = 'data/search-index.db';

/**
 * The configured engine: Meilisearch when MEILI_HOST is set, otherwise the embedded SQLite FTS5 engine, in the
 * application's own database file, or, when the database of record is PostgreSQL, in a local SQLite file of its
 * own (SEARCH_INDEX_PATH) that the engine closes with itself. The caller runs init() before use. `writerOnly`: an
 * embedded engine that feeds its index but does not search (a cluster's primary, docs/decisions/325).
 */
export function createSearchEngine(
  env: SearchEnv,
  database: OpenedDatabase,
  options: { writerOnly?: boolean } = {},
): SearchEngine {
  if (env.MEILI_HOST) {
    return createMeilisearchEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexUid: env.MEILI_INDEX });
  }
  const sqliteOptions = { writerOnly: options.writerOnly };
  if (database.dialect === 'sqlite') return createSqliteEngine(database.sqlite, sqliteOptions);
  const index = openDatabase(env.SEARCH_INDEX_PATH ?? DEFAULT_SEARCH_INDEX_PATH);
  const engine = createSqliteEngine(index.sqlite, sqliteOptions);
  return {
    ...engine,
    async close() {
      await engine.close();
      await index.close();
    },
  };
}
