import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkHealth } from '../../app/services/health.server';
import { pruneSearchChangeSequence, SEARCH_CHANGES_RETENTION_MS } from '../../app/services/jobs/search-changes.server';
import { openDatabase } from '../../db/connection';
import { findFeedCursor, prunedThrough, readChangeLag } from '../../db/repositories/search-feed';
import { applyFeedBatch, FEED_MAX_BATCH_ATTEMPTS, retryFeedFailures } from '../../search/feed';
import { startOutboxWorker } from '../../search/outbox';
import { reindexAll } from '../../search/reindex';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { SearchStatsRecorder } from '../../search/sqlite/observer';
import type { SearchEngine } from '../../search/types';
import { createSqliteTestDatabase } from '../support/db';
import { refusing, withBeforeWrite } from '../support/feed-engines';
import { changeRows, supplierInput, writeSupplier } from '../support/search-fixtures';

// Several processes on one SQLite file, each with its engine (docs/decisions/320-323): two better-sqlite3 handles
// of the same file, each with its own createSqliteEngine, stand for two node:cluster workers.

const database = createSqliteTestDatabase();
const { db } = database;
const other = openDatabase(database.file);
const recorderA = new SearchStatsRecorder();
const recorderB = new SearchStatsRecorder();
const engineA = createSqliteEngine(database.sqlite, { observer: recorderA });
const engineB = createSqliteEngine(other.sqlite, { observer: recorderB });

const find = async (engine: SearchEngine, q: string) =>
  (await engine.search({ q, page: 1, perPage: 50 })).hits.map((h) => h.id).sort((a, b) => a - b);

beforeAll(async () => {
  await engineA.init();
  await engineB.init();
});
afterAll(async () => {
  await engineA.close();
  await engineB.close();
  await other.close();
});

describe('two processes on one SQLite file', () => {
  it('share one index and one cursor: a change applied by one is found through the other without a full reload', async () => {
    expect(engineA.feed!.consumer()).toBe(engineB.feed!.consumer());
    const input = supplierInput({ name: 'Biscuiterie Achernar' });
    const { id } = await writeSupplier(db, input);
    expect(await find(engineB, 'achernar')).toEqual([]);
    const fullBefore = recorderB.refreshes.full;
    const documentsBefore = recorderB.refreshes.documents;

    // Process A applies the change; process B only searches.
    expect(await applyFeedBatch(db, engineA, { owner: 'A' })).toMatchObject({ rows: 1, upserted: 1 });
    expect(await find(engineB, 'achernar')).toEqual([id]);
    expect(recorderB.refreshes.full).toBe(fullBefore);
    expect(recorderB.refreshes.documents - documentsBefore).toBe(1);
    // Its typo tolerance knows the new word too (the log carries the words a write added).
    expect(await find(engineB, 'achernat')).toEqual([id]);

    // Suspended through B's handle (another process's write), applied by B, gone from A's answers, again
    // without a full reload.
    const fullA = recorderA.refreshes.full;
    await writeSupplier(other.db, { ...input, publicationStatus: 'suspended' });
    expect(await applyFeedBatch(other.db, engineB, { owner: 'B' })).toMatchObject({ rows: 1, removed: 1 });
    expect(await find(engineA, 'achernar')).toEqual([]);
    expect(recorderA.refreshes.full).toBe(fullA);
  });

  it('applies a batch once when both processes apply it at the same time', async () => {
    const ids: number[] = [];
    for (const name of ['Cave Bellatrix', 'Cave Canopus'])
      ids.push((await writeSupplier(db, supplierInput({ name }))).id);
    // Both read the same cursor and load the same documents before either commits.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let arrived = 0;
    const held = (engine: SearchEngine) =>
      withBeforeWrite(engine, async () => {
        arrived++;
        if (arrived === 2) release();
        await gate;
      });
    const generationBefore = generation();
    const [a, b] = await Promise.all([
      applyFeedBatch(db, held(engineA), { owner: 'A' }),
      // The claim (a lease in search_feed_cursors) would keep B out; another owner past an expired lease is what
      // the index's own cursor check must catch, so B bypasses the claim by sharing it.
      applyFeedBatch(other.db, held(engineB), { owner: 'A' }),
    ]);
    expect([a.rows, b.rows].sort()).toEqual([0, 2]);
    // One index write (one generation), and the documents once.
    expect(generation()).toBe(generationBefore + 1);
    expect(await find(engineA, 'cave')).toEqual(ids);
    expect(await find(engineB, 'cave')).toEqual(ids);
  });

  it('lets one process at a time claim the next batch', async () => {
    await writeSupplier(db, supplierInput({ name: 'Cave Deneb' }));
    let inside = false;
    let concurrent: Awaited<ReturnType<typeof applyFeedBatch>> | undefined;
    const slow = withBeforeWrite(engineA, async () => {
      if (inside) return;
      inside = true;
      // While A holds the claim, B finds nothing to do.
      concurrent = await applyFeedBatch(other.db, engineB, { owner: 'B' });
    });
    expect(await applyFeedBatch(db, slow, { owner: 'A' })).toMatchObject({ rows: 1 });
    expect(concurrent).toEqual({ rows: 0, upserted: 0, removed: 0 });
    expect((await findFeedCursor(db, engineA.feed!.consumer()))!.seq).toBe((await engineA.feed!.position()).seq);
  });
});

