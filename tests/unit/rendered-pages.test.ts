import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendKeptPages } from '../../app/http/rendered-pages.server';
import { loaderDataDigest, PAGE_MARK_MAX_AGE_MS, RenderedPages } from '../../app/services/cache/rendered-pages.server';

// The rendered pages (docs/decisions/305 and 307): kept under their URL, checked by the digest of their loaders'
// data after the loaders ran, and by the data mark before Remix runs.

function pagesAt(mark: { value: string | null }, clock: { now: number }, size = 10) {
  return new RenderedPages(
    size,
    async () => mark.value,
    undefined,
    () => clock.now,
  );
}

const page = (html: string, digest: string, mark: string | null) => ({
  headers: [['content-type', 'text/html; charset=utf-8']] as [string, string][],
  html,
  digest,
  mark,
});

describe('RenderedPages (decisions 305, 307)', () => {
  it('digests every loader datum, so new data is a new digest', () => {
    const digest = loaderDataDigest({ root: { user: null }, page: { total: 3 } });
    expect(loaderDataDigest({ root: { user: null }, page: { total: 3 } })).toBe(digest);
    expect(loaderDataDigest({ root: { user: null }, page: { total: 4 } })).not.toBe(digest);
  });

  it('sends a page on its mark only while the mark is the same and for at most the set age', () => {
    const clock = { now: 1_000_000 };
    const pages = pagesAt({ value: 'd1/g1' }, clock);
    pages.keep('http://h/a', page('A', 'x', 'd1/g1'));
    expect(pages.fresh('http://h/a', 'd1/g1')?.html).toBe('A');
    expect(pages.fresh('http://h/a', 'd2/g1')).toBeUndefined();
    expect(pages.fresh('http://h/a', 'd1/g2')).toBeUndefined();
    expect(pages.fresh('http://h/a', null)).toBeUndefined();
    expect(pages.fresh('http://h/b', 'd1/g1')).toBeUndefined();
    clock.now += PAGE_MARK_MAX_AGE_MS + 1;
    expect(pages.fresh('http://h/a', 'd1/g1')).toBeUndefined();
  });

  it('after the loaders, gives the page back for the same data and takes the new mark and time', () => {
    const clock = { now: 1_000_000 };
    const pages = pagesAt({ value: 'd1' }, clock);
    pages.keep('http://h/a', page('A', 'x', 'd1'));
    expect(pages.sameData('http://h/a', 'y', 'd2')).toBeUndefined();
    expect(pages.fresh('http://h/a', 'd2')).toBeUndefined();
    clock.now += PAGE_MARK_MAX_AGE_MS + 1;
    expect(pages.sameData('http://h/a', 'x', 'd2')?.html).toBe('A');
    expect(pages.fresh('http://h/a', 'd2')?.html).toBe('A');
    // A request without a mark (one with cookies) does not re-mark the page.
    clock.now += PAGE_MARK_MAX_AGE_MS + 1;
    expect(pages.sameData('http://h/a', 'x', null)?.html).toBe('A');
    expect(pages.fresh('http://h/a', 'd2')).toBeUndefined();
  });

  it('puts each response’s nonce in place of every placeholder, unguessable per process', () => {
    const pages = pagesAt({ value: 'd1' }, { now: 0 });
    expect(pages.noncePlaceholder).toMatch(/^maillage-nonce-[0-9a-f]{32}$/);
    expect(pagesAt({ value: 'd1' }, { now: 0 }).noncePlaceholder).not.toBe(pages.noncePlaceholder);
    const html = `<script nonce="${pages.noncePlaceholder}"></script><script nonce="${pages.noncePlaceholder}"></script>`;
    expect(pages.withNonce(html, 'abc')).toBe('<script nonce="abc"></script><script nonce="abc"></script>');
  });

  it('keeps at most its size, least recently used out first, and nothing at 0', () => {
    const pages = pagesAt({ value: 'd1' }, { now: 0 }, 2);
    pages.keep('a', page('A', 'x', 'd1'));
    pages.keep('b', page('B', 'x', 'd1'));
    expect(pages.fresh('a', 'd1')?.html).toBe('A');
    pages.keep('c', page('C', 'x', 'd1'));
    expect(pages.fresh('b', 'd1')).toBeUndefined();
    expect(pages.size).toBe(2);
    const off = pagesAt({ value: 'd1' }, { now: 0 }, 0);
    off.keep('a', page('A', 'x', 'd1'));
    expect(off.fresh('a', 'd1')).toBeUndefined();
  });

  it('reads no mark when the database cannot give one, so nothing is sent without its loaders', async () => {
    const failing = new RenderedPages(10, async () => {
      throw new Error('base injoignable');
    });
    expect(await failing.mark()).toBeNull();
  });
});

describe('sendKeptPages, the middleware before Remix (decision 307)', () => {
  const mark = { value: 'd1' as string | null };
  let markReads = 0;
  const pages = new RenderedPages(10, async () => {
    markReads += 1;
    return mark.value;
  });
  let remixCalls = 0;
  let lastPageCache: unknown;
  let base = '';
  let close = () => {};

  beforeAll(async () => {
    const app = express();
    app.use((_req, res, next) => {
      res.locals.cspNonce = 'nonce-de-la-reponse';
      next();
    });
    app.use(sendKeptPages(pages));
    app.all('*', (_req, res) => {
      remixCalls += 1;
      lastPageCache = res.locals.pageCache;
      res.send('rendu par Remix');
    });
    const server = app.listen(0);
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://localhost:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(() => close());

  it('sends a kept page under its mark without Remix, with this response’s nonce and the kept headers', async () => {
    pages.keep(`${base}/fournisseurs/a`, {
      headers: [
        ['content-type', 'text/html; charset=utf-8'],
        ['cache-control', 'public, max-age=60'],
      ],
      html: `<script nonce="${pages.noncePlaceholder}"></script>`,
      digest: 'x',
      mark: 'd1',
    });
    const calls = remixCalls;
    const res = await fetch(`${base}/fournisseurs/a`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toBe('<script nonce="nonce-de-la-reponse"></script>');
    expect(remixCalls).toBe(calls);
  });

  it('hands the key and the mark to Remix when the mark moved, and for URLs it does not hold', async () => {
    mark.value = 'd2';
    const calls = remixCalls;
    expect(await (await fetch(`${base}/fournisseurs/a`)).text()).toBe('rendu par Remix');
    expect(lastPageCache).toEqual({ key: `${base}/fournisseurs/a`, mark: 'd2' });
    // A URL without a kept page goes on without reading the mark (the API, /healthz, a first visit).
    const reads = markReads;
    expect(await (await fetch(`${base}/fournisseurs/b?q=x`)).text()).toBe('rendu par Remix');
    expect(lastPageCache).toEqual({ key: `${base}/fournisseurs/b?q=x`, mark: null });
    expect(markReads).toBe(reads);
    expect(remixCalls).toBe(calls + 2);
  });

  it('leaves requests with a cookie, and other methods, to Remix without a key', async () => {
    mark.value = 'd1';
    const calls = remixCalls;
    const withCookie = await fetch(`${base}/fournisseurs/a`, { headers: { cookie: 'maillage_session=abc' } });
    expect(await withCookie.text()).toBe('rendu par Remix');
    expect(lastPageCache).toBeUndefined();
    const post = await fetch(`${base}/fournisseurs/a`, { method: 'POST' });
    expect(await post.text()).toBe('rendu par Remix');
    expect(lastPageCache).toBeUndefined();
    expect(remixCalls).toBe(calls + 2);
  });
});
