import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { upsertSupplierBySiret } from '../../db/repositories/suppliers';
import { parseEnv } from '../../app/env.server';
import { loader } from '../../app/routes/api.v1.suppliers';
import { setAppContext } from '../../app/services/context.server';
import { loadSearchPage } from '../../app/services/search-page.server';
import { openDatabase, type OpenedSqliteDatabase } from '../../db/connection';
import { drainOutbox } from '../../search/outbox';
import { reindexAll } from '../../search/reindex';
import { createSqliteEngine } from '../../search/sqlite/engine';
import type { SearchEngine } from '../../search/types';
import { TMP_DIR } from '../support/paths';
import { call, FIXTURE, setUpApiFixture, unreachableEngine, type ApiFixture } from './fixture';

// The search answers' HTTP caching and the cache of repeated answers (docs/decisions/303-search-answer-caching.md):
// an ETag naming the index version, 304 while it holds, a new answer as soon as the index changes.

let fx: ApiFixture;
beforeAll(async () => {
  fx = await setUpApiFixture();
});

function get(query: string, headers: Record<string, string> = {}) {
  return call(loader, `/api/v1/suppliers?${query}`, {}, { headers });
}

/** Renames a fixture supplier and lets the index follow, as the server's worker does. */
async function rename(name: string, engines: SearchEngine[] = [fx.context.search]) {
  await fx.database.db.transaction().execute((trx) => upsertSupplierBySiret(trx, { ...FIXTURE.jardins, name }));
  for (const engine of engines) await follow(engine);
}

async function follow(engine: SearchEngine) {
  for (;;) {
    const drained = await drainOutbox(fx.database.db, engine);
    if (drained.error) throw drained.error;
    if (drained.rows === 0) break;
  }
}

