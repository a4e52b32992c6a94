import type { OpenedDatabase } from '../db/connection';
import { createMeilisearchEngine } from './meilisearch/engine';
import { createSqliteEngine } from './sqlite/engine';
import type { SearchEngine } from './types';

export interface SearchEnv {
  MEILI_HOST?: string;
  MEILI_API_KEY?: string;
  MEILI_INDEX: string;
}

/**
 * The configured engine: Meilisearch when MEILI_HOST is set, otherwise the embedded SQLite FTS5 engine
 * in the application's own database file. The caller runs init() before use.
 */
export function createSearchEngine(env: SearchEnv, database: OpenedDatabase): SearchEngine {
  if (env.MEILI_HOST) {
    return createMeilisearchEngine({ host: env.MEILI_HOST, apiKey: env.MEILI_API_KEY, indexUid: env.MEILI_INDEX });
  }
  return createSqliteEngine(database.sqlite);
}
