import type SQLite from 'better-sqlite3';

// Tables of the embedded search index. They are derived data, created and owned by the engine (not by the
// Kysely migrations, see docs/decisions/010): a full rebuild fills *_next tables and swaps them in.

/**
 * Bumped when the layout below changes, or what a document becomes in the index (writer.ts's rows, search/text.ts's
 * normalisation, search/documents.ts's mapping): an index with another layout is dropped and must be rebuilt. It is
 * part of the index's version (decision 324): two indexes at one position of the sequence hold the same content only
 * if they made their rows the same way.
 */
export const LAYOUT_VERSION = 1;

export const LIVE = { docs: 'search_docs', fts: 'search_fts', vocab: 'search_vocab' } as const;
export const NEXT = { docs: 'search_docs_next', fts: 'search_fts_next' } as const;
export const META = 'search_meta';
/** One row per index write (generation): the ids it touched and its new words, for other processes (decision 321). */
export const LOG = 'search_log';
/** Log rows kept: a process further behind than this reloads its whole state. */
export const LOG_KEEP = 2_000;

/** FTS5 columns, in order, with their bm25 weights: name first, then sectors / offers, description last. */
export const FTS_COLUMNS = [
  { name: 'name', weight: 10 },
  { name: 'trade_name', weight: 8 },
  { name: 'sectors', weight: 5 },
  { name: 'offers', weight: 4 },
  { name: 'place', weight: 3 },
  { name: 'codes', weight: 2 },
  { name: 'description', weight: 1 },
] as const;

/** The columns of the "name tier" (a cheaper first ordering for broad queries). */
export const NAME_COLUMNS = '{name trade_name}';

export const BM25_WEIGHTS = FTS_COLUMNS.map((c) => c.weight.toFixed(1)).join(', ');

export function createDocsTable(sqlite: SQLite.Database, table: string): void {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    structure_kind TEXT NOT NULL,
    sectors TEXT NOT NULL,
    labels TEXT NOT NULL,
    commune_code TEXT NOT NULL,
    commune_name TEXT NOT NULL,
    departement TEXT NOT NULL,
    region TEXT NOT NULL,
    charter_status TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    area_national INTEGER NOT NULL,
    area_regions TEXT NOT NULL,
    area_departements TEXT NOT NULL,
    area_communes TEXT NOT NULL,
    area_radius_km REAL,
    description TEXT NOT NULL,
    offers TEXT NOT NULL
  )`);
}

/** The columns the engine loads into memory (search/sqlite/store.ts), in that order. */
export const STORE_COLUMNS = [
  'id',
  'name_key',
  'structure_kind',
  'sectors',
  'labels',
  'commune_code',
  'departement',
  'region',
  'charter_status',
  'lat',
  'lon',
  'area_national',
  'area_regions',
  'area_departements',
  'area_communes',
  'area_radius_km',
] as const;

/**
 * A covering index of the in-memory columns, in id order: loading the store scans this compact index
 * instead of the table, whose rows also hold the long texts (3 s instead of 0.3 s at 100,000 documents).
 * Id order makes positions follow ids, so the ids FTS5 returns (ascending) are read sequentially. Created on
 * the live table only (also after the swap of a rebuild), because SQLite cannot rename an index.
 */
export function createStoreIndex(sqlite: SQLite.Database): void {
  // An earlier version of this index, in name order.
  sqlite.exec(`DROP INDEX IF EXISTS ${LIVE.docs}_store`);
  sqlite.exec(`CREATE INDEX IF NOT EXISTS ${LIVE.docs}_memory ON ${LIVE.docs} (${STORE_COLUMNS.join(', ')})`);
}

export function createFtsTable(sqlite: SQLite.Database, table: string): void {
  // Contentless (the original texts live in search_docs), with deletes allowed. detail=full: with
  // detail=column, bm25() of a contentless table sees no term frequencies and scores every row 0.
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${table} USING fts5(
    ${FTS_COLUMNS.map((c) => c.name).join(', ')},
    content='', contentless_delete=1,
    tokenize='unicode61 remove_diacritics 2', prefix='1 2 3 4'
  )`);
}

export function createVocabTable(sqlite: SQLite.Database): void {
  sqlite.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS ${LIVE.vocab} USING fts5vocab(${LIVE.fts}, 'row')`);
}

export function createMetaTable(sqlite: SQLite.Database): void {
  sqlite.exec(`CREATE TABLE IF NOT EXISTS ${META} (key TEXT PRIMARY KEY, value INTEGER NOT NULL)`);
  sqlite.prepare(`INSERT OR IGNORE INTO ${META} (key, value) VALUES ('generation', 0)`).run();
  // The change sequence (docs/decisions/320): the last seq applied to this index, moved in the same transaction
  // as the rows; `epoch` changes when a rebuild starts (an applier that read the cursor before does not commit);
  // `index_id` names this index as a consumer of the sequence (each instance's embedded index has its own).
  sqlite.prepare(`INSERT OR IGNORE INTO ${META} (key, value) VALUES ('feed_seq', 0)`).run();
  sqlite.prepare(`INSERT OR IGNORE INTO ${META} (key, value) VALUES ('epoch', 0)`).run();
  sqlite
    .prepare(`INSERT OR IGNORE INTO ${META} (key, value) VALUES ('index_id', ?)`)
    .run(Math.floor(Math.random() * 2 ** 40));
  // Whether the index's version may be shared with other indexes (search/sqlite/version.ts, decision 324): not
  // until it is built from the database (also for an index made before this key existed).
  sqlite.prepare(`INSERT OR IGNORE INTO ${META} (key, value) VALUES ('divergence', 2)`).run();
  sqlite.prepare(`INSERT OR IGNORE INTO ${META} (key, value) VALUES ('fill_clean', 0)`).run();
}

export function createLogTable(sqlite: SQLite.Database): void {
  // ids: JSON array of the document ids written or removed; words: JSON array of the words they added.
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS ${LOG} (generation INTEGER PRIMARY KEY, ids TEXT NOT NULL, words TEXT NOT NULL)`,
  );
}

export function tableExists(sqlite: SQLite.Database, table: string): boolean {
  return sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE name = ?`).get(table) !== undefined;
}

export function dropTables(sqlite: SQLite.Database, tables: readonly string[]): void {
  for (const table of tables) sqlite.exec(`DROP TABLE IF EXISTS ${table}`);
}

/** The indexed words of at least `minLength` letters without digits, with their document frequency, by word. */
export function readTermFrequencies(sqlite: SQLite.Database, minLength: number): { term: string; doc: number }[] {
  return sqlite
    .prepare(`SELECT term, doc FROM ${LIVE.vocab} WHERE length(term) >= ? AND term NOT GLOB '*[0-9]*' ORDER BY term`)
    .all(minLength) as { term: string; doc: number }[];
}
