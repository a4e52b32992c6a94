import type { RequestHandler } from 'express';
import type { PageCacheRequest, RenderedPages } from '../services/cache/rendered-pages.server';

// Public pages sent before Remix runs (docs/decisions/307-pages-served-before-remix.md): a GET without cookies whose
// URL has a rendered page kept under the current data mark gets it at once, with this response's nonce. Every
// other GET without cookies carries its key and mark (null when no page is kept for it) to entry.server (load context `pageCache`), which keeps or
// re-marks the page after the loaders ran. Requests with a cookie (a session, whatever it holds) always go to Remix.

/** The load context entry for a request (undefined when pages are not kept for it). */
export function pageCacheRequest(res: { locals: Record<string, unknown> }): PageCacheRequest | undefined {
  return res.locals.pageCache as PageCacheRequest | undefined;
}

export function sendKeptPages(pages: RenderedPages | undefined): RequestHandler {
  return (req, res, next) => {
    if (!pages || req.method !== 'GET' || req.headers.cookie !== undefined) return next();
    const key = `${req.protocol}://${req.get('host') ?? ''}${req.originalUrl}`;
    // The mark costs a query (a round trip on PostgreSQL): it is read only for URLs that have a kept page. Any other
    // (the API, /healthz, a page seen for the first time) goes on without one; a page kept then is marked by its
    // next request.
    if (!pages.holds(key)) {
      res.locals.pageCache = { key, mark: null } satisfies PageCacheRequest;
      return next();
    }
    pages.mark().then((mark) => {
      const kept = pages.fresh(key, mark);
      if (!kept) {
        res.locals.pageCache = { key, mark } satisfies PageCacheRequest;
        return next();
      }
      const body = pages.withNonce(kept.html, String(res.locals.cspNonce));
      res.status(200);
      for (const [name, value] of kept.headers) res.append(name, value);
      res.setHeader('Content-Length', Buffer.byteLength(body));
      res.end(body);
    }, next);
  };
}
