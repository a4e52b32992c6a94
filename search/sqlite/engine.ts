import type SQLite from 'better-sqlite3';
import type { FeedPosition, IndexFeed, SearchEngine } from '../types';
import { createFtsMatcher, MatchCache, Statements } from './matches';
import type { SqliteEngineObserver } from './observer';
import type { Ranking } from './ranking';
import {
  createDocsTable,
  createFtsTable,
  createLogTable,
  createMetaTable,
  createStoreIndex,
  createVocabTable,
  dropTables,
  LAYOUT_VERSION,
  LIVE,
  LOG,
  META,
  NEXT,
  STORE_COLUMNS,
} from './schema';
import { answerQuery, type SearchState } from './search';
import { Store, type StoreRow } from './store';
import { Vocabulary } from './vocabulary';
import {
  formatVersion,
  markCommit,
  markNew,
  markOutsideWrite,
  markReset,
  readIndexState,
  type IndexState,
} from './version';
import {
  bumpGeneration,
  rebuildIndex,
  removeIds,
  toIndexRows,
  upsertRows,
  vocabularyWords,
  writeDocuments,
} from './writer';

// The embedded search engine: SQLite FTS5 in the application's database file (docs/decisions/010-015).
// FTS5 finds the matching ids; an in-memory copy of the facet and geo fields filters them, counts the
// facets and orders them; bm25 ranks at most `bm25Budget` rows per query. This file owns the engine's
// lifecycle: it creates the tables, keeps the in-memory state (store.ts, vocabulary.ts) in step with them,
// and wires the parts: a search (search.ts: query-planner.ts, matches.ts, filters.ts, ranking.ts, hits.ts)
// and the index writes (writer.ts).

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
  /**
   * Writes the index (the feed's commits, upserts, rebuilds, with the log other processes follow) without the
   * in-memory state that searches need: for a cluster's primary, which feeds the index and never searches
   * (docs/decisions/325). search() refuses; documentCount() counts the rows.
   */
  writerOnly?: boolean;
}

const DEFAULT_BM25_BUDGET = 2_000;
const DEFAULT_CACHE_SIZE = 64;