function generation(): number {
  return database.sqlite.prepare(`SELECT value FROM search_meta WHERE key = 'generation'`).pluck().get() as number;
}

describe('a change the engine keeps refusing', () => {
  it('is set aside after the batch failed enough times, recorded, shown by /healthz, and retried later', async () => {
    const poisoned = refusing(engineA, /Ciguë/);
    const { id: poison } = await writeSupplier(db, supplierInput({ name: 'Herboristerie Ciguë' }));
    const { id: good } = await writeSupplier(db, supplierInput({ name: 'Herboristerie Dauphine' }));
    for (let i = 1; i < FEED_MAX_BATCH_ATTEMPTS; i++)
      expect((await applyFeedBatch(db, poisoned)).error).toBeInstanceOf(Error);
    expect(await find(engineA, 'dauphine')).toEqual([]);

    const isolated = await applyFeedBatch(db, poisoned);
    expect(isolated).toMatchObject({ rows: 2, upserted: 1, failed: 1 });
    expect(isolated.error).toBeUndefined();
    expect(await find(engineB, 'dauphine')).toEqual([good]);
    const failures = await db.selectFrom('search_feed_failures').selectAll().execute();
    expect(failures).toMatchObject([{ supplier_id: poison, attempts: 1 }]);
    expect(failures[0].last_error).toContain('Document refusé : Herboristerie Ciguë');

    // Later changes are not held back.
    const { id: later } = await writeSupplier(db, supplierInput({ name: 'Herboristerie Électre' }));
    expect(await applyFeedBatch(db, poisoned)).toMatchObject({ rows: 1, upserted: 1 });
    expect(await find(engineA, 'electre')).toEqual([later]);

    const report = await checkHealth({ database, search: engineA });
    expect(report.outbox).toMatchObject({ pending: 0, failing: 1 });
    expect(report.status).toBe('degraded');
    expect(report.reasons.join('\n')).toContain('1 modification(s) refusée(s) par le moteur de recherche');

    // Not due yet: nothing retried. Due, with the engine still refusing: one more attempt. Then it is taken.
    expect(await retryFeedFailures(db, poisoned)).toBe(0);
    const later1 = Date.now() + 3_600_000;
    expect(await retryFeedFailures(db, poisoned, { now: later1 })).toBe(0);
    expect((await db.selectFrom('search_feed_failures').select('attempts').executeTakeFirstOrThrow()).attempts).toBe(2);
    expect(await retryFeedFailures(db, engineA, { now: later1 + 3_600_000 })).toBe(1);
    expect(await find(engineB, 'cigue')).toEqual([poison]);
    expect(await db.selectFrom('search_feed_failures').selectAll().execute()).toEqual([]);
    expect((await checkHealth({ database, search: engineA })).status).toBe('ok');
  });
});

