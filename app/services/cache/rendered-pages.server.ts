import crypto from 'node:crypto';

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

export class RenderedPageCache {
  private readonly entries = new Map<string, string>();

  constructor(readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): string | undefined {
    const html = this.entries.get(key);
    if (html !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, html);
    }
    return html;
  }

  set(key: string, html: string): void {
    if (this.maxEntries <= 0) return;
    this.entries.delete(key);
    this.entries.set(key, html);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }
}

/** The cache key of a page: its URL, its status and a digest of every loader's data. */
export function renderedPageKey(url: string, status: number, loaderData: unknown): string {
  const digest = crypto.createHash('sha256').update(JSON.stringify(loaderData)).digest('base64url');
  return `${status} ${url} ${digest}`;
}

/** The HTML to send: the placeholder replaced by this response's nonce. */
export function withNonce(html: string, nonce: string): string {
  return html.replaceAll(NONCE_PLACEHOLDER, nonce);
}