export function createSqliteEngine(sqlite: SQLite.Database, options: SqliteEngineOptions = {}): SearchEngine {
  const bm25Budget = options.bm25Budget ?? DEFAULT_BM25_BUDGET;
  const writerOnly = options.writerOnly ?? false;
  const observer = options.observer ?? null;
  const store = new Store();
  const vocabulary = new Vocabulary();
  const cache = new MatchCache<Ranking>(options.cacheSize ?? DEFAULT_CACHE_SIZE);
  // Statements are prepared on first use: the tables exist only after init().
  const statements = new Statements(sqlite);
  const fts = createFtsMatcher(statements);
  const state: SearchState = { store, vocabulary, cache, fts, statements, bm25Budget, observer };
  let generation = -1;
  /** The version of what memory reflects (search/sqlite/version.ts), read with `generation`. */
  let version = '';
  let initialised = false;
  let rebuilding = false;

  function readGeneration(): number {
    return statements.get(`SELECT value FROM ${META} WHERE key = 'generation'`).pluck().get() as number;
  }

  function remember(state: IndexState): void {
    generation = state.generation;
    version = formatVersion(state, bm25Budget, DEFAULT_BM25_BUDGET);
  }

  /** Reloads the in-memory store and vocabulary from the tables. */
  function reload(): void {
    if (writerOnly) {
      remember(readIndexState(sqlite));
      return;
    }
    sqlite.transaction(() => {
      remember(readIndexState(sqlite));
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
    observer?.onRefresh?.('full', store.size);
  }

  /**
   * Catches up with writes of other processes (docs/decisions/321): the log of the generations since the one
   * memory reflects names the documents they touched and the words they added; those rows alone are read again
   * (a missing row is a removed document). A gap in the log (a rebuild, or a process so far behind that its
   * generations were pruned) reloads everything. One read transaction: the rows match the generation.
   */
  function follow(): void {
    if (writerOnly) {
      remember(readIndexState(sqlite));
      return;
    }
    const caught = sqlite.transaction(() => {
      const state = readIndexState(sqlite);
      const current = state.generation;
      if (current === generation) return null;
      const entries = statements
        .get(`SELECT ids, words FROM ${LOG} WHERE generation > ? ORDER BY generation`)
        .all(generation) as { ids: string; words: string }[];
      if (generation < 0 || entries.length !== current - generation) return { full: true as const };
      const ids = new Set<number>();
      const words: string[] = [];
      for (const entry of entries) {
        for (const id of JSON.parse(entry.ids) as number[]) ids.add(id);
        for (const word of JSON.parse(entry.words) as string[]) words.push(word);
      }
      // Most of the index changed (a bulk import): one sequential load is cheaper than that many lookups.
      if (ids.size > Math.max(10_000, store.size / 4)) return { full: true as const };
      const rows = statements
        .get(
          `SELECT ${STORE_COLUMNS.join(', ')} FROM ${LIVE.docs} WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`,
        )
        .all(JSON.stringify([...ids])) as StoreRow[];
      return { state, full: false as const, ids, rows, words };
    })();
    if (!caught) return;
    if (caught.full) {
      reload();
      return;
    }
    const found = new Set<number>();
    for (const row of caught.rows) {
      store.upsert(row);
      found.add(row.id);
    }
    for (const id of caught.ids) if (!found.has(id)) store.remove(id);
    vocabulary.add(caught.words);
    remember(caught.state);
    cache.clear();
    observer?.onRefresh?.('incremental', caught.ids.size);
    if (store.positions > 2 * store.size + 10_000) reload();
  }

  function assertInitialised(): void {
    if (!initialised) throw new Error('The SQLite search engine is not initialised: call init() first.');
  }

  function ensureFresh(): void {
    assertInitialised();
    if (readGeneration() !== generation) follow();
  }

  /** After a write to the tables (which returned the index's new state), brings memory up to date. */
  function afterWrite(written: IndexState, applyToMemory: () => void): void {
    cache.clear();
    if (writerOnly) {
      // Read in the write's transaction: the index's state, whoever wrote before.
      remember(written);
      return;
    }
    if (written.generation === generation + 1) {
      applyToMemory();
      remember(written);
      // Replaced documents leave retired positions behind: compact by reloading once they dominate.
      if (store.positions > 2 * store.size + 10_000) reload();
    } else {
      // Another process wrote in between: catch up from the log (which includes this write).
      follow();
    }
  }

  /** A write outside the change sequence (upsert, remove): its version is this index's own (decision 324). */
  function writeOutside(write: () => void): IndexState {
    return sqlite
      .transaction(() => {
        write();
        markOutsideWrite(sqlite);
        return readIndexState(sqlite);
      })
      .immediate();
  }

  function applyRowsToMemory(rows: ReturnType<typeof toIndexRows>[], removed: readonly number[]): void {
    for (const { doc, fts } of rows) {
      store.upsert(doc);
      vocabulary.add(vocabularyWords(fts));
    }
    // Words of removed documents stay in the vocabulary until the next reload: a typo variant
    // without documents matches nothing, so results are unaffected.
    for (const id of removed) store.remove(id);
  }

  function readPosition(): FeedPosition {
    const rows = statements.get(`SELECT key, value FROM ${META} WHERE key IN ('feed_seq', 'epoch')`).all() as {
      key: string;
      value: number;
    }[];
    const value = (key: string) => rows.find((r) => r.key === key)?.value ?? 0;
    return { seq: value('feed_seq'), epoch: value('epoch') };
  }

  // The change sequence (docs/decisions/320): the cursor lives in search_meta and moves in the same IMMEDIATE
  // transaction as the rows, so of two processes applying the same batch the second finds the cursor moved and
  // writes nothing.
  const feed: IndexFeed = {
    consumer() {
      assertInitialised();
      const id = statements.get(`SELECT value FROM ${META} WHERE key = 'index_id'`).pluck().get() as number;
      return `sqlite:${id.toString(36)}`;
    },
    async position() {
      assertInitialised();
      return readPosition();
    },
    async commit(at, throughSeq, documents, removedIds, options = {}) {
      assertInitialised();
      const rows = documents.map(toIndexRows);
      const written = sqlite
        .transaction((): IndexState | null => {
          const now = readPosition();
          if (now.seq !== at.seq || now.epoch !== at.epoch) return null;
          writeDocuments(sqlite, rows, removedIds);
          statements.get(`UPDATE ${META} SET value = ? WHERE key = 'feed_seq'`).run(throughSeq);
          markCommit(sqlite, options.incomplete ?? false);
          return readIndexState(sqlite);
        })
        .immediate();
      if (written === null) return false;
      afterWrite(written, () => applyRowsToMemory(rows, removedIds));
      return true;
    },
    async reset(seq: number) {
      assertInitialised();
      const written = sqlite
        .transaction(() => {
          statements.get(`UPDATE ${META} SET value = ? WHERE key = 'feed_seq'`).run(seq);
          markReset(sqlite);
          // A generation with an empty log row: other processes take the new version without reloading anything.
          writeDocuments(sqlite, [], []);
          return readIndexState(sqlite);
        })
        .immediate();
      afterWrite(written, () => undefined);
    },
  };

  const engine: SearchEngine = {
    name: 'sqlite',

    async init() {
      sqlite
        .transaction(() => {
          createMetaTable(sqlite);
          const layout = sqlite.prepare(`SELECT value FROM ${META} WHERE key = 'layout'`).pluck().get() as
            number | undefined;
          if (layout !== undefined && layout !== LAYOUT_VERSION) {
            // An index of another layout is derived data: drop it; the caller rebuilds it from the database.
            dropTables(sqlite, [LIVE.vocab, LIVE.fts, LIVE.docs, NEXT.fts, NEXT.docs]);
            // Its cursor no longer means anything: below every change, so the feed worker rebuilds it (decision 322).
            sqlite.prepare(`UPDATE ${META} SET value = -1 WHERE key = 'feed_seq'`).run();
            sqlite.prepare(`UPDATE ${META} SET value = value + 1 WHERE key = 'epoch'`).run();
            // Other processes reload (a generation without a log row); the empty index shares no version.
            markNew(sqlite);
            bumpGeneration(sqlite);
          }
          createDocsTable(sqlite, LIVE.docs);
          createStoreIndex(sqlite);
          createFtsTable(sqlite, LIVE.fts);
          createVocabTable(sqlite);
          createLogTable(sqlite);
          sqlite.prepare(`INSERT OR REPLACE INTO ${META} (key, value) VALUES ('layout', ?)`).run(LAYOUT_VERSION);
        })
        .immediate();
      statements.clear();
      initialised = true;
      reload();
    },

    async search(query) {
      const started = performance.now();
      if (writerOnly)
        throw new Error('This SQLite search engine only writes the index (writerOnly): it does not search.');
      ensureFresh();
      return answerQuery(state, query, started);
    },

    async upsert(documents) {
      if (documents.length === 0) return;
      assertInitialised();
      const rows = documents.map(toIndexRows);
      afterWrite(
        writeOutside(() => upsertRows(sqlite, rows)),
        () => applyRowsToMemory(rows, []),
      );
    },

    async remove(ids) {
      if (ids.length === 0) return;
      assertInitialised();
      afterWrite(
        writeOutside(() => removeIds(sqlite, ids)),
        () => applyRowsToMemory([], ids),
      );
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
      assertInitialised();
      if (writerOnly) return statements.get(`SELECT count(*) FROM ${LIVE.docs}`).pluck().get() as number;
      ensureFresh();
      return store.size;
    },

    async version() {
      // The position in the change sequence, shared by every index that applied the same changes, or this index's
      // own generation while its content is not just what the sequence made (search/sqlite/version.ts, decision 324).
      ensureFresh();
      return version;
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

    feed,
  };
  observer?.attach?.({
    clearCaches() {
      cache.clear();
      vocabulary.clearCache();
    },
  });
  return engine;
}
