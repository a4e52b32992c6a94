import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedSqliteDatabase } from '../../db/connection';
import { headSeq } from '../../db/repositories/search-feed';
import { iteratePublishedDocuments, loadSupplierDocuments } from '../../search/documents';
import { applyFeedBatch, FEED_MAX_BATCH_ATTEMPTS, retryFeedFailures } from '../../search/feed';
import { reindexAll } from '../../search/reindex';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { SearchStatsRecorder } from '../../search/sqlite/observer';
import type { SearchEngine, SupplierDocument } from '../../search/types';
import { createTestDatabase } from '../support/db';
import { refusing } from '../support/feed-engines';
import { TMP_DIR } from '../support/paths';
import { supplierInput, writeSupplier } from '../support/search-fixtures';

// The embedded index's version (docs/decisions/324): two instances on one database of record, each with its own
// index file (decision 353), give the same version once their indexes applied the same changes of the sequence, and
// never the same version for two different contents. Runs on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.

const database = createTestDatabase();
const { db } = database;
const files: string[] = [];

function indexFile(): OpenedSqliteDatabase {
  const file = path.join(TMP_DIR, `version-${process.pid}-${crypto.randomUUID()}.index.db`);
  files.push(file);
  return openDatabase(file) as OpenedSqliteDatabase;
}

const fileA = indexFile();
const fileB = indexFile();
const pathB = files[1];
const engineA = createSqliteEngine(fileA.sqlite);
const engineB = createSqliteEngine(fileB.sqlite);

const find = async (engine: SearchEngine, q: string) =>
  (await engine.search({ q, page: 1, perPage: 50 })).hits.map((h) => h.id).sort((a, b) => a - b);

/** Applies every pending change, as an instance's worker does. */
async function follow(engine: SearchEngine) {
  for (;;) {
    const drained = await applyFeedBatch(db, engine, { batchSize: 3 });
    if (drained.error) throw drained.error;
    if (drained.rows === 0) return;
  }
}

const isLocal = (version: string) => version.includes('~');

beforeAll(async () => {
  await engineA.init();
  await engineB.init();
});
afterAll(async () => {
  for (const engine of [engineA, engineB]) await engine.close();
  for (const file of [fileA, fileB]) await file.close();
  for (const file of files) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
});

