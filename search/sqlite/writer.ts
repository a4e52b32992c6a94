import type SQLite from 'better-sqlite3';
import { indexText, nameSortKey } from '../text';
import type { SupplierDocument } from '../types';
import {
  createDocsTable,
  createFtsTable,
  createStoreIndex,
  createVocabTable,
  dropTables,
  FTS_COLUMNS,
  LIVE,
  LOG,
  LOG_KEEP,
  META,
  NEXT,
  STORE_COLUMNS,
  tableExists,
} from './schema';
import type { StoreRow } from './store';
import { markFillStart, markSwap } from './version';

// The index writes of the SQLite engine: documents -> rows of search_docs and search_fts, upserts and
// removals on the live tables (and on those of a rebuild in progress), and the rebuild into the `_next`
// tables with its swap (docs/decisions/010). The engine applies the same changes to its memory.

export interface FtsRow {
  id: number;
  name: string;
  trade_name: string;
  sectors: string;
  offers: string;
  place: string;
  codes: string;
  description: string;
}

export interface DocRow extends StoreRow {
  slug: string;
  name: string;
  commune_name: string;
  description: string;
  offers: string;
}

/** A document as written: its search_docs row and its (normalised) search_fts row. */
export interface IndexRows {
  doc: DocRow;
  fts: FtsRow;
}

export function toDocRow(doc: SupplierDocument): DocRow {
  const finite = (n: number) => (Number.isFinite(n) ? n : 0);
  return {
    id: doc.id,
    slug: doc.slug,
    name: doc.name,
    name_key: nameSortKey(doc.name),
    structure_kind: doc.structureKind,
    sectors: JSON.stringify(doc.sectors),
    labels: JSON.stringify(doc.labels),
    commune_code: doc.communeCode,
    commune_name: doc.communeName,
    departement: doc.departement,
    region: doc.region,
    charter_status: doc.charterStatus,
    lat: finite(doc.lat),
    lon: finite(doc.lon),
    area_national: doc.serviceArea.national ? 1 : 0,
    area_regions: JSON.stringify(doc.serviceArea.regions),
    area_departements: JSON.stringify(doc.serviceArea.departements),
    area_communes: JSON.stringify(doc.serviceArea.communes),
    area_radius_km: doc.serviceArea.radiusKm,
    description: doc.description,
    offers: doc.offers,
  };
}

export function toFtsRow(doc: SupplierDocument): FtsRow {
  const digits = doc.siret.replace(/\D/g, '');
  const codes = [digits, digits.length === 14 ? digits.slice(0, 9) : '', (doc.postcode ?? '').replace(/\s/g, '')];
  return {
    id: doc.id,
    name: indexText(doc.name),
    trade_name: indexText(doc.tradeName),
    sectors: indexText([...doc.sectorNames, doc.structureKindName, ...doc.labelNames].join(' \n ')),
    offers: indexText(doc.offers),
    place: indexText(doc.communeName),
    codes: indexText(codes.filter(Boolean).join(' ')),
    description: indexText(doc.description),
  };
}

export function toIndexRows(doc: SupplierDocument): IndexRows {
  return { doc: toDocRow(doc), fts: toFtsRow(doc) };
}

/** The words of an FTS row that typo tolerance needs (those with a letter; see vocabulary.ts). */
export function vocabularyWords(fts: FtsRow): string[] {
  const words = [fts.name, fts.trade_name, fts.sectors, fts.offers, fts.place, fts.description].join(' ');
  return words.split(' ').filter((t) => t.length > 0 && /\D/.test(t));
}

/** Every column of the docs table: the in-memory ones, and what hits and snippets read. */
const DOC_COLUMNS = [...STORE_COLUMNS, 'slug', 'name', 'commune_name', 'description', 'offers'] as const;
const FTS_COLUMN_NAMES = FTS_COLUMNS.map((c) => c.name);

/** Writes documents to one pair of docs and FTS tables. */
export class Writer {
  private readonly deleteFts: SQLite.Statement;
  private readonly insertFts: SQLite.Statement;
  private readonly upsertDoc: SQLite.Statement;
  private readonly deleteDoc: SQLite.Statement;

