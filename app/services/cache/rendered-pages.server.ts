import crypto from 'node:crypto';
import { LruCache } from './lru';

// Rendered HTML of public pages for visitors who are not signed in (docs/decisions/305-rendered-page-cache.md).
// A page that opts in (its route's `handle` has `cacheRenderedPage: true`) is a pure function of its URL and of its
// loaders' data, so the cache key is the URL, the status and a digest of that data: new data (an index that moved,
// a sheet edited, a tender closed) is a new key, and nothing ever needs invalidating. The HTML is rendered with a
// placeholder for the CSP nonce, replaced by each response's own nonce when it is served.

/** Marks a route whose page may be served from the cache (see above). */
export interface CacheRenderedPageHandle {
  cacheRenderedPage?: boolean;
}

/** Unguessable per process, so that no page content can contain it by chance or by design. */
export const NONCE_PLACEHOLDER = `maillage-nonce-${crypto.randomBytes(16).toString('hex')}`;

/** Rendered pages by key (renderedPageKey), least recently used out first. */
export class RenderedPageCache extends LruCache<string> {}

/** The cache key of a page: its URL, its status and a digest of every loader's data. */
export function renderedPageKey(url: string, status: number, loaderData: unknown): string {
  const digest = crypto.createHash('sha256').update(JSON.stringify(loaderData)).digest('base64url');
  return `${status} ${url} ${digest}`;
}

/** The HTML to send: the placeholder replaced by this response's nonce. */
export function withNonce(html: string, nonce: string): string {
  return html.replaceAll(NONCE_PLACEHOLDER, nonce);
}