describe('pruning', () => {
  it('deletes the changes every active consumer passed and older than the retention, keeps the others', async () => {
    const { id } = await writeSupplier(db, supplierInput({ name: 'Vinaigrerie Fornax' }));
    await applyFeedBatch(db, engineA);
    const cursor = (await engineA.feed!.position()).seq;
    // A Meilisearch consumer that stopped at seq 2 a long time ago, and changes made long ago.
    const old = new Date(Date.now() - SEARCH_CHANGES_RETENTION_MS - 86_400_000).toISOString();
    await db.insertInto('search_feed_cursors').values({ consumer: 'meilisearch', seq: 2, updated_at: old }).execute();
    await db.updateTable('search_changes').set({ changed_at: old }).where('seq', '<', cursor).execute();
    const before = await changeRows(db);

    // The last change is recent: it stays whatever the cursors say.
    const { deleted } = await pruneSearchChangeSequence(db);
    expect(deleted).toBe(before.filter((r) => r.seq < cursor).length);
    const after = await changeRows(db);
    expect(after.map((r) => r.seq)).toEqual([cursor]);
    expect(after[0].supplier_id).toBe(id);
    expect(await prunedThrough(db)).toBe(cursor - 1);
    expect(await readChangeLag(db, cursor)).toEqual({ pending: 0, oldestChangedAt: null });

    // An active consumer behind holds the changes it has not applied.
    await db
      .updateTable('search_feed_cursors')
      .set({ seq: cursor - 1, updated_at: new Date().toISOString() })
      .where('consumer', '=', 'meilisearch')
      .execute();
    await db.updateTable('search_changes').set({ changed_at: old }).execute();
    expect((await pruneSearchChangeSequence(db)).deleted).toBe(0);
    await db.deleteFrom('search_feed_cursors').where('consumer', '=', 'meilisearch').execute();
  });

  it('makes a worker whose cursor is below the pruned changes rebuild its index', async () => {
    const { id } = await writeSupplier(db, supplierInput({ name: 'Vinaigrerie Gienah' }));
    // An index that was away: its cursor is below the pruned mark, and it misses a document whose change was
    // pruned (only a rebuild can bring it back).
    const [bellatrix] = await find(engineA, 'bellatrix');
    await engineA.remove([bellatrix]);
    expect(await find(engineB, 'bellatrix')).toEqual([]);
    await engineA.feed!.reset(0);
    const worker = startOutboxWorker(db, engineA, { intervalMs: 20, database });
    try {
      await expect.poll(() => engineA.feed!.position().then((p) => p.seq), { timeout: 5000 }).toBeGreaterThan(0);
      await expect.poll(() => find(engineB, 'gienah'), { timeout: 5000 }).toEqual([id]);
      await expect.poll(() => find(engineB, 'bellatrix'), { timeout: 5000 }).toEqual([bellatrix]);
    } finally {
      await worker.stop();
    }
    expect(worker.status().lastError).toBeNull();
  });
});

describe('reindexAll and the sequence', () => {
  it('sets the cursor to the last change read before the rebuild; later changes are applied after it', async () => {
    const { id: before } = await writeSupplier(db, supplierInput({ name: 'Tisanerie Hadar' }));
    let during: number | undefined;
    const seqBefore = Math.max(...(await changeRows(db)).map((r) => r.seq));
    await reindexAll(database, engineA, () => {
      during ??= -1;
    });
    expect((await engineA.feed!.position()).seq).toBe(seqBefore);
    expect(await find(engineB, 'hadar')).toEqual([before]);
    const { id } = await writeSupplier(db, supplierInput({ name: 'Tisanerie Izar' }));
    expect(await applyFeedBatch(other.db, engineB)).toMatchObject({ rows: 1, upserted: 1 });
    expect(await find(engineA, 'izar')).toEqual([id]);
    expect(during).toBe(-1);
  });
});