describe('GET /api/v1/suppliers: ETag and the cache of answers', () => {
  it('names the index version in a weak ETag, and answers 304 without a body while it holds', async () => {
    const first = await get('q=jardins');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    // The fixture's index is fed without a rebuild: the version names this index alone (docs/decisions/324).
    expect(etag).toMatch(/^W\/"dev-s\d+-l\d+~[0-9a-z]+\.\d+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');

    for (const header of [etag, etag.slice(2), `W/"autre", ${etag}`, '*']) {
      const again = await get('q=jardins', { 'if-none-match': header });
      expect(again.status, header).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      expect(again.headers.get('cache-control')).toBe('public, max-age=5, stale-while-revalidate=30');
    }
    expect((await get('q=jardins', { 'if-none-match': 'W/"dev-g0"' })).status).toBe(200);
  });

  it('answers a repeated query with the same body, and a new one as soon as the index changes', async () => {
    const before = await get('q=jardins');
    const body = await before.text();
    expect(await (await get('q=jardins')).text()).toBe(body);

    await rename('Les Jardins du Rhône et de la Saône');
    const after = await get('q=jardins', { 'if-none-match': before.headers.get('etag')! });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    expect((await after.json()).hits.map((h: { name: string }) => h.name)).toEqual([
      'Les Jardins du Rhône et de la Saône',
    ]);
  });

  it('gives the search page the new view as soon as the index changes too', async () => {
    const view = async () => {
      const page = await loadSearchPage(fx.context, new URLSearchParams('q=jardins'));
      if (page.kind !== 'page') throw new Error('expected a page');
      return page.results!.hits.map((h) => h.name);
    };
    await rename('Les Jardins du Rhône');
    expect(await view()).toEqual(['Les Jardins du Rhône']);
    expect(await view()).toEqual(['Les Jardins du Rhône']);
    await rename('Les Jardins de Lyon');
    expect(await view()).toEqual(['Les Jardins de Lyon']);
  });

  it('never caches a refused request or an unavailable engine, and gives them no ETag', async () => {
    const refused = await get('kind=XYZ');
    expect(refused.status).toBe(400);
    expect(refused.headers.get('etag')).toBeNull();
    expect(refused.headers.get('cache-control')).toBe('no-store');

    const search = fx.context.search;
    setAppContext({ ...fx.context, search: await unreachableEngine() });
    try {
      const down = await get('q=jardins');
      expect(down.status).toBe(503);
      expect(down.headers.get('etag')).toBeNull();
      expect(down.headers.get('cache-control')).toBe('no-store');
    } finally {
      setAppContext({ ...fx.context, search });
    }
  });

  it('answers right with the cache turned off (SEARCH_CACHE_ENTRIES=0)', async () => {
    const env = parseEnv({
      NODE_ENV: 'test',
      DATABASE_PATH: fx.database.file,
      SEED_DEMO: '0',
      SEARCH_CACHE_ENTRIES: '0',
    });
    setAppContext({ ...fx.context, env });
    try {
      await rename('Les Jardins de Villeurbanne');
      const answer = await get('q=jardins');
      expect(answer.status).toBe(200);
      expect((await answer.json()).hits.map((h: { name: string }) => h.name)).toEqual(['Les Jardins de Villeurbanne']);
    } finally {
      setAppContext(fx.context);
    }
  });

  it('refuses a SEARCH_CACHE_ENTRIES that is not a whole number from 0 to 100000', () => {
    for (const bad of ['-1', '1.5', 'beaucoup', '100001'])
      expect(() => parseEnv({ SEARCH_CACHE_ENTRIES: bad }), bad).toThrow(
        'SEARCH_CACHE_ENTRIES: expected a whole number of answers, 0 to 100000 (0 turns the cache off)',
      );
    for (const bad of ['-1', '2.5', 'tout', '100001'])
      expect(() => parseEnv({ HTML_CACHE_ENTRIES: bad }), bad).toThrow(
        'HTML_CACHE_ENTRIES: expected a whole number of pages, 0 to 100000 (0 turns the cache off)',
      );
    expect(parseEnv({}).HTML_CACHE_ENTRIES).toBe(300);
    expect(parseEnv({ HTML_CACHE_ENTRIES: '0' }).HTML_CACHE_ENTRIES).toBe(0);
  });
});

describe('GET /api/v1/suppliers behind a load balancer: two instances, each with its own index file', () => {
  it("answers 304 to the ETag of the other instance's index once both applied the same changes", async () => {
    const file = path.join(TMP_DIR, `search-caching-${process.pid}-${crypto.randomUUID()}.index.db`);
    const index = openDatabase(file) as OpenedSqliteDatabase;
    const a = { ...fx.context };
    const b = { ...fx.context, search: createSqliteEngine(index.sqlite) };
    const on = async (context: typeof a, headers: Record<string, string> = {}) => {
      setAppContext(context);
      return get('q=jardins', headers);
    };
    try {
      await b.search.init();
      // Each instance built its index from the database at its start (scripts/start.ts).
      await reindexAll(fx.database, a.search);
      await reindexAll(fx.database, b.search);
      const answerA = await on(a);
      const fromA = answerA.headers.get('etag')!;
      const names = (await answerA.json()).hits.map((h: { name: string }) => h.name);
      expect(fromA).toMatch(/^W\/"dev-s\d+-l\d+"$/);
      const fromB = await on(b, { 'if-none-match': fromA });
      expect(fromB.status).toBe(304);
      expect(fromB.headers.get('etag')).toBe(fromA);

      // A applies a change B has not applied yet: B answers in full, then 304 again once it applied it too.
      await rename('Les Jardins de la Confluence', [a.search]);
      const newer = await on(a);
      const newerTag = newer.headers.get('etag')!;
      expect(newerTag).not.toBe(fromA);
      const behind = await on(b, { 'if-none-match': newerTag });
      expect(behind.status).toBe(200);
      expect((await behind.json()).hits.map((h: { name: string }) => h.name)).toEqual(names);
      expect((await newer.json()).hits.map((h: { name: string }) => h.name)).toEqual(['Les Jardins de la Confluence']);
      await follow(b.search);
      const caughtUp = await on(b, { 'if-none-match': newerTag });
      expect(caughtUp.status).toBe(304);
      expect((await on(a, { 'if-none-match': fromA })).status).toBe(200);
    } finally {
      setAppContext(fx.context);
      await b.search.close();
      await index.close();
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
    }
  });
});
