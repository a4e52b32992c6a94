import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createMeilisearchEngine } from '../../search/meilisearch/engine';
import { drainOutbox, startOutboxWorker } from '../../search/outbox';
import { findFeedCursor } from '../../db/repositories/search-feed';
import { createSqliteEngine } from '../../search/sqlite/engine';
import type { SearchEngine } from '../../search/types';
import { createTestDatabase, sqliteOf } from '../support/db';
import { withBeforeWrite } from '../support/feed-engines';
import { changeRows, supplierInput, writeSupplier } from '../support/search-fixtures';
import { closedPort } from '../support/net';

// The search change sequence applied to one engine (search/feed.ts through search/outbox.ts, docs/decisions/320,
// 322). The outbox queue it replaced was emptied by its reader; a sequence keeps its changes, and "waiting" means
// "after this engine's cursor". The tests of several engines on one file are in search-feed.test.ts.

const database = createTestDatabase();
const { db } = database;
const { sqlite } = sqliteOf(database);
const engine = createSqliteEngine(sqlite);

/** The real engine, with a hook run before each write reaches it. */
const withBeforeUpsert = (inner: SearchEngine, before: () => Promise<void>) => withBeforeWrite(inner, before);

/** The changes after the engine's cursor. */
async function waiting(of: SearchEngine = engine): Promise<number[]> {
  const cursor = of.feed ? (await of.feed.position()).seq : ((await findFeedCursor(db, of.name))?.seq ?? 0);
  return (await changeRows(db)).filter((r) => r.seq > cursor).map((r) => r.supplier_id);
}

async function cursorRow(of: SearchEngine) {
  return findFeedCursor(db, of.feed ? of.feed.consumer() : of.name);
}

async function findByText(q: string): Promise<number[]> {
  const result = await engine.search({ q, page: 1, perPage: 50 });
  return result.hits.map((h) => h.id);
}

beforeAll(async () => {
  await engine.init();
});
afterAll(async () => {
  await engine.close();
});