describe('the version of an embedded index', () => {
  it('is its own until the index is built from the database', async () => {
    await writeSupplier(db, supplierInput({ name: 'Fromagerie Acamar' }));
    // Created, or fed without a rebuild: it may miss suppliers whose changes are gone, so it names only itself.
    expect(isLocal(await engineA.version())).toBe(true);
    expect(await engineA.version()).not.toBe(await engineB.version());
    await follow(engineA);
    expect(isLocal(await engineA.version())).toBe(true);
  });

  it('is the same for two index files once they applied the same changes, and moves with each change', async () => {
    await writeSupplier(db, supplierInput({ name: 'Fromagerie Botein' }));
    await reindexAll(database, engineA);
    // B is built later, after more changes; A follows them through the sequence.
    const { id } = await writeSupplier(db, supplierInput({ name: 'Fromagerie Caph' }));
    await reindexAll(database, engineB);
    expect(await engineA.version()).not.toBe(await engineB.version());
    await follow(engineA);
    const version = await engineA.version();
    expect(version).toMatch(/^s\d+-l\d+$/);
    expect(await engineB.version()).toBe(version);
    expect(await find(engineA, 'caph')).toEqual([id]);
    expect(await find(engineB, 'caph')).toEqual([id]);

    // A change applied by A only: A moves, B keeps the version of the content it still has.
    await writeSupplier(db, supplierInput({ name: 'Fromagerie Diphda' }));
    await follow(engineA);
    expect(await engineA.version()).not.toBe(version);
    expect(await engineB.version()).toBe(version);
    await follow(engineB);
    expect(await engineB.version()).toBe(await engineA.version());
  });

  it('is its own after a write outside the sequence, and shared again at the next change applied', async () => {
    await follow(engineA);
    await follow(engineB);
    const shared = await engineA.version();
    // A suspension removes the supplier from the instance's index at once (app/services/moderation).
    const { id } = await writeSupplier(db, supplierInput({ name: 'Fromagerie Electra', publicationStatus: 'draft' }));
    await engineA.remove([id]);
    const local = await engineA.version();
    expect(isLocal(local)).toBe(true);
    expect(local).not.toBe(shared);
    await engineA.remove([id]);
    expect(await engineA.version()).not.toBe(local);
    await follow(engineA);
    await follow(engineB);
    expect(isLocal(await engineA.version())).toBe(false);
    expect(await engineA.version()).toBe(await engineB.version());
  });

  it('is never shared by a rebuild that did not come from the database, until a rebuild from it', async () => {
    await follow(engineA);
    await follow(engineB);
    const shared = await engineB.version();
    const { documents } = await loadSupplierDocuments(db, await publishedIds());
    // Same cursor, other content (one document only): the version must not say the same as B's.
    const fewer = await engineA.rebuild(batches([documents.slice(0, 1)]));
    expect(fewer).toBe(1);
    expect((await engineA.feed!.position()).seq).toBe((await engineB.feed!.position()).seq);
    expect(await engineA.version()).not.toBe(shared);
    await reindexAll(database, engineA);
    expect(await engineA.version()).toBe(shared);
  });

  it('is not shared after a rebuild during which something was written outside the sequence', async () => {
    const { documents } = await loadSupplierDocuments(db, await publishedIds());
    const shared = await engineB.version();
    let written = false;
    async function* writingMeanwhile(): AsyncGenerator<SupplierDocument[]> {
      yield documents.slice(0, 1);
      // A retry or a suspension in another process, with a document it may have loaded before the rebuild started.
      await engineA.upsert(documents.slice(0, 1));
      written = true;
      yield documents.slice(1);
    }
    await engineA.rebuild(writingMeanwhile());
    await engineA.feed!.reset((await engineB.feed!.position()).seq);
    expect(written).toBe(true);
    expect(isLocal(await engineA.version())).toBe(true);
    await reindexAll(database, engineA);
    expect(await engineA.version()).toBe(shared);
  });

  it('is its own while a change the index refused is set aside, until a rebuild', async () => {
    const poisoned = refusing(engineA, /Ciguë/);
    const { id: poison } = await writeSupplier(db, supplierInput({ name: 'Fromagerie Ciguë' }));
    for (let i = 0; i < FEED_MAX_BATCH_ATTEMPTS; i++) await applyFeedBatch(db, poisoned);
    await follow(engineB);
    // Both passed the same changes, but A lacks one of them.
    expect((await engineA.feed!.position()).seq).toBe((await engineB.feed!.position()).seq);
    expect(await find(engineA, 'cigue')).toEqual([]);
    expect(await find(engineB, 'cigue')).toEqual([poison]);
    expect(await engineA.version()).not.toBe(await engineB.version());
    // Retried with success: still its own (the index cannot tell that nothing else is missing), until a rebuild.
    expect(await retryFeedFailures(db, engineA, { now: Date.now() + 3_600_000 })).toBe(1);
    expect(await find(engineA, 'cigue')).toEqual([poison]);
    expect(isLocal(await engineA.version())).toBe(true);
    await reindexAll(database, engineA);
    expect(await engineA.version()).toBe(await engineB.version());
  });

  it('is followed by another process on the same file, the reset of a rebuild included, without a full reload', async () => {
    const sameFile = openDatabase(pathB) as OpenedSqliteDatabase;
    const recorder = new SearchStatsRecorder();
    const follower = createSqliteEngine(sameFile.sqlite, { observer: recorder });
    try {
      await follower.init();
      expect(await follower.version()).toBe(await engineB.version());
      const { id } = await writeSupplier(db, supplierInput({ name: 'Fromagerie Fomalhaut' }));
      await follow(engineB);
      expect(await follower.version()).toBe(await engineB.version());
      expect(await find(follower, 'fomalhaut')).toEqual([id]);
      await engineB.remove([id]);
      expect(isLocal(await follower.version())).toBe(true);
      expect(await follower.version()).toBe(await engineB.version());
      // reindexAll by hand: the rebuild swaps the tables (a full reload, 321), the reset after it moves the version
      // (local while rebuilt, shared once reset) without one.
      const head = await headSeq(db);
      await engineB.rebuild(iteratePublishedDocuments(db, 100));
      expect(isLocal(await follower.version())).toBe(true);
      const full = recorder.refreshes.full;
      await engineB.feed!.reset(head);
      expect(isLocal(await engineB.version())).toBe(false);
      expect(await follower.version()).toBe(await engineB.version());
      expect(recorder.refreshes.full).toBe(full);
    } finally {
      await follower.close();
      await sameFile.close();
    }
  });
});

async function* batches(list: SupplierDocument[][]): AsyncGenerator<SupplierDocument[]> {
  for (const batch of list) yield batch;
}

async function publishedIds(): Promise<number[]> {
  const rows = await db.selectFrom('suppliers').select('id').where('publication_status', '=', 'published').execute();
  return rows.map((r) => r.id);
}
