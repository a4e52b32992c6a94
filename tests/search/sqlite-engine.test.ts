import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection';
import { createSqliteEngine } from '../../search/sqlite/engine';
import { PHASES, SearchStatsRecorder } from '../../search/sqlite/observer';
import type { SupplierDocument } from '../../search/types';
import { createSqliteTestDatabase } from '../support/db';
import { byId, FIXTURES } from './contract-fixtures';

// Behaviours of the SQLite engine beyond the shared contract: its tables, the refresh of its in-memory
// state when another connection writes, the bounded bm25 ranking, its observer hook, rebuild edge cases.

const page = { page: 1, perPage: 50 };

async function* batches(docs: SupplierDocument[], size: number, fail = false): AsyncGenerator<SupplierDocument[]> {
  for (let i = 0; i < docs.length; i += size) yield docs.slice(i, i + size);
  if (fail) throw new Error('source failed');
}

describe('SQLite search engine', () => {
  const database = createSqliteTestDatabase();
  const second = createSqliteTestDatabase();

  it('keeps its index in tables of the application database, created by init()', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await expect(engine.search(page)).rejects.toThrow(/init/);
    await engine.init();
    const tables = database.sqlite.prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'search_%'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['search_docs', 'search_fts', 'search_vocab', 'search_meta']));
    await engine.upsert(FIXTURES);
    expect(await engine.documentCount()).toBe(FIXTURES.length);
    expect(database.sqlite.prepare('SELECT count(*) FROM search_docs').pluck().get()).toBe(FIXTURES.length);
    await engine.close();
  });

  it('sees the writes of another connection (another process) on its next search', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await engine.init();
    await engine.upsert(FIXTURES);
    const other = openDatabase(database.file);
    try {
      const writer = createSqliteEngine(other.sqlite);
      await writer.init();
      await writer.upsert([{ ...byId(105), name: 'Armor Élagage Insertion' }]);
      await writer.remove([103]);
      expect((await engine.search({ ...page, q: 'armor' })).hits.map((h) => h.id)).toEqual([105]);
      expect((await engine.search({ ...page, q: 'bretagne' })).total).toBe(0);
      expect((await engine.search(page)).total).toBe(FIXTURES.length - 1);
      // A typo of a word that only the other connection indexed: the vocabulary was reloaded too.
      expect((await engine.search({ ...page, q: 'armorr' })).hits.map((h) => h.id)).toEqual([105]);
    } finally {
      await other.close();
    }
    await engine.upsert(FIXTURES);
  });

  it('ranks with bm25 within its budget and keeps the same matches beyond it', async () => {
    const [fullStats, boundedStats, noneStats] = [1, 2, 3].map(() => new SearchStatsRecorder());
    const full = createSqliteEngine(database.sqlite, { observer: fullStats });
    const bounded = createSqliteEngine(database.sqlite, { bm25Budget: 2, observer: boundedStats });
    const none = createSqliteEngine(database.sqlite, { bm25Budget: 0, observer: noneStats });
    for (const e of [full, bounded, none]) await e.init();
    await full.upsert(FIXTURES);

    const exact = await full.search({ ...page, q: 'nettoyage' });
    expect(fullStats.lastStats()).toMatchObject({ strategy: 'bm25-full', matches: 3, bm25Rows: 3, cached: false });

    // 3 matches > budget 2: the 2 name matches (101, 111) ranked with bm25, then 110 (description).
    const tiered = await bounded.search({ ...page, q: 'nettoyage' });
    expect(boundedStats.lastStats()).toMatchObject({ strategy: 'bm25-name-tier', bm25Rows: 2 });
    expect(tiered.hits.map((h) => h.id).slice(2)).toEqual([110]);
    expect(new Set(tiered.hits.map((h) => h.id))).toEqual(new Set(exact.hits.map((h) => h.id)));

    // No budget at all: name matches first, each tier in the default order (verified first, then name).
    const unranked = await none.search({ ...page, q: 'nettoyage' });
    expect(noneStats.lastStats().strategy).toBe('default-order');
    expect(unranked.hits.map((h) => h.id)).toEqual([101, 111, 110]);
    expect(unranked.total).toBe(exact.total);
    expect(unranked.facets).toEqual(exact.facets);
  });

  it('keeps the name and default orders right after in-process changes', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await engine.init();
    await engine.upsert([{ ...byId(112), name: 'Aaa Toile', charterStatus: 'verified' }]);
    expect((await engine.search({ ...page, sort: 'name' })).hits[0].id).toBe(112);
    expect((await engine.search(page)).hits[0].id).toBe(112);
    await engine.remove([112]);
    const after = await engine.search(page);
    expect(after.hits.map((h) => h.id)).not.toContain(112);
    expect(after.total).toBe(FIXTURES.length - 1);
    await engine.upsert([byId(112)]);
    const restored = await engine.search({ ...page, sort: 'name' });
    expect(restored.hits.map((h) => h.name)).toEqual(
      [...FIXTURES]
        .map((d) => d.name)
        .sort((a, b) => {
          const key = (n: string) => n.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
          return key(a) < key(b) ? -1 : 1;
        }),
    );
  });

  it('caches the matches of a query until the index changes', async () => {
    const stats = new SearchStatsRecorder();
    const engine = createSqliteEngine(database.sqlite, { observer: stats });
    await engine.init();
    await engine.search({ ...page, q: 'blanchisserie' });
    expect(stats.lastStats().cached).toBe(false);
    await engine.search({ ...page, q: 'blanchisserie', kinds: ['EA'] });
    expect(stats.lastStats()).toMatchObject({ cached: true, bm25Rows: 0 });
    await engine.upsert([byId(103)]);
    await engine.search({ ...page, q: 'blanchisserie' });
    expect(stats.lastStats().cached).toBe(false);
    stats.clearCaches();
    await engine.search({ ...page, q: 'blanchisserie' });
    expect(stats.lastStats().cached).toBe(false);
  });

  it('tells its observer how each search was answered, with the time of each phase', async () => {
    const stats = new SearchStatsRecorder();
    const engine = createSqliteEngine(database.sqlite, { observer: stats });
    expect(() => createSqliteEngine(database.sqlite, { observer: stats })).toThrow(/one engine/);
    await engine.init();
    await engine.search(page);
    expect(stats.lastStats()).toMatchObject({ strategy: 'none', matches: FIXTURES.length, bm25Rows: 0 });
    await engine.search({ ...page, q: 'cocagme' });
    const { phases, strategy, matches } = stats.lastStats();
    expect({ strategy, matches }).toEqual({ strategy: 'bm25-full', matches: 1 });
    expect(Object.keys(phases).sort()).toEqual([...PHASES].sort());
    for (const ms of Object.values(phases)) expect(ms).toBeGreaterThanOrEqual(0);
  });

  it('finds words written with a ligature, and a SIRET typed with spaces', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await engine.init();
    await engine.upsert([{ ...byId(112), description: "Montage de chapiteaux, main-d'œuvre en insertion." }]);
    expect((await engine.search({ ...page, q: 'oeuvre' })).hits.map((h) => h.id)).toEqual([112]);
    expect((await engine.search({ ...page, q: 'œuvre' })).hits.map((h) => h.id)).toEqual([112]);
    expect((await engine.search({ ...page, q: '818 142 572 00010' })).hits.map((h) => h.id)).toEqual([104]);
    await engine.upsert([byId(112)]);
  });

  it('treats FTS5 syntax in the query as plain words', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await engine.init();
    for (const q of [
      '"nettoyage',
      'nettoyage OR *',
      'NEAR(a b)',
      '{name}: x',
      "'; DROP TABLE search_docs; --",
      '^cocagne',
      '-',
      '***',
    ]) {
      const result = await engine.search({ ...page, q });
      expect(result.total).toBeGreaterThanOrEqual(0);
    }
    expect((await engine.search({ ...page, q: '"cocagne"' })).hits.map((h) => h.id)).toEqual([102]);
    expect(database.sqlite.prepare('SELECT count(*) FROM search_docs').pluck().get()).toBe(FIXTURES.length);
  });

  it('keeps a change made while a rebuild runs', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await engine.init();
    async function* source(): AsyncGenerator<SupplierDocument[]> {
      yield FIXTURES.slice(0, 6);
      // The outbox worker upserts a supplier the rebuild has already read, with new data.
      await engine.upsert([{ ...byId(101), name: 'Éclat Zénith Solidaire' }]);
      yield FIXTURES.slice(6);
    }
    expect(await engine.rebuild(source())).toBe(FIXTURES.length);
    expect((await engine.search({ ...page, q: 'zenith' })).hits.map((h) => h.id)).toEqual([101]);
    await engine.upsert([byId(101)]);
  });

  it('leaves the live index untouched when a rebuild fails', async () => {
    const engine = createSqliteEngine(database.sqlite);
    await engine.init();
    await expect(engine.rebuild(batches(FIXTURES.slice(0, 3), 2, true))).rejects.toThrow('source failed');
    expect((await engine.search(page)).total).toBe(FIXTURES.length);
    const leftovers = database.sqlite
      .prepare(`SELECT name FROM sqlite_master WHERE name LIKE 'search_%_next%'`)
      .pluck()
      .all();
    expect(leftovers).toEqual([]);
    // And a later rebuild works.
    expect(await engine.rebuild(batches(FIXTURES, 5))).toBe(FIXTURES.length);
    expect((await engine.search({ ...page, q: 'cocagme' })).hits.map((h) => h.id)).toEqual([102]);
  });

  it('drops an index of an older layout at init (it is rebuilt from the database)', async () => {
    const other = second;
    const engine = createSqliteEngine(other.sqlite);
    await engine.init();
    await engine.upsert(FIXTURES);
    other.sqlite.prepare(`UPDATE search_meta SET value = 0 WHERE key = 'layout'`).run();
    await engine.init();
    expect((await engine.search(page)).total).toBe(0);
    // Its cursor in the change sequence says "rebuild me" (the feed worker does, decision 322).
    expect((await engine.feed!.position()).seq).toBe(-1);
    expect(await engine.rebuild(batches(FIXTURES, 4))).toBe(FIXTURES.length);
    expect((await engine.search(page)).total).toBe(FIXTURES.length);
  });
});