describe('drainOutbox', () => {
  it('makes a published supplier searchable and moves the cursor past its change', async () => {
    const { id } = await writeSupplier(db, supplierInput({ name: 'Atelier Zéphyrin' }));
    expect(await waiting()).toContain(id);
    expect(await findByText('zephyrin')).toEqual([]);

    const result = await drainOutbox(db, engine, { batchSize: 100 });
    expect(result).toMatchObject({ upserted: 1, removed: 0 });
    expect(result.error).toBeUndefined();
    expect(await findByText('zephyrin')).toEqual([id]);
    expect(await waiting()).toEqual([]);
    // The change stays in the sequence for the other consumers.
    const changes = await changeRows(db);
    expect(changes.map((r) => r.supplier_id)).toContain(id);
    expect((await engine.feed!.position()).seq).toBe(changes.at(-1)!.seq);
  });

  it('removes a supplier that is no longer published', async () => {
    const input = supplierInput({ name: 'Recyclerie Ombelline' });
    const { id } = await writeSupplier(db, input);
    await drainOutbox(db, engine);
    expect(await findByText('ombelline')).toEqual([id]);

    await writeSupplier(db, { ...input, publicationStatus: 'suspended' });
    const result = await drainOutbox(db, engine);
    expect(result).toMatchObject({ rows: 1, upserted: 0, removed: 1 });
    expect(await findByText('ombelline')).toEqual([]);
    expect(await waiting()).toEqual([]);
  });

  it('processes at most batchSize rows, oldest first', async () => {
    const ids: number[] = [];
    for (const name of ['Brasserie Alcyone', 'Brasserie Bételgeuse', 'Brasserie Céphée'])
      ids.push((await writeSupplier(db, supplierInput({ name }))).id);
    const first = await drainOutbox(db, engine, { batchSize: 2 });
    expect(first).toMatchObject({ rows: 2, upserted: 2 });
    expect(await waiting()).toEqual([ids[2]]);
    expect(await drainOutbox(db, engine, { batchSize: 2 })).toMatchObject({ rows: 1, upserted: 1 });
    expect(await drainOutbox(db, engine, { batchSize: 2 })).toEqual({ rows: 0, upserted: 0, removed: 0 });
    expect((await findByText('brasserie')).sort((a, b) => a - b)).toEqual(ids);
  });

  it('keeps the cursor, counts the attempts and keeps the error when the engine fails, and succeeds later', async () => {
    let failing = true;
    const flaky = withBeforeWrite(engine, () => {
      if (failing) throw new Error('Moteur en panne');
    });
    const { id } = await writeSupplier(db, supplierInput({ name: 'Conserverie Dorémi' }));

    const failed = await drainOutbox(db, flaky);
    expect(failed.error).toBeInstanceOf(Error);
    expect(failed).toMatchObject({ rows: 1, upserted: 0, removed: 0 });
    expect(await waiting()).toEqual([id]);
    expect(await cursorRow(engine)).toMatchObject({
      attempts: 1,
      last_error: expect.stringContaining('Moteur en panne'),
    });

    await drainOutbox(db, flaky);
    expect((await cursorRow(engine))!.attempts).toBe(2);

    failing = false;
    expect(await drainOutbox(db, flaky)).toMatchObject({ rows: 1, upserted: 1 });
    expect(await waiting()).toEqual([]);
    expect(await cursorRow(engine)).toMatchObject({ attempts: 0, last_error: null });
    expect(await findByText('doremi')).toEqual([id]);
  });

  it('keeps the cursor of an unreachable Meilisearch in the database, apart from the embedded index', async () => {
    const down = createMeilisearchEngine({
      host: `http://127.0.0.1:${await closedPort()}`,
      indexUid: 'suppliers',
      taskTimeoutMs: 2000,
    });
    const { id } = await writeSupplier(db, supplierInput({ name: 'Scierie Persée' }));
    expect((await drainOutbox(db, down)).error).toBeDefined();
    expect(await cursorRow(down)).toMatchObject({ consumer: 'meilisearch', seq: 0, attempts: 1 });
    expect((await cursorRow(down))!.last_error).toMatch(/\S/);
    // The embedded index follows the same sequence from its own cursor.
    expect(await drainOutbox(db, engine)).toMatchObject({ rows: 1, upserted: 1 });
    expect(await findByText('persee')).toEqual([id]);
    expect(await waiting(down)).toContain(id);
  });

  it('leaves a change appended while a batch is applied for the next batch', async () => {
    const { id: first } = await writeSupplier(db, supplierInput({ name: 'Menuiserie Eridan' }));
    let concurrent: number | undefined;
    const racing = withBeforeUpsert(engine, async () => {
      // Another request writes a supplier after the drain read its rows and before it deletes them.
      concurrent ??= (await writeSupplier(db, supplierInput({ name: 'Menuiserie Fomalhaut' }))).id;
    });

    expect(await drainOutbox(db, racing)).toMatchObject({ rows: 1, upserted: 1 });
    expect(concurrent).toBeDefined();
    expect(await waiting()).toEqual([concurrent]);
    expect(await findByText('fomalhaut')).toEqual([]);

    await drainOutbox(db, engine);
    expect(await findByText('menuiserie')).toEqual(expect.arrayContaining([first, concurrent]));
    expect(await waiting()).toEqual([]);
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(drainOutbox(db, engine, { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});

describe('startOutboxWorker', () => {
  it('drains at start and then periodically, one drain at a time, until stopped', async () => {
    const { id: before } = await writeSupplier(db, supplierInput({ name: 'Traiteur Galathée' }));
    let active = 0;
    let maxActive = 0;
    const slow = withBeforeUpsert(engine, async () => {
      active++;
      maxActive = Math.max(maxActive, active);
      // Slower than the interval, so ticks come while a drain is running.
      await new Promise((resolve) => setTimeout(resolve, 60));
      active--;
    });
    const errors: unknown[] = [];
    const worker = startOutboxWorker(db, slow, { intervalMs: 10, batchSize: 1, onError: (e) => errors.push(e) });
    try {
      await expect.poll(() => findByText('galathee'), { timeout: 5000, interval: 20 }).toEqual([before]);
      const { id: after } = await writeSupplier(db, supplierInput({ name: 'Traiteur Hélianthe' }));
      const { id: third } = await writeSupplier(db, supplierInput({ name: 'Traiteur Hélianthe Sud' }));
      await expect
        .poll(async () => (await findByText('helianthe')).sort((a, b) => a - b), { timeout: 5000, interval: 20 })
        .toEqual([after, third]);
    } finally {
      await worker.stop();
    }
    expect(maxActive).toBe(1);
    expect(errors).toEqual([]);
    expect(await waiting()).toEqual([]);

    // Stopped: nothing is applied any more.
    await writeSupplier(db, supplierInput({ name: 'Traiteur Izar' }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await waiting()).toHaveLength(1);
    expect(await findByText('izar')).toEqual([]);
    await drainOutbox(db, engine);
  });

  it('reports engine failures and keeps the cursor', async () => {
    const down = createMeilisearchEngine({
      host: `http://127.0.0.1:${await closedPort()}`,
      indexUid: 'suppliers',
      taskTimeoutMs: 2000,
    });
    await writeSupplier(db, supplierInput({ name: 'Imprimerie Jabbah' }));
    const attemptsBefore = (await cursorRow(down))?.attempts ?? 0;
    const errors: unknown[] = [];
    const worker = startOutboxWorker(db, down, { intervalMs: 20, onError: (e) => errors.push(e) });
    try {
      await expect.poll(() => errors.length, { timeout: 5000, interval: 20 }).toBeGreaterThanOrEqual(2);
    } finally {
      await worker.stop();
    }
    // Every change fails and the engine does not answer: no document to set aside, the cursor stays.
    expect(await cursorRow(down)).toMatchObject({ seq: 0, attempts: attemptsBefore + errors.length });
    expect(await waiting(down)).not.toEqual([]);
    await drainOutbox(db, engine);
  });

  it('backs off after failures instead of trying at every tick', async () => {
    const down = createMeilisearchEngine({
      host: `http://127.0.0.1:${await closedPort()}`,
      indexUid: 'suppliers',
      taskTimeoutMs: 2000,
    });
    await writeSupplier(db, supplierInput({ name: 'Imprimerie Kochab' }));
    const errors: unknown[] = [];
    const worker = startOutboxWorker(db, down, { intervalMs: 20, onError: (e) => errors.push(e) });
    await new Promise((resolve) => setTimeout(resolve, 700));
    await worker.stop();
    // Without back-off, 35 ticks; with it, attempts near 0, 20, 60, 140, 300, 620 ms.
    expect(errors.length).toBeGreaterThanOrEqual(2);
    expect(errors.length).toBeLessThanOrEqual(8);
    await drainOutbox(db, engine);
  });
});

describe('outbox worker state', () => {
  it('says it is failing, how often and why, backs off, then recovers', async () => {
    const host = `http://127.0.0.1:${await closedPort()}`;
    const down = createMeilisearchEngine({ host, indexUid: 'suppliers', taskTimeoutMs: 2000 });
    await writeSupplier(db, supplierInput({ name: 'Tonnellerie Lesath' }));
    const worker = startOutboxWorker(db, down, { intervalMs: 20, hints: { url: host }, onError: () => undefined });
    try {
      await expect
        .poll(() => worker.status().consecutiveFailures, { timeout: 5000, interval: 20 })
        .toBeGreaterThanOrEqual(2);
      const status = worker.status();
      expect(status.state).toBe('failing');
      expect(status.lastError).toMatch(
        new RegExp(`^Serveur de recherche injoignable \\(${host.replace(/\./g, '\\.')}\\)`),
      );
      expect(Date.parse(status.nextAttemptAt!)).toBeGreaterThan(Date.parse(status.lastErrorAt!));
      expect(status.lastSuccessAt).toBeNull();
      const cursor = await cursorRow(down);
      expect(cursor!.attempts).toBeGreaterThanOrEqual(2);
      expect(cursor!.last_error).toContain('Serveur de recherche injoignable');
    } finally {
      await worker.stop();
    }
    expect(worker.status().state).toBe('stopped');

    const healthy = startOutboxWorker(db, engine, { intervalMs: 20 });
    try {
      await expect.poll(() => healthy.status().lastSuccessAt, { timeout: 5000, interval: 20 }).not.toBeNull();
      // Polled: with a 20 ms interval the next (empty) drain may be running when the status is read, more so when
      // each query is a round trip to PostgreSQL.
      await expect
        .poll(() => healthy.status(), { timeout: 5000, interval: 5 })
        .toMatchObject({ state: 'idle', consecutiveFailures: 0, nextAttemptAt: null });
      expect(await waiting()).toEqual([]);
    } finally {
      await healthy.stop();
    }
  });

  // A read-only SQLite handle is SQLite's own failure; PostgreSQL's read-only answer (25006) is classified in
  // tests/unit/failure.test.ts.
  it.skipIf(database.dialect === 'postgres')(
    'records a database failure during a drain (a read-only database) instead of dying',
    async () => {
      await writeSupplier(db, supplierInput({ name: 'Vannerie Muscida' }));
      // A real read-only handle on the same file: claiming the batch (a write of the cursor row) fails.
      const readOnly = openDatabase(database.file, { readonly: true });
      const errors: unknown[] = [];
      const worker = startOutboxWorker(readOnly.db, engine, {
        intervalMs: 20,
        hints: { path: database.file },
        onError: (e) => errors.push(e),
      });
      try {
        await expect
          .poll(() => worker.status().consecutiveFailures, { timeout: 5000, interval: 20 })
          .toBeGreaterThanOrEqual(1);
        const status = worker.status();
        expect(status.state).toBe('failing');
        expect(status.lastError).toContain(`Écriture impossible (${database.file})`);
        expect(status.lastError).toContain('SQLITE_READONLY');
      } finally {
        await worker.stop();
        await readOnly.close();
      }
      // The change stays after the cursor for a later pass.
      expect(await waiting()).toHaveLength(1);
      await drainOutbox(db, engine);
      expect(await findByText('muscida')).toHaveLength(1);
    },
  );

  it('records a full database (SQLITE_FULL) on the cursor and in the worker state, then catches up', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `mot${i}unique${i}`).join(' ');
    const { id } = await writeSupplier(db, supplierInput({ name: 'Savonnerie Wezen', description: long }));
    // A database that cannot grow any more: the SQLite engine's index write (same file) fails with SQLITE_FULL.
    const pages = Number(sqlite.pragma('page_count', { simple: true }));
    sqlite.pragma(`max_page_count = ${pages}`);
    const worker = startOutboxWorker(db, engine, {
      intervalMs: 20,
      hints: { path: database.file },
      onError: () => undefined,
    });
    try {
      await expect
        .poll(() => worker.status().consecutiveFailures, { timeout: 5000, interval: 20 })
        .toBeGreaterThanOrEqual(1);
      expect(worker.status().lastError).toContain(`Disque plein (${database.file})`);
    } finally {
      await worker.stop();
      sqlite.pragma('max_page_count = 1073741823');
    }
    expect(await waiting()).toEqual([id]);
    const cursor = await cursorRow(engine);
    expect(cursor!.attempts).toBeGreaterThanOrEqual(1);
    expect(cursor!.last_error).toContain('Disque plein');
    expect(cursor!.last_error).toContain('SQLITE_FULL');
    await drainOutbox(db, engine);
    expect(await findByText('wezen')).toEqual([id]);
  });
});