  constructor(sqlite: SQLite.Database, tables: { docs: string; fts: string }) {
    this.deleteFts = sqlite.prepare(`DELETE FROM ${tables.fts} WHERE rowid = ?`);
    this.insertFts = sqlite.prepare(
      `INSERT INTO ${tables.fts} (rowid, ${FTS_COLUMN_NAMES.join(', ')}) VALUES (@id, ${FTS_COLUMN_NAMES.map((c) => `@${c}`).join(', ')})`,
    );
    this.upsertDoc = sqlite.prepare(
      `INSERT OR REPLACE INTO ${tables.docs} (${DOC_COLUMNS.join(', ')}) VALUES (${DOC_COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.deleteDoc = sqlite.prepare(`DELETE FROM ${tables.docs} WHERE id = ?`);
  }

  upsert(doc: DocRow, fts: FtsRow): void {
    this.deleteFts.run(doc.id);
    this.insertFts.run(fts);
    this.upsertDoc.run(doc);
  }

  remove(id: number): void {
    this.deleteFts.run(id);
    this.deleteDoc.run(id);
  }
}

/** Increments search_meta.generation (docs/decisions/011) and returns its new value. */
export function bumpGeneration(sqlite: SQLite.Database): number {
  return sqlite
    .prepare(`UPDATE ${META} SET value = value + 1 WHERE key = 'generation' RETURNING value`)
    .pluck()
    .get() as number;
}

/** What a write changed, logged with its generation so other processes follow it (docs/decisions/321). */
export interface LogEntry {
  ids: readonly number[];
  words: readonly string[];
}

function logWrite(sqlite: SQLite.Database, generation: number, entry: LogEntry): void {
  sqlite
    .prepare(`INSERT INTO ${LOG} (generation, ids, words) VALUES (?, ?, ?)`)
    .run(generation, JSON.stringify(entry.ids), JSON.stringify([...new Set(entry.words)]));
  sqlite.prepare(`DELETE FROM ${LOG} WHERE generation <= ?`).run(generation - LOG_KEEP);
}

/**
 * Applies a write to the live tables and, while a rebuild is in progress (in this process or another), to
 * its `_next` tables too, so that the change survives the swap; logs it and returns the new generation. Inside
 * a caller's transaction it joins it (better-sqlite3 nests it as a savepoint).
 */
export function writeToIndex(sqlite: SQLite.Database, entry: LogEntry, apply: (writers: Writer[]) => void): number {
  return sqlite
    .transaction(() => {
      const writers = [new Writer(sqlite, LIVE)];
      if (tableExists(sqlite, NEXT.docs) && tableExists(sqlite, NEXT.fts)) writers.push(new Writer(sqlite, NEXT));
      apply(writers);
      const generation = bumpGeneration(sqlite);
      logWrite(sqlite, generation, entry);
      return generation;
      // IMMEDIATE: it reads before it writes, and several processes write this file (decision 333).
    })
    .immediate();
}

/** Upserts and removes in one write. */
export function writeDocuments(
  sqlite: SQLite.Database,
  rows: readonly IndexRows[],
  removed: readonly number[],
): number {
  const entry: LogEntry = {
    ids: [...rows.map((r) => r.doc.id), ...removed],
    words: rows.flatMap((r) => vocabularyWords(r.fts)),
  };
  return writeToIndex(sqlite, entry, (writers) => {
    for (const { doc, fts } of rows) for (const writer of writers) writer.upsert(doc, fts);
    for (const id of removed) for (const writer of writers) writer.remove(id);
  });
}

export function upsertRows(sqlite: SQLite.Database, rows: readonly IndexRows[]): number {
  return writeDocuments(sqlite, rows, []);
}

export function removeIds(sqlite: SQLite.Database, ids: readonly number[]): number {
  return writeDocuments(sqlite, [], ids);
}

/**
 * Builds a new index in the `_next` tables from batches of documents, then swaps it for the live one in one
 * transaction; on failure drops the `_next` tables and leaves the live index as it was. Returns the number
 * of documents indexed.
 */
export async function rebuildIndex(
  sqlite: SQLite.Database,
  batches: AsyncIterable<SupplierDocument[]>,
  onProgress?: (indexed: number) => void,
): Promise<number> {
  let indexed = 0;
  sqlite
    .transaction(() => {
      // A new epoch: an applier of the change sequence that read the cursor before does not commit (decision 320).
      sqlite.prepare(`UPDATE ${META} SET value = value + 1 WHERE key = 'epoch'`).run();
      // Cleared by a write outside the sequence during the fill: its result is then not shared (decision 324).
      markFillStart(sqlite);
      dropTables(sqlite, [NEXT.fts, NEXT.docs]);
      createDocsTable(sqlite, NEXT.docs);
      createFtsTable(sqlite, NEXT.fts);
    })
    .immediate();
  const writer = new Writer(sqlite, NEXT);
  try {
    for await (const batch of batches) {
      const rows = batch.map(toIndexRows);
      sqlite
        .transaction(() => {
          for (const { doc, fts } of rows) writer.upsert(doc, fts);
        })
        .immediate();
      indexed += batch.length;
      onProgress?.(indexed);
    }
    // Merge the new index into one segment: faster queries from the first search on.
    sqlite.prepare(`INSERT INTO ${NEXT.fts} (${NEXT.fts}) VALUES ('optimize')`).run();
    // The swap: searches see either the old tables or the new ones, never a half-built index.
    sqlite
      .transaction(() => {
        dropTables(sqlite, [LIVE.vocab, LIVE.fts, LIVE.docs]);
        sqlite.exec(`ALTER TABLE ${NEXT.fts} RENAME TO ${LIVE.fts}`);
        sqlite.exec(`ALTER TABLE ${NEXT.docs} RENAME TO ${LIVE.docs}`);
        createStoreIndex(sqlite);
        createVocabTable(sqlite);
        markSwap(sqlite);
        // No log row: the gap tells every process to reload its whole state.
        bumpGeneration(sqlite);
      })
      .immediate();
  } catch (error) {
    sqlite.transaction(() => dropTables(sqlite, [NEXT.fts, NEXT.docs]))();
    throw error;
  }
  return indexed;
}
