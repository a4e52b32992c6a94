import fs from 'node:fs';
import type { OpenedSqliteDatabase } from '../../db/connection';
import { DOCUMENT_BATCH_SUPPLIERS } from '../../db/batch';
import { migrateToLatest } from '../../db/migrate';
import { countSuppliers, storageBytes } from '../../db/repositories/bench-samples';
import { countPublishedSuppliers } from '../../db/repositories/suppliers';
import { loadReferenceData } from '../../db/reference/index';
import { seedDemoData } from '../../db/seed/index';
import { iteratePublishedDocuments } from '../../search/documents';
import { createSqliteEngine } from '../../search/sqlite/engine';
import type { SupplierDocument } from '../../search/types';
import { createObservedEngine, type ObservedEngine } from './bench-run';

// Database preparation of scripts/bench.ts: schema, reference data and demo suppliers (seeded once, then
// reused), then the full index build with its timings and sizes.

/** Size of a database file and its WAL, in bytes. */
export function fileSize(file: string): number {
  return [file, `${file}-wal`].reduce((sum, f) => sum + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

export interface PreparedDatabase {
  /** Time spent seeding demo suppliers (0 when the database already had enough). */
  seedMs: number;
  /** Published suppliers: the documents to index. */
  published: number;
}

/** Migrates, loads the reference data and seeds demo suppliers up to `suppliers`. */
export async function prepareDatabase(
  database: OpenedSqliteDatabase,
  { suppliers, seed }: { suppliers: number; seed: number },
): Promise<PreparedDatabase> {
  await migrateToLatest(database.db);
  await loadReferenceData(database.db);
  const existing = await countSuppliers(database.db);
  let seedMs = 0;
  if (existing < suppliers) {
    console.log(`Création de ${suppliers} fournisseurs (graine ${seed})…`);
    const started = performance.now();
    await seedDemoData(database, {
      suppliers,
      seed,
      onProgress: (done, total) => {
        if (done % 10_000 === 0 || done === total) process.stdout.write(`\r  ${done}/${total}`);
      },
    });
    seedMs = performance.now() - started;
    process.stdout.write('\n');
  }
  const published = await countPublishedSuppliers(database.db);
  return { seedMs, published };
}

export interface BuiltIndex {
  /** The engine that built the index, ready to search. */
  observed: ObservedEngine;
  indexed: number;
  buildMs: number;
  /** Part of buildMs spent reading documents from the database. */
  loadMs: number;
  /** Time for a new engine to load the index into memory (what a server pays at start). */
  memoryLoadMs: number;
  /** Bytes of the search index and of the other data. */
  indexBytes: number;
  dataBytes: number;
}

/** Rebuilds the whole index, timing the document reads apart from the indexing. */
export async function buildIndex(database: OpenedSqliteDatabase, published: number): Promise<BuiltIndex> {
  const observed = createObservedEngine(database.sqlite);
  const { engine } = observed;
  await engine.init();
  let loadMs = 0;
  async function* timed(source: AsyncGenerator<SupplierDocument[]>): AsyncGenerator<SupplierDocument[]> {
    for (;;) {
      const started = performance.now();
      const next = await source.next();
      loadMs += performance.now() - started;
      if (next.done) return;
      yield next.value;
    }
  }
  console.log(`Indexation de ${published} fournisseurs publiés…`);
  const buildStarted = performance.now();
  const indexed = await engine.rebuild(timed(iteratePublishedDocuments(database.db, DOCUMENT_BATCH_SUPPLIERS)), (n) => {
    if (n % 10_000 === 0) process.stdout.write(`\r  ${n}/${published}`);
  });
  const buildMs = performance.now() - buildStarted;
  process.stdout.write('\n');
  database.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  // What a server pays at start (or when another process changed the index): tables -> memory.
  const reloadStarted = performance.now();
  const fresh = createSqliteEngine(database.sqlite);
  await fresh.init();
  const memoryLoadMs = performance.now() - reloadStarted;
  await fresh.close();

  const sizes = await storageBytes(database.db);
  return {
    observed,
    indexed,
    buildMs,
    loadMs,
    memoryLoadMs,
    indexBytes: sizes.index,
    dataBytes: sizes.data,
  };
}
