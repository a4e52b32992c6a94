import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { applyFeedBatch } from '../../search/feed';
import { reindexAll } from '../../search/reindex';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { SearchStatsRecorder } from '../../search/sqlite/observer';
import type { SearchEngine } from '../../search/types';
import { createSqliteTestDatabase } from '../support/db';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// A cluster's primary feeds the embedded index without its in-memory search state (docs/decisions/325); the
// workers, on the same file, search and follow its writes through the index log (321). Two handles of one SQLite
// file stand for the two processes.

const database = createSqliteTestDatabase();
const { db } = database;
const other = openDatabase(database.file);
const primaryRecorder = new SearchStatsRecorder();
const workerRecorder = new SearchStatsRecorder();
const primary = createSqliteEngine(database.sqlite, { writerOnly: true, observer: primaryRecorder });
const worker = createSqliteEngine(other.sqlite, { observer: workerRecorder });

const find = async (engine: SearchEngine, q: string) =>
  (await engine.search({ q, page: 1, perPage: 50 })).hits.map((h) => h.id).sort((a, b) => a - b);

beforeAll(async () => {
  await primary.init();
  await worker.init();
});
afterAll(async () => {
  await primary.close();
  await worker.close();
  await other.close();
});

describe('a writer-only engine (the cluster primary)', () => {
  it('builds and feeds the index without loading it; a searching process follows without a full reload', async () => {
    const built = await writeSupplier(db, supplierInput({ name: 'Brasserie Alnitak' }));
    expect(await primary.documentCount()).toBe(0);
    expect(await reindexAll(database, primary)).toBe(1);
    expect(await primary.documentCount()).toBe(1);
    expect(await find(worker, 'alnitak')).toEqual([built.id]);
    const fullReloads = workerRecorder.refreshes.full;

    const { id } = await writeSupplier(db, supplierInput({ name: 'Brasserie Mintaka' }));
    expect(await applyFeedBatch(db, primary)).toMatchObject({ rows: 1, upserted: 1 });
    expect(await primary.documentCount()).toBe(2);
    expect(await find(worker, 'mintaka')).toEqual([id]);
    // The log carries the new words for the worker's typo tolerance, as with a searching writer.
    expect(await find(worker, 'mintaca')).toEqual([id]);
    expect(workerRecorder.refreshes.full).toBe(fullReloads);
    expect(await primary.version()).toBe(await worker.version());

    // Removed at once (a suspension in this process), then through the feed.
    await primary.remove([id]);
    expect(await find(worker, 'mintaka')).toEqual([]);
    expect(await primary.version()).toBe(await worker.version());
    // Its state never loaded: no reload was reported, at init, after the rebuild or after the writes.
    expect(primaryRecorder.refreshes).toEqual({ full: 0, incremental: 0, documents: 0 });
  });

  it('refuses to search, saying why', async () => {
    await expect(primary.search({ q: 'alnitak', page: 1, perPage: 10 })).rejects.toThrow(
      'This SQLite search engine only writes the index (writerOnly): it does not search.',
    );
  });

  it('follows the writes of the other processes in its version', async () => {
    const { id } = await writeSupplier(db, supplierInput({ name: 'Brasserie Saiph' }));
    expect(await applyFeedBatch(other.db, worker)).toMatchObject({ rows: 1, upserted: 1 });
    expect(await primary.version()).toBe(await worker.version());
    expect(await primary.documentCount()).toBe(await worker.documentCount());
    expect(await find(worker, 'saiph')).toEqual([id]);
  });
});
